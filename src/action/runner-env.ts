import { readFileSync } from 'node:fs';
import { ReleaseTrainError } from './failure.js';

/** What the GitHub runner tells an action about where and why it runs, read from the environment. */
export interface RunnerEnv {
  owner: string;
  repo: string;
  eventName: string;
  event: Record<string, unknown>;
  actor: string;
  serverUrl: string;
  apiUrl: string;
  runId: string;
  runUrl: string;
  sha: string;
  ref: string;
  workspace: string;
  runnerTemp: string;
}

export function readRunnerEnv(env: NodeJS.ProcessEnv = process.env): RunnerEnv {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner = '', repo = ''] = repository.split('/');
  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com';
  const runId = env.GITHUB_RUN_ID ?? '';
  return {
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    event: readEvent(env.GITHUB_EVENT_PATH),
    actor: env.GITHUB_ACTOR ?? '',
    serverUrl,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    runId,
    runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : '',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    runnerTemp: env.RUNNER_TEMP || '',
  };
}

function readEvent(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ReleaseTrainError(
      'bad-event',
      `Could not read the event payload at ${path}: ${(error as Error).message}. Nothing was changed.`,
    );
  }
}

/** Fails with a clear message when the action is not running inside a repository context. */
export function requireRepository(runner: RunnerEnv): { owner: string; repo: string } {
  if (!runner.owner || !runner.repo) {
    throw new ReleaseTrainError(
      'bad-input',
      'GITHUB_REPOSITORY is not set (expected OWNER/NAME). Nothing was changed; run inside a GitHub workflow or pass --repo.',
    );
  }
  return { owner: runner.owner, repo: runner.repo };
}
