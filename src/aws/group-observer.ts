import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { type GroupState, trafficOf } from '../core/group-state.js';
import type { AutoScalingGroups } from './auto-scaling-groups.js';
import { type BalancerHealth, type LoadBalancers, viewsOf } from './load-balancers.js';

/** One look at a group: the Auto Scaling view and every load balancer's, joined into a GroupState. */
export interface Observation {
  state: GroupState;
  health: BalancerHealth[];
}

export interface ObserveOptions {
  /** Also ask for an instance refresh still going (one more request). */
  refresh?: boolean;
  /** Also read launch times from the scaling activities (one or more requests). */
  launchTimes?: boolean;
}

export class GroupObserver {
  constructor(
    readonly groups: AutoScalingGroups,
    readonly balancers: LoadBalancers,
  ) {}

  async observe(name: string, options: ObserveOptions = {}): Promise<Observation | undefined> {
    const group = await this.groups.describe(name);
    if (!group) return undefined;
    const loadBalancers = group.LoadBalancerNames ?? [];
    const targetGroups = group.TargetGroupARNs ?? [];
    const [health, activeRefresh, launchTimes] = await Promise.all([
      this.balancers.health(loadBalancers, targetGroups),
      options.refresh ? this.groups.activeRefresh(name) : Promise.resolve(undefined),
      options.launchTimes
        ? this.groups.launchTimes(
            name,
            (group.Instances ?? []).flatMap((instance) => instance.InstanceId ?? []),
          )
        : Promise.resolve(new Map<string, number>()),
    ]);
    return { state: groupState(group, health, launchTimes, activeRefresh), health };
  }
}

export function groupState(
  group: AutoScalingGroup,
  health: BalancerHealth[],
  launchTimes: Map<string, number>,
  activeRefresh?: GroupState['activeRefresh'],
): GroupState {
  const hasBalancers = health.length > 0;
  return {
    name: group.AutoScalingGroupName ?? '',
    desired: group.DesiredCapacity ?? 0,
    min: group.MinSize ?? 0,
    max: group.MaxSize ?? 0,
    instances: (group.Instances ?? [])
      .filter((instance) => instance.InstanceId && instance.LifecycleState !== 'Terminated')
      .map((instance) => {
        const id = instance.InstanceId!;
        const lifecycle = instance.LifecycleState ?? 'Unknown';
        const healthy = instance.HealthStatus === 'Healthy';
        const launchedAt = launchTimes.get(id);
        return {
          id,
          zone: instance.AvailabilityZone ?? '',
          lifecycle,
          healthy,
          protectedFromScaleIn: instance.ProtectedFromScaleIn === true,
          traffic: trafficOf(lifecycle, healthy, viewsOf(health, id), hasBalancers),
          ...(launchedAt !== undefined && { launchedAt }),
        };
      }),
    suspendedProcesses: (group.SuspendedProcesses ?? []).flatMap((process) => process.ProcessName ?? []),
    loadBalancers: group.LoadBalancerNames ?? [],
    targetGroups: group.TargetGroupARNs ?? [],
    tags: Object.fromEntries(
      (group.Tags ?? []).flatMap((tag) => (tag.Key ? [[tag.Key, tag.Value ?? '']] : [])),
    ),
    ...(activeRefresh && { activeRefresh }),
  };
}
