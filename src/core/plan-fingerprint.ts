import { createHash } from 'node:crypto';

/**
 * A plan/apply fingerprint: what the plan was decided on (the default branch, production, every
 * label of the PRs it looked at and who applied the gating ones) in a short string. `promote`
 * given a fingerprint refuses when the same question now has a different basis. The fingerprint
 * starts with the target it approved, so that a rerun which finds that very target already
 * deployed can tell it is finishing the approved deploy.
 */
export interface PlanBasis {
  defaultSha: string;
  productionSha: string;
  target: string | undefined;
  /** PR number -> its labels. */
  labels: ReadonlyMap<number, readonly string[]>;
  /** PR number -> who applied its "waiting for production" label. */
  approvals: ReadonlyMap<number, string | undefined>;
}

export function planFingerprint(basis: PlanBasis): string {
  const labels = [...basis.labels.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, names]) => [number, [...names].map((name) => name.toLowerCase()).sort()]);
  const approvals = [...basis.approvals.entries()].sort(([a], [b]) => a - b);
  const digest = createHash('sha256')
    .update(JSON.stringify([basis.defaultSha, basis.productionSha, basis.target ?? null, labels, approvals]))
    .digest('hex');
  return `${(basis.target ?? 'none').slice(0, 12)}-${digest.slice(0, 16)}`;
}

/** The target commit (12 hex digits) a fingerprint approved, if it approved one. */
export function fingerprintTarget(fingerprint: string): string | undefined {
  const match = /^([0-9a-f]{12})-[0-9a-f]{16}$/.exec(fingerprint.trim());
  return match?.[1];
}

export function isFingerprint(text: string): boolean {
  return /^(?:[0-9a-f]{12}|none)-[0-9a-f]{16}$/.test(text.trim());
}
