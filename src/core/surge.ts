import type { DeployRecord } from './deploy-record.js';
import { type GroupInstance, type GroupState, isActive } from './group-state.js';
import { terminationOrder } from './termination-order.js';

/**
 * A surge, the runbook's rolling deploy: launch new instances next to the old ones, wait until the
 * load balancer shows every new one in service, then remove exactly the old ones, oldest first,
 * after connection draining. With a batch smaller than the group (`max-batch`, `one-by-one`) it
 * repeats: B new in, B old out, never fewer than D instances serving.
 */

/**
 * Processes that would fight a surge: AZRebalance terminates instances to even out zones,
 * scheduled actions change the desired capacity, an instance refresh replaces instances on its own.
 * Alarm notifications are never suspended: a group that cannot scale out under load is an outage.
 */
export const SURGE_SUSPENDED_PROCESSES = ['AZRebalance', 'ScheduledActions', 'InstanceRefresh'];

export interface SurgePlan {
  group: string;
  strategy: 'surge' | 'one-by-one';
  /** D: the desired capacity before the deploy, and the floor of serving instances throughout. */
  desired: number;
  batch: number;
  /** The old instances in the order they leave, cut into batches. */
  batches: string[][];
  /** Max during the deploy: D + batch when the group's own max is lower. */
  maxSize: number;
  suspend: string[];
  protect: string[];
  record: DeployRecord;
}

export interface SurgeOptions {
  strategy: 'surge' | 'one-by-one';
  batch: number;
  startedAt: string;
  run: string;
}

export function planSurge(state: GroupState, options: SurgeOptions): SurgePlan {
  const active = state.instances.filter(isActive);
  const order = terminationOrder(active);
  const batch = Math.max(1, Math.min(options.batch, Math.max(order.length, 1)));
  const batches: string[][] = [];
  for (let i = 0; i < order.length; i += batch) batches.push(order.slice(i, i + batch));
  const suspend = SURGE_SUSPENDED_PROCESSES.filter((name) => !state.suspendedProcesses.includes(name));
  const protect = active.filter((instance) => !instance.protectedFromScaleIn).map((instance) => instance.id);
  return {
    group: state.name,
    strategy: options.strategy,
    desired: state.desired,
    batch,
    batches,
    maxSize: Math.max(state.max, state.desired + batch),
    suspend,
    protect,
    record: {
      strategy: options.strategy,
      desired: state.desired,
      min: state.min,
      max: state.max,
      suspended: suspend,
      oldInstances: order,
      protectedByUs: order.filter((id) => protect.includes(id)),
      startedAt: options.startedAt,
      run: options.run,
    },
  };
}

/** Old instances still in the group and not on their way out, in their planned order. */
export function remainingOld(record: DeployRecord, state: GroupState): GroupInstance[] {
  const byId = new Map(state.instances.filter(isActive).map((instance) => [instance.id, instance]));
  return record.oldInstances.flatMap((id) => {
    const instance = byId.get(id);
    return instance ? [instance] : [];
  });
}

/** Instances that are not old and still count towards capacity. */
export function newInstances(record: DeployRecord, state: GroupState): GroupInstance[] {
  const old = new Set(record.oldInstances);
  return state.instances.filter((instance) => isActive(instance) && !old.has(instance.id));
}

/**
 * The next old instances to go: up to `batch` of the remaining ones, those already out of traffic
 * first (they serve nobody), then in the planned order.
 */
export function nextBatch(record: DeployRecord, state: GroupState, batch: number): string[] {
  const remaining = remainingOld(record, state);
  const idle = remaining.filter((instance) => instance.traffic !== 'serving');
  const serving = remaining.filter((instance) => instance.traffic === 'serving');
  return [...idle, ...serving].slice(0, batch).map((instance) => instance.id);
}

export interface BatchProgress {
  /** New instances in service at every load balancer. */
  servingNew: string[];
  /** M: how many new instances must serve before this batch can go without dropping below D. */
  needed: number;
  ready: boolean;
  message: string;
}

/**
 * Whether `batch` can leave now: only when the new instances in service plus the old ones staying
 * make at least D. A classic ELB lists draining instances as InService; only new ids count here.
 */
export function batchProgress(record: DeployRecord, state: GroupState, batch: string[]): BatchProgress {
  const leaving = new Set(batch);
  const servingOldStaying = remainingOld(record, state).filter(
    (instance) => !leaving.has(instance.id) && instance.traffic === 'serving',
  ).length;
  const servingNew = newInstances(record, state)
    .filter((instance) => instance.traffic === 'serving')
    .map((instance) => instance.id);
  const needed = Math.max(0, record.desired - servingOldStaying);
  return {
    servingNew,
    needed,
    ready: servingNew.length >= needed,
    message: `${Math.min(servingNew.length, needed)} of ${needed} new instances in service`,
  };
}

/**
 * Old instances that left the group without release-train terminating them (an instance that died
 * and was replaced): each left a replacement behind on top of the desired capacity we asked for.
 */
export function lostOld(
  record: DeployRecord,
  state: GroupState,
  terminatedByUs: ReadonlySet<string>,
): string[] {
  const present = new Set(state.instances.filter(isActive).map((instance) => instance.id));
  return record.oldInstances.filter((id) => !present.has(id) && !terminatedByUs.has(id));
}

/**
 * Which new instances to remove when the group holds more than we asked for: those not serving
 * first, and never so many serving ones that fewer than D would remain.
 */
export function surplus(record: DeployRecord, state: GroupState, count: number): string[] {
  const fresh = newInstances(record, state);
  const idle = fresh.filter((instance) => instance.traffic !== 'serving').map((instance) => instance.id);
  const serving = fresh.filter((instance) => instance.traffic === 'serving').map((instance) => instance.id);
  const spareServing = Math.max(0, serving.length - record.desired);
  return [...idle, ...serving.slice(serving.length - spareServing)].slice(0, Math.max(0, count));
}
