/**
 * When a metric counts as recovered after a deploy (the runbook's "number of online devices is
 * back"). The tolerance is a percentage of the value before (`2%`) or an absolute amount (`5`).
 * `at-least` (the default) accepts anything not lower than before minus the tolerance, since
 * more devices online is no problem; `within` wants the value near before on both sides;
 * `at-most` suits error counts and latencies.
 */

export type Tolerance = { kind: 'percent'; amount: number } | { kind: 'absolute'; amount: number };
export type Direction = 'at-least' | 'within' | 'at-most';

export type ToleranceParse = { ok: true; tolerance: Tolerance } | { ok: false; problem: string };

export function parseTolerance(text: string): ToleranceParse {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!match) return { ok: false, problem: `"${text}" is not a tolerance such as 2% or 5` };
  const amount = Number.parseFloat(match[1]!);
  if (match[2] === '%' && amount > 100)
    return { ok: false, problem: `"${text}": a percentage above 100% accepts anything` };
  return { ok: true, tolerance: { kind: match[2] === '%' ? 'percent' : 'absolute', amount } };
}

export function describeTolerance(tolerance: Tolerance): string {
  return tolerance.kind === 'percent' ? `${tolerance.amount}%` : `±${tolerance.amount}`;
}

export interface RecoveryBounds {
  /** The lowest value that counts as recovered, if there is one. */
  low?: number;
  /** The highest value that counts as recovered, if there is one. */
  high?: number;
}

export function recoveryBounds(baseline: number, tolerance: Tolerance, direction: Direction): RecoveryBounds {
  const slack =
    tolerance.kind === 'percent' ? (Math.abs(baseline) * tolerance.amount) / 100 : tolerance.amount;
  return {
    ...(direction !== 'at-most' && { low: baseline - slack }),
    ...(direction !== 'at-least' && { high: baseline + slack }),
  };
}

export function isRecovered(value: number, bounds: RecoveryBounds): boolean {
  // A hair of float slack so that 98 counts as "within 2% of 100".
  const epsilon = 1e-9 * Math.max(1, Math.abs(value));
  return (
    (bounds.low === undefined || value >= bounds.low - epsilon) &&
    (bounds.high === undefined || value <= bounds.high + epsilon)
  );
}

export function describeBounds(bounds: RecoveryBounds): string {
  const round = (n: number) => Number(n.toFixed(6)).toString();
  if (bounds.low !== undefined && bounds.high !== undefined)
    return `between ${round(bounds.low)} and ${round(bounds.high)}`;
  if (bounds.low !== undefined) return `at least ${round(bounds.low)}`;
  return `at most ${round(bounds.high!)}`;
}
