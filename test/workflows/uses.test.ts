import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = new URL('../..', import.meta.url).pathname;

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

function workflowFiles(): string[] {
  return ['workflows', '.github/workflows'].flatMap((dir) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir))
          .filter((name) => /\.ya?ml$/.test(name))
          .map((name) => join(dir, name))
      : [],
  );
}

function stepsOf(file: string): Step[] {
  const workflow = parse(readFileSync(join(root, file), 'utf8')) as {
    jobs: Record<string, { steps?: Step[] }>;
  };
  return Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
}

function declaredInputs(actionYml: string): string[] {
  return Object.keys((parse(readFileSync(actionYml, 'utf8')) as { inputs?: object }).inputs ?? {});
}

// `uses: release-train/release-train/actions/<name>@v1`, or the root `release-train/release-train@v1` with `command:`.
const ours = /^[^/]+\/release-train(?:\/actions\/([a-z-]+))?@/;

describe('the ready-to-copy workflows', () => {
  const files = workflowFiles();

  it('there are workflows to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)(
    'every release-train step in %s names an existing action with inputs it declares',
    (file) => {
      const steps = stepsOf(file).filter((step) => step.uses && ours.test(step.uses));
      for (const step of steps) {
        const name = ours.exec(step.uses!)![1];
        const actionYml = name ? join(root, 'actions', name, 'action.yml') : join(root, 'action.yml');
        expect({ uses: step.uses, exists: existsSync(actionYml) }).toEqual({ uses: step.uses, exists: true });
        const undeclared = Object.keys(step.with ?? {}).filter(
          (input) => !declaredInputs(actionYml).includes(input),
        );
        expect({ uses: step.uses, undeclared }).toEqual({ uses: step.uses, undeclared: [] });
        if (!name) {
          expect(existsSync(join(root, 'actions', String(step.with?.command), 'action.yml'))).toBe(true);
        }
      }
    },
  );
});
