import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runNode } from './run-cli.js';

const root = new URL('../..', import.meta.url).pathname;

export interface RunActionOptions {
  /** Inputs as the workflow's `with:` gives them; the action.yml defaults fill the rest. */
  inputs?: Record<string, string | number | boolean>;
  event?: { name: string; payload?: Record<string, unknown> };
  /** OWNER/NAME. */
  repository?: string;
  actor?: string;
  apiUrl?: string;
  serverUrl?: string;
  workspace?: string;
  sha?: string;
  ref?: string;
  runId?: string;
  /** Extra environment (e.g. RELEASE_TRAIN_NOW to fix the clock). */
  env?: Record<string, string>;
  /** Kills the action after this long. */
  timeoutMs?: number;
}

export interface ActionRun {
  exitCode: number | null;
  outputs: Record<string, string>;
  /** The parsed `result` output, when the action wrote one. */
  result: Record<string, unknown> | undefined;
  summary: string;
  stdout: string;
  stderr: string;
  /** The `::error::` / `::warning::` annotations the action printed. */
  errors: string[];
  warnings: string[];
  /** Values the action registered as secrets (`::add-mask::`). */
  masked: string[];
}

/** The default of every input declared in actions/<name>/action.yml (or the root action.yml). */
async function inputDefaults(action: string): Promise<Record<string, string>> {
  const file = action === 'main' ? join(root, 'action.yml') : join(root, 'actions', action, 'action.yml');
  if (!existsSync(file)) return {};
  const spec = parse(await readFile(file, 'utf8')) as { inputs?: Record<string, { default?: unknown }> };
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(spec.inputs ?? {})) {
    // Expressions such as ${{ github.token }} are the runner's to fill; tests pass those explicitly.
    if (input.default !== undefined && !String(input.default).includes('${{')) {
      defaults[name] = String(input.default);
    }
  }
  return defaults;
}

function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Parses the GITHUB_OUTPUT file format: `name<<DELIMITER\nvalue\nDELIMITER` or `name=value`. */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i]!);
      values[name!] = body.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      values[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return values;
}

/**
 * Runs dist/<action>.js (`main` is the root action) as a child process with the environment a
 * GitHub runner gives a node24 action, and collects what it wrote. Async, so that emulators
 * served by the test process keep answering while the action runs.
 */
export async function runAction(action: string, options: RunActionOptions = {}): Promise<ActionRun> {
  const entry = join(root, 'dist', `${action}.js`);
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run npm run build`);
  const temp = await mkdtemp(join(tmpdir(), 'release-train-runner-'));
  try {
    const files = {
      event: join(temp, 'event.json'),
      output: join(temp, 'output'),
      state: join(temp, 'state'),
      summary: join(temp, 'summary.md'),
      env: join(temp, 'env'),
      path: join(temp, 'path'),
    };
    const workspace = options.workspace ?? join(temp, 'workspace');
    await mkdir(workspace, { recursive: true });
    await mkdir(join(temp, 'runner-temp'), { recursive: true });
    await writeFile(files.event, JSON.stringify(options.event?.payload ?? {}));
    for (const file of [files.output, files.state, files.summary, files.env, files.path])
      await writeFile(file, '');

    const inputs = { ...(await inputDefaults(action)), ...options.inputs };
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: 'C.UTF-8',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: join(temp, 'runner-temp'),
      GITHUB_EVENT_NAME: options.event?.name ?? 'workflow_dispatch',
      GITHUB_EVENT_PATH: files.event,
      GITHUB_REPOSITORY: options.repository ?? 'octo-org/app',
      GITHUB_REPOSITORY_OWNER: (options.repository ?? 'octo-org/app').split('/')[0],
      GITHUB_ACTOR: options.actor ?? 'octocat',
      GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
      GITHUB_SERVER_URL: options.serverUrl ?? 'https://github.example',
      GITHUB_WORKSPACE: workspace,
      GITHUB_SHA: options.sha ?? '',
      GITHUB_REF: options.ref ?? 'refs/heads/main',
      GITHUB_RUN_ID: options.runId ?? '4242',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_OUTPUT: files.output,
      GITHUB_STATE: files.state,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_ENV: files.env,
      GITHUB_PATH: files.path,
      ...options.env,
    };
    for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = String(value);

    const { exitCode, stdout, stderr } = await runNode(entry, [], {
      cwd: workspace,
      env,
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    });

    const outputs = parseCommandFile(await readFile(files.output, 'utf8'));
    const commands = (prefix: string) =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith(prefix))
        .map((line) => line.slice(line.indexOf('::', 2) + 2));
    return {
      exitCode,
      outputs,
      result: outputs.result ? (JSON.parse(outputs.result) as Record<string, unknown>) : undefined,
      summary: await readFile(files.summary, 'utf8'),
      stdout,
      stderr,
      errors: commands('::error'),
      warnings: commands('::warning'),
      masked: commands('::add-mask::'),
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
