import type { MetricReading } from '../../src/core/json-path.js';
import { type Clock, readWithRetries, watchMetric } from '../../src/metric/watch.js';

/** A clock the test moves: sleeping advances it instantly. */
function steppedClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

const series = (...values: (number | string)[]) => {
  let i = 0;
  return async (): Promise<MetricReading> => {
    const value = values[Math.min(i++, values.length - 1)]!;
    return typeof value === 'number' ? { ok: true, value } : { ok: false, problem: value };
  };
};

describe('watching a metric', () => {
  it('stops at the first reading that satisfies the condition', async () => {
    const clock = steppedClock();
    const result = await watchMetric(series(10, 'HTTP 503', 20, 30), (value) => value >= 20, {
      timeoutMs: 60_000,
      intervalMs: 5000,
      clock,
    });
    expect(result.satisfied).toBe(true);
    expect(result.samples).toEqual([
      { atMs: 0, value: 10 },
      { atMs: 5000, problem: 'HTTP 503' },
      { atMs: 10_000, value: 20 },
    ]);
  });

  it('gives up when the next reading would come after the timeout', async () => {
    const clock = steppedClock();
    const result = await watchMetric(series(1), (value) => value > 5, {
      timeoutMs: 12_000,
      intervalMs: 5000,
      clock,
    });
    expect(result.satisfied).toBe(false);
    expect(result.samples.map((sample) => sample.atMs)).toEqual([0, 5000, 10_000]);
  });

  it('a baseline read is tried again with backoff, and only a few times', async () => {
    const clock = steppedClock();
    const { reading, attempts } = await readWithRetries(series('down', 'down', 'down', 7), 3, 1000, clock);
    expect(reading).toEqual({ ok: false, problem: 'down' });
    expect(attempts).toBe(3);
    expect(clock.slept).toEqual([1000, 2000]);
  });
});
