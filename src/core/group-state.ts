/**
 * What release-train knows about an Auto Scaling group at one moment: its capacity, its instances
 * and, for each instance, whether it takes traffic. Built by the AWS adapter from
 * DescribeAutoScalingGroups and the load balancers' health; read by every decision in src/core.
 */

/**
 * Whether an instance takes traffic, across every load balancer and target group of its group.
 * - `serving`: in service in the group and healthy in every load balancer (never while draining).
 * - `out-of-service`: registered but failing (or not yet passing) health checks.
 * - `draining`: deregistered, connections still draining.
 * - `deregistered`: in service in the group but registered with none of its load balancers.
 * - `launching`: still Pending in the group.
 * - `leaving`: Terminating, Detaching or otherwise on its way out of the group.
 */
export type Traffic = 'serving' | 'out-of-service' | 'draining' | 'deregistered' | 'launching' | 'leaving';

/** One load balancer's (or target group's) view of one instance. */
export type BalancerView = 'in-service' | 'out-of-service' | 'draining' | 'absent';

export interface GroupInstance {
  id: string;
  zone: string;
  /** The group's LifecycleState: Pending, InService, Terminating, Standby, ... */
  lifecycle: string;
  /** The group's HealthStatus is Healthy. */
  healthy: boolean;
  protectedFromScaleIn: boolean;
  traffic: Traffic;
  /** Launch time in ms since the epoch, when the group's scaling activities still record it. */
  launchedAt?: number;
}

export interface InstanceRefreshState {
  id: string;
  status: string;
  percentageComplete?: number;
  instancesToUpdate?: number;
  statusReason?: string;
}

export interface GroupState {
  name: string;
  desired: number;
  min: number;
  max: number;
  /** Every instance the group still lists (Terminated ones are gone). */
  instances: GroupInstance[];
  suspendedProcesses: string[];
  loadBalancers: string[];
  targetGroups: string[];
  tags: Record<string, string>;
  /** An instance refresh that has not reached a final status. */
  activeRefresh?: InstanceRefreshState;
}

const ENTERING = new Set(['Pending', 'Pending:Wait', 'Pending:Proceed', 'Warmed:Pending']);

/** Whether the instance still counts towards the group's capacity (not on its way out). */
export function isActive(instance: GroupInstance): boolean {
  return instance.traffic !== 'leaving';
}

/**
 * Combines the group's view of an instance with each load balancer's view. An instance serves only
 * when every load balancer reports it in service; a classic ELB reports a draining instance as
 * InService, so the adapter must have turned that into `draining` already.
 */
export function trafficOf(
  lifecycle: string,
  healthy: boolean,
  balancers: BalancerView[],
  hasBalancers: boolean,
): Traffic {
  if (ENTERING.has(lifecycle)) return 'launching';
  if (lifecycle !== 'InService') return 'leaving';
  if (!hasBalancers) return healthy ? 'serving' : 'out-of-service';
  if (balancers.includes('draining')) return 'draining';
  if (balancers.every((view) => view === 'absent')) return 'deregistered';
  if (healthy && balancers.every((view) => view === 'in-service')) return 'serving';
  return 'out-of-service';
}

export function servingIds(state: GroupState): string[] {
  return state.instances.filter((instance) => instance.traffic === 'serving').map((instance) => instance.id);
}

/** A group is stable when nothing is launching or leaving and it holds exactly its desired count. */
export function stability(state: GroupState): { stable: boolean; reason: string } {
  const moving = state.instances.filter(
    (instance) => instance.traffic === 'launching' || !isActive(instance),
  );
  if (moving.length > 0) {
    const byLifecycle = new Map<string, number>();
    for (const instance of moving)
      byLifecycle.set(instance.lifecycle, (byLifecycle.get(instance.lifecycle) ?? 0) + 1);
    const counts = [...byLifecycle].map(([lifecycle, count]) => `${count} ${lifecycle}`).join(', ');
    return { stable: false, reason: `instances still moving (${counts})` };
  }
  const active = state.instances.length;
  if (active !== state.desired) {
    return { stable: false, reason: `${active} instance(s) for a desired capacity of ${state.desired}` };
  }
  return { stable: true, reason: `${active} instance(s), as desired` };
}
