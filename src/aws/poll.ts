import { isThrottling } from './clients.js';

/**
 * Waiting on AWS with our own deadline (the `timeout` input), never the SDK's waiters and their
 * fixed limits. A throttled look (after the SDK's own retries) is not a failure: the next one
 * waits twice as long, up to a minute.
 */
export interface PollOptions<T> {
  /** Epoch ms after which the wait gives up. */
  deadline: number;
  intervalMs: number;
  /** Called with every value read (progress lines). */
  onValue?: (value: T) => void;
  onThrottled?: (waitMs: number) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type PollResult<T> = { done: true; value: T } | { done: false; value: T | undefined };

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function pollUntil<T>(
  read: () => Promise<T>,
  isDone: (value: T) => boolean,
  options: PollOptions<T>,
): Promise<PollResult<T>> {
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  let last: T | undefined;
  let backoff = options.intervalMs;
  for (;;) {
    try {
      last = await read();
      backoff = options.intervalMs;
      options.onValue?.(last);
      if (isDone(last)) return { done: true, value: last };
    } catch (error) {
      if (!isThrottling(error)) throw error;
      backoff = Math.min(Math.max(backoff * 2, options.intervalMs), 60_000);
      options.onThrottled?.(backoff);
    }
    const left = options.deadline - now();
    if (left <= 0) return { done: false, value: last };
    await wait(Math.min(backoff, left));
  }
}
