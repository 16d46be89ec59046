import { getOctokit } from '@actions/github';

export type GitHub = ReturnType<typeof getOctokit>;

export interface GitHubOptions {
  /** Defaults to GITHUB_API_URL, then https://api.github.com. */
  baseUrl?: string;
  /** How many times a rate-limited or 5xx request is tried again. */
  maxRetries?: number;
  /** Longest single wait for a `retry-after`, in milliseconds; longer waits fail instead. */
  maxWaitMs?: number;
  onRetry?: (message: string) => void;
}

/** Counts the requests a client sent: the machine-independent figure the benchmarks print. */
export interface RequestStats {
  requests: number;
  retries: number;
}

const stats = new WeakMap<object, RequestStats>();

export function requestStats(github: GitHub): RequestStats {
  return stats.get(github) ?? { requests: 0, retries: 0 };
}

/**
 * An Octokit client that honours GitHub's rate limits: on a secondary rate limit (403/429 with
 * `retry-after` or an exhausted `x-ratelimit-remaining`) it waits as told and tries again; on a
 * 5xx it retries a read with backoff. Writes are never retried after a 5xx, because GitHub may
 * have applied them; callers make their writes idempotent and rerunnable instead.
 */
export function createGitHub(token: string, options: GitHubOptions = {}): GitHub {
  const baseUrl = options.baseUrl || process.env.GITHUB_API_URL || 'https://api.github.com';
  const github = getOctokit(token, { baseUrl });
  const counter: RequestStats = { requests: 0, retries: 0 };
  stats.set(github, counter);
  const maxRetries = options.maxRetries ?? 3;
  const maxWaitMs = options.maxWaitMs ?? 120_000;

  github.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 0; ; attempt++) {
      counter.requests++;
      try {
        return await request(requestOptions);
      } catch (error) {
        const waitMs = retryDelay(error, requestOptions.method, attempt);
        if (waitMs === undefined || attempt >= maxRetries || waitMs > maxWaitMs) throw error;
        counter.retries++;
        options.onRetry?.(
          `GitHub answered ${(error as { status?: number }).status} to ${requestOptions.method} ${requestOptions.url}; retrying in ${Math.ceil(waitMs / 1000)}s`,
        );
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  });
  return github;
}

interface HttpError {
  status?: number;
  response?: { headers?: Record<string, string | number | undefined> };
}

function retryDelay(error: unknown, method: string, attempt: number): number | undefined {
  const { status, response } = error as HttpError;
  const headers = response?.headers ?? {};
  if (status === 403 || status === 429) {
    const retryAfter = headers['retry-after'];
    if (retryAfter !== undefined) return Number(retryAfter) * 1000;
    if (String(headers['x-ratelimit-remaining']) === '0' && headers['x-ratelimit-reset'] !== undefined) {
      return Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - Date.now()) + 1000;
    }
    return status === 429 ? 60_000 : undefined;
  }
  if (status !== undefined && status >= 500 && method === 'GET') return 500 * 2 ** attempt;
  return undefined;
}
