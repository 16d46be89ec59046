/**
 * Failures a test asks for: secondary rate limits (403/429 with `retry-after`), server errors,
 * or a write that GitHub applied but whose answer was lost (`after: true`).
 */
export interface FaultSpec {
  /** Matches any method when left out. */
  method?: string;
  /** The request path (no query): a RegExp, or a string that must equal it. Any path when left out. */
  path?: RegExp | string;
  /** Only requests made as this login. */
  user?: string;
  status: number;
  /** Seconds, sent as the `retry-after` header. */
  retryAfter?: number;
  /** Defaults to GitHub's message for the status. */
  message?: string;
  /** Extra response headers (e.g. x-ratelimit-remaining: 0). */
  headers?: Record<string, string>;
  /** How many matching requests fail (default 1; Infinity for all). */
  times?: number;
  /** Serve the request (the write happens), then answer with the fault instead of the result. */
  after?: boolean;
}

export interface Fault extends FaultSpec {
  /** How many requests this fault answered so far. */
  hits: number;
}

const SECONDARY_RATE_LIMIT =
  'You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later.';

export function faultBody(fault: Fault): Record<string, unknown> {
  const message =
    fault.message ??
    (fault.status === 403 || fault.status === 429
      ? SECONDARY_RATE_LIMIT
      : fault.status >= 500
        ? 'Server Error'
        : 'Fault injected by the GitHub emulator');
  return {
    message,
    documentation_url:
      fault.status === 403 || fault.status === 429
        ? 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'
        : 'https://docs.github.com/rest',
    status: String(fault.status),
  };
}

export function faultHeaders(fault: Fault): Record<string, string> {
  return {
    ...(fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {}),
    ...fault.headers,
  };
}

export class Faults {
  private readonly faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const fault: Fault = { times: 1, ...spec, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** The fault that answers this request, counting it as used. */
  take(method: string, path: string, user: string | undefined, after: boolean): Fault | undefined {
    const fault = this.faults.find(
      (candidate) =>
        Boolean(candidate.after) === after &&
        candidate.hits < (candidate.times ?? 1) &&
        (!candidate.method || candidate.method.toUpperCase() === method) &&
        (!candidate.user || candidate.user.toLowerCase() === user?.toLowerCase()) &&
        (candidate.path === undefined ||
          (typeof candidate.path === 'string' ? candidate.path === path : candidate.path.test(path))),
    );
    if (fault) fault.hits++;
    return fault;
  }
}
