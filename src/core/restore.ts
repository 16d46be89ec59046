import { type DeployRecord, recordTagKeys } from './deploy-record.js';
import { type GroupInstance, type GroupState, isActive } from './group-state.js';

/**
 * Putting a group back the way the deploy record says it was: after a failed surge (rollback) or a
 * crashed one (`release-train doctor --repair`). The old fleet keeps serving; the new instances
 * go; desired, max, protection and processes return to what they were; the record is deleted last.
 */
export interface RestorePlan {
  /** The instances that make up the group again, up to D. */
  keep: string[];
  /** Everything else, instances out of traffic first (each deregistered, drained, terminated). */
  remove: string[];
  desired: number;
  maxSize: number;
  /** Kept instances release-train had protected from scale in. */
  unprotect: string[];
  resume: string[];
  deleteTags: string[];
}

/**
 * Keeps, up to D: the old instances still serving, then new ones serving (when old ones were already
 * replaced or died), then old ones still registered but failing health checks. Old instances already
 * deregistered are on their way out and go with the rest, so serving capacity never drops to
 * restore an instance that no longer takes traffic.
 */
export function restorePlan(record: DeployRecord, state: GroupState): RestorePlan {
  const active = state.instances.filter(isActive);
  const old = new Set(record.oldInstances);
  const oldOrder = new Map(record.oldInstances.map((id, index) => [id, index]));
  const byOldOrder = (a: GroupInstance, b: GroupInstance) => oldOrder.get(a.id)! - oldOrder.get(b.id)!;
  const isOld = (instance: GroupInstance) => old.has(instance.id);
  const candidates = [
    ...active.filter((instance) => isOld(instance) && instance.traffic === 'serving').sort(byOldOrder),
    ...active.filter((instance) => !isOld(instance) && instance.traffic === 'serving'),
    ...active.filter((instance) => isOld(instance) && instance.traffic === 'out-of-service').sort(byOldOrder),
  ];
  const keep = candidates.slice(0, record.desired).map((instance) => instance.id);
  const kept = new Set(keep);
  const leaving = active.filter((instance) => !kept.has(instance.id));
  const remove = [
    ...leaving.filter((instance) => instance.traffic !== 'serving'),
    ...leaving.filter((instance) => instance.traffic === 'serving'),
  ].map((instance) => instance.id);
  return {
    keep,
    remove,
    desired: record.desired,
    maxSize: record.max,
    unprotect: record.protectedByUs.filter((id) => kept.has(id)),
    resume: record.suspended.filter((name) => state.suspendedProcesses.includes(name)),
    deleteTags: recordTagKeys(state.tags),
  };
}
