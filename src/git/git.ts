import { spawn } from 'node:child_process';

/** The outcome of one git command; `code` 0 is success. */
export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    super(
      `git ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim()}`,
    );
  }
}

export interface GitIdentity {
  name: string;
  email: string;
}

/** Who release-train's commits and tags are from when the checkout names nobody. */
export const BOT_IDENTITY: GitIdentity = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};

export interface RunOptions {
  input?: string;
  env?: Record<string, string>;
  /** Another folder than the checkout (a temporary worktree). */
  cwd?: string;
}

/**
 * The git CLI in one checkout, run with execFile-style argument lists (never a shell string).
 * Local hooks and signing are off for release-train's own commands: a deploy must not stop at a
 * prompt. Server-side hooks on the remote still apply, as they should.
 */
export class Git {
  constructor(
    readonly cwd: string,
    private readonly baseEnv: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Runs git and returns its output; a non-zero exit throws a GitError. */
  async run(args: string[], options: RunOptions = {}): Promise<string> {
    const result = await this.attempt(args, options);
    if (result.code !== 0) throw new GitError(args, result);
    return result.stdout;
  }

  /** Runs git and returns the outcome whatever it is. */
  attempt(args: string[], options: RunOptions = {}): Promise<GitResult> {
    const fullArgs = [
      '-c',
      'core.hooksPath=/dev/null',
      '-c',
      'commit.gpgSign=false',
      '-c',
      'tag.gpgSign=false',
      '-c',
      'advice.detachedHead=false',
      ...args,
    ];
    return new Promise((resolve, reject) => {
      const child = spawn('git', fullArgs, {
        cwd: options.cwd ?? this.cwd,
        env: { ...this.baseEnv, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({
          code: code ?? 1,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        }),
      );
      child.stdin.on('error', () => {});
      child.stdin.end(options.input ?? '');
    });
  }

  /** The identity the checkout is configured with, or the bot's. */
  async identity(): Promise<GitIdentity> {
    const name = (await this.attempt(['config', 'user.name'])).stdout.trim();
    const email = (await this.attempt(['config', 'user.email'])).stdout.trim();
    return name && email ? { name, email } : BOT_IDENTITY;
  }
}

/** Environment that makes `who` the committer (and author) at `when`, so writes are reproducible. */
export function authorship(
  who: GitIdentity,
  when: Date,
  options: { author?: boolean } = {},
): Record<string, string> {
  const date = when.toISOString();
  const env: Record<string, string> = {
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
    GIT_COMMITTER_DATE: date,
  };
  if (options.author)
    Object.assign(env, { GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_AUTHOR_DATE: date });
  return env;
}
