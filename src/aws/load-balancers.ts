import {
  DeregisterInstancesFromLoadBalancerCommand,
  DescribeInstanceHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { BalancerView } from '../core/group-state.js';
import { type AwsClients, awsErrorCode } from './clients.js';

/**
 * What each load balancer of a group says about its instances: classic ELBs
 * (DescribeInstanceHealth) and target groups (DescribeTargetHealth), and taking instances out of
 * them (deregistration starts connection draining).
 */
export interface BalancerHealth {
  kind: 'classic' | 'target-group';
  /** The classic load balancer's name or the target group's ARN. */
  id: string;
  /** Registered instances only; an instance missing here is `absent`. */
  views: Map<string, BalancerView>;
}

/** A classic ELB lists a draining instance as InService with this description. */
const CLASSIC_DRAINING = /deregistration currently in progress/i;
const CLASSIC_NOT_REGISTERED = /not currently registered/i;

export class LoadBalancers {
  constructor(private readonly aws: AwsClients) {}

  async health(loadBalancers: string[], targetGroups: string[]): Promise<BalancerHealth[]> {
    return Promise.all([
      ...loadBalancers.map((name) => this.classicHealth(name)),
      ...targetGroups.map((arn) => this.targetGroupHealth(arn)),
    ]);
  }

  private async classicHealth(name: string): Promise<BalancerHealth> {
    const answer = await this.aws.classicElb.send(
      new DescribeInstanceHealthCommand({ LoadBalancerName: name }),
    );
    const views = new Map<string, BalancerView>();
    for (const state of answer.InstanceStates ?? []) {
      if (!state.InstanceId) continue;
      const description = state.Description ?? '';
      if (state.State === 'InService') {
        views.set(state.InstanceId, CLASSIC_DRAINING.test(description) ? 'draining' : 'in-service');
      } else if (!CLASSIC_NOT_REGISTERED.test(description)) {
        views.set(state.InstanceId, 'out-of-service');
      }
    }
    return { kind: 'classic', id: name, views };
  }

  private async targetGroupHealth(arn: string): Promise<BalancerHealth> {
    const answer = await this.aws.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
    const views = new Map<string, BalancerView>();
    for (const description of answer.TargetHealthDescriptions ?? []) {
      const id = description.Target?.Id;
      const state = description.TargetHealth?.State ?? '';
      if (!id || state === 'unused') continue;
      views.set(
        id,
        state === 'healthy'
          ? 'in-service'
          : state === 'draining' || state.endsWith('.draining')
            ? 'draining'
            : 'out-of-service',
      );
    }
    return { kind: 'target-group', id: arn, views };
  }

  /**
   * Deregisters the instances from every load balancer that still routes to them. Instances already
   * draining or gone are left alone, so sending this again is harmless.
   */
  async deregister(health: BalancerHealth[], ids: string[]): Promise<number> {
    let calls = 0;
    for (const balancer of health) {
      const registered = ids.filter((id) => {
        const view = balancer.views.get(id);
        return view === 'in-service' || view === 'out-of-service';
      });
      if (registered.length === 0) continue;
      calls++;
      try {
        if (balancer.kind === 'classic') {
          await this.aws.classicElb.send(
            new DeregisterInstancesFromLoadBalancerCommand({
              LoadBalancerName: balancer.id,
              Instances: registered.map((InstanceId) => ({ InstanceId })),
            }),
          );
        } else {
          await this.aws.elbv2.send(
            new DeregisterTargetsCommand({
              TargetGroupArn: balancer.id,
              Targets: registered.map((Id) => ({ Id })),
            }),
          );
        }
      } catch (error) {
        // An instance that disappeared meanwhile has nothing left to drain.
        if (!['InvalidInstance', 'InvalidTarget'].includes(awsErrorCode(error))) throw error;
      }
    }
    return calls;
  }
}

/** Combines every balancer's view of one instance. */
export function viewsOf(health: BalancerHealth[], id: string): BalancerView[] {
  return health.map((balancer) => balancer.views.get(id) ?? 'absent');
}
