import type { MetricReading } from '../core/json-path.js';

/**
 * Polls a metric until a condition holds or time runs out. The clock is a parameter so tests
 * can drive time instead of sleeping.
 */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface Sample {
  /** Milliseconds since the watch started. */
  atMs: number;
  value?: number;
  problem?: string;
}

export interface WatchOptions {
  timeoutMs: number;
  intervalMs: number;
  clock?: Clock;
  onSample?(sample: Sample): void;
}

export interface WatchResult {
  satisfied: boolean;
  samples: Sample[];
}

export async function watchMetric(
  read: () => Promise<MetricReading>,
  satisfied: (value: number) => boolean,
  options: WatchOptions,
): Promise<WatchResult> {
  const clock = options.clock ?? systemClock;
  const start = clock.now();
  const samples: Sample[] = [];
  for (;;) {
    const reading = await read();
    const atMs = clock.now() - start;
    const sample: Sample = reading.ok ? { atMs, value: reading.value } : { atMs, problem: reading.problem };
    samples.push(sample);
    options.onSample?.(sample);
    if (reading.ok && satisfied(reading.value)) return { satisfied: true, samples };
    if (clock.now() - start + options.intervalMs > options.timeoutMs) return { satisfied: false, samples };
    await clock.sleep(options.intervalMs);
  }
}

/** One reading, tried again a few times when it fails (a baseline must come from a real read). */
export async function readWithRetries(
  read: () => Promise<MetricReading>,
  attempts: number,
  delayMs: number,
  clock: Clock = systemClock,
): Promise<{ reading: MetricReading; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    const reading = await read();
    if (reading.ok || attempt >= attempts) return { reading, attempts: attempt };
    await clock.sleep(delayMs * 2 ** (attempt - 1));
  }
}
