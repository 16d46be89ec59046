/**
 * A benchmark reports figures that mean something on any machine: ratios against a floor measured
 * in the same run, and counts (API requests, bytes) that do not depend on the machine.
 */
export interface BenchFigure {
  name: string;
  value: number;
  unit: 'ratio' | 'count' | 'bytes' | 'ms';
  /** How to read the figure, e.g. "plan time / git rev-list time". */
  note?: string;
}

export interface BenchReport {
  title: string;
  figures: BenchFigure[];
}

export type Bench = () => Promise<BenchReport>;

/** Median wall time of `runs` runs of `body`, in milliseconds. */
export async function medianMs(runs: number, body: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await body();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
