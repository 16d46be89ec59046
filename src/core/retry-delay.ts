/**
 * When to try an HTTP request to a chat or status service again: on 429 (rate limited) and 5xx,
 * and when the connection failed, with bounded exponential backoff; a `Retry-After` header wins
 * when it is not longer than the longest wait. Anything else (400, 401, 403, 404) is final.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before the second attempt; doubled each time. */
  baseDelayMs: number;
  /** The longest single wait, whether from backoff or `Retry-After`. */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000 };

export interface AttemptOutcome {
  /** The HTTP status, or undefined when no response came back (connection refused, reset, timeout). */
  status?: number;
  /** The raw `Retry-After` header, seconds or an HTTP date. */
  retryAfter?: string | null;
}

export function isRetryable(outcome: AttemptOutcome): boolean {
  return outcome.status === undefined || outcome.status === 429 || outcome.status >= 500;
}

/**
 * How long to wait before attempt `attempt + 1` (attempts count from 1), or undefined when the
 * request must not be tried again.
 */
export function retryDelay(
  attempt: number,
  outcome: AttemptOutcome,
  policy: RetryPolicy = defaultRetryPolicy,
  nowMs = Date.now(),
): number | undefined {
  if (!isRetryable(outcome) || attempt >= policy.maxAttempts) return undefined;
  const told = retryAfterMs(outcome.retryAfter, nowMs);
  if (told !== undefined) return told <= policy.maxDelayMs ? told : undefined;
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

export function retryAfterMs(header: string | null | undefined, nowMs = Date.now()): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number.parseFloat(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
