import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';
import { ReleaseTrainError } from '../action/failure.js';
import type { RepoRef } from '../core/linked-issues.js';
import type { CliIO } from './command.js';

export interface CommonOptions {
  repo: RepoRef;
  token: string;
  apiUrl: string | undefined;
  json: boolean;
}

type OptionSpec = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

const common: OptionSpec = {
  repo: { type: 'string' },
  token: { type: 'string' },
  'api-url': { type: 'string' },
  json: { type: 'boolean', default: false },
};

/** Parses the options every command shares (and the command's own), with clear usage errors. */
export async function parseCliOptions(
  args: string[],
  io: CliIO,
  own: OptionSpec = {},
): Promise<{
  common: CommonOptions;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: { ...common, ...own }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ReleaseTrainError('bad-input', (error as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const token = (values.token as string | undefined) ?? io.env.GITHUB_TOKEN ?? io.env.GH_TOKEN;
  if (!token) {
    throw new ReleaseTrainError(
      'bad-input',
      'No GitHub token: pass --token or set GITHUB_TOKEN. Nothing was changed.',
    );
  }
  const repo = values.repo ? parseRepo(String(values.repo)) : await repoFromOrigin(io.cwd);
  return {
    common: {
      repo,
      token,
      apiUrl: (values['api-url'] as string | undefined) ?? io.env.GITHUB_API_URL,
      json: values.json === true,
    },
    values,
    positionals: parsed.positionals,
  };
}

export function parseRepo(text: string): RepoRef {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(text);
  if (!match) throw new ReleaseTrainError('bad-input', `--repo must be OWNER/NAME, got "${text}".`);
  return { owner: match[1]!, repo: match[2]! };
}

/** OWNER/NAME from the checkout's `origin`: an https or ssh GitHub URL, or a path ending OWNER/NAME.git. */
export async function repoFromOrigin(cwd: string): Promise<RepoRef> {
  let url: string;
  try {
    url = (await promisify(execFile)('git', ['remote', 'get-url', 'origin'], { cwd })).stdout.trim();
  } catch {
    throw new ReleaseTrainError(
      'bad-input',
      'Not in a git checkout with an origin remote: pass --repo OWNER/NAME.',
    );
  }
  const match = /[/:]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url);
  if (!match)
    throw new ReleaseTrainError('bad-input', `Cannot tell OWNER/NAME from origin ${url}: pass --repo.`);
  return { owner: match[1]!, repo: match[2]! };
}
