/**
 * How many old instances go at once. A quorum service (etcd, consul) stays available only while a
 * majority of its members is up, so `one-by-one` never replaces more than a minority at once.
 */

export type Strategy = 'surge' | 'one-by-one' | 'instance-refresh';

export function majority(members: number): number {
  return Math.floor(members / 2) + 1;
}

/** The largest batch that still leaves a majority of `members` untouched (at least 1). */
export function largestSafeBatch(members: number): number {
  return Math.max(1, members - majority(members));
}

export type BatchDecision = { ok: true; batch: number } | { ok: false; reason: string; largestSafe: number };

/**
 * `surge` replaces the whole group at once unless `max-batch` says otherwise; `one-by-one` replaces
 * one member at a time, or `max-batch` members, refused when that batch could take out a majority.
 */
export function batchSize(strategy: Strategy, members: number, maxBatch?: number): BatchDecision {
  const largestSafe = largestSafeBatch(members);
  if (strategy === 'one-by-one') {
    const batch = maxBatch ?? 1;
    if (batch > largestSafe) {
      return {
        ok: false,
        largestSafe,
        reason: `max-batch ${batch} could take out a majority of the ${members} members (a quorum needs ${majority(members)}); use max-batch ${largestSafe} or less`,
      };
    }
    return { ok: true, batch: Math.min(batch, Math.max(members, 1)) };
  }
  return { ok: true, batch: Math.max(1, Math.min(maxBatch ?? members, members)) };
}
