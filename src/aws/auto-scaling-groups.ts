import {
  type AutoScalingGroup,
  CancelInstanceRefreshCommand,
  CreateOrUpdateTagsCommand,
  DeleteTagsCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeInstanceRefreshesCommand,
  DescribeScalingActivitiesCommand,
  type InstanceRefresh,
  ResumeProcessesCommand,
  SetDesiredCapacityCommand,
  SetInstanceProtectionCommand,
  StartInstanceRefreshCommand,
  SuspendProcessesCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import type { Tag } from '../core/deploy-record.js';
import type { InstanceRefreshState } from '../core/group-state.js';
import { type AwsClients, awsErrorCode } from './clients.js';

/** Statuses of an instance refresh that is still going (anything else is final). */
export const ACTIVE_REFRESH_STATUSES = [
  'Pending',
  'InProgress',
  'Cancelling',
  'RollbackInProgress',
  'Baking',
];

const PROTECTION_BATCH = 50;

/**
 * The Auto Scaling side of a deploy: one small call per runbook step. Every write here is safe to
 * send twice (a retried SetDesiredCapacity sets the same value, tags are upserts, terminating an
 * instance that is already gone is reported as gone), so a retry or a rerun never does harm.
 */
export class AutoScalingGroups {
  constructor(private readonly aws: AwsClients) {}

  private get client() {
    return this.aws.autoScaling;
  }

  async describe(name: string): Promise<AutoScalingGroup | undefined> {
    const answer = await this.client.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
    );
    return answer.AutoScalingGroups?.find((group) => group.AutoScalingGroupName === name);
  }

  /**
   * Launch times from the group's scaling activities ("Launching a new EC2 instance: i-..."), which
   * AWS keeps for six weeks; an instance launched earlier has none and counts as older than all.
   */
  async launchTimes(name: string, ids: string[]): Promise<Map<string, number>> {
    const wanted = new Set(ids);
    const found = new Map<string, number>();
    let token: string | undefined;
    for (let page = 0; page < 10 && found.size < wanted.size; page++) {
      const answer = await this.client.send(
        new DescribeScalingActivitiesCommand({
          AutoScalingGroupName: name,
          MaxRecords: 100,
          NextToken: token,
        }),
      );
      for (const activity of answer.Activities ?? []) {
        const id = /Launching a new EC2 instance: (i-[0-9a-f]+)/.exec(activity.Description ?? '')?.[1];
        if (id && wanted.has(id) && activity.StartTime && !found.has(id))
          found.set(id, activity.StartTime.getTime());
      }
      token = answer.NextToken;
      if (!token) break;
    }
    return found;
  }

  async setDesired(name: string, desired: number): Promise<void> {
    await this.client.send(
      new SetDesiredCapacityCommand({ AutoScalingGroupName: name, DesiredCapacity: desired }),
    );
  }

  async setMax(name: string, max: number): Promise<void> {
    await this.client.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: name, MaxSize: max }));
  }

  /** Never called with an empty list: AWS reads that as "every process", alarms included. */
  async suspend(name: string, processes: string[]): Promise<void> {
    if (processes.length === 0) return;
    await this.client.send(
      new SuspendProcessesCommand({ AutoScalingGroupName: name, ScalingProcesses: processes }),
    );
  }

  /** Never called with an empty list: AWS reads that as "every process", the owner's own included. */
  async resume(name: string, processes: string[]): Promise<void> {
    if (processes.length === 0) return;
    await this.client.send(
      new ResumeProcessesCommand({ AutoScalingGroupName: name, ScalingProcesses: processes }),
    );
  }

  /**
   * Sets scale-in protection. When AWS refuses a batch because one instance left the group
   * meanwhile, the others are set one by one and the departed one is skipped.
   */
  async protect(name: string, ids: string[], protect: boolean): Promise<void> {
    const send = (InstanceIds: string[]) =>
      this.client.send(
        new SetInstanceProtectionCommand({
          AutoScalingGroupName: name,
          InstanceIds,
          ProtectedFromScaleIn: protect,
        }),
      );
    for (let i = 0; i < ids.length; i += PROTECTION_BATCH) {
      const batch = ids.slice(i, i + PROTECTION_BATCH);
      try {
        await send(batch);
      } catch (error) {
        if (awsErrorCode(error) !== 'ValidationError') throw error;
        for (const id of batch) {
          try {
            await send([id]);
          } catch (single) {
            if (awsErrorCode(single) !== 'ValidationError') throw single;
          }
        }
      }
    }
  }

  async writeTags(name: string, tags: Tag[]): Promise<void> {
    if (tags.length === 0) return;
    await this.client.send(
      new CreateOrUpdateTagsCommand({
        Tags: tags.map((tag) => ({
          ResourceId: name,
          ResourceType: 'auto-scaling-group',
          Key: tag.key,
          Value: tag.value,
          PropagateAtLaunch: false,
        })),
      }),
    );
  }

  async deleteTags(name: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.client.send(
      new DeleteTagsCommand({
        Tags: keys.map((key) => ({ ResourceId: name, ResourceType: 'auto-scaling-group', Key: key })),
      }),
    );
  }

  /**
   * Terminates exactly this instance and lowers the desired capacity with it, so the group's
   * termination policy never gets to choose. An instance that is already gone counts as done.
   */
  async terminate(id: string): Promise<'terminating' | 'gone'> {
    try {
      await this.client.send(
        new TerminateInstanceInAutoScalingGroupCommand({
          InstanceId: id,
          ShouldDecrementDesiredCapacity: true,
        }),
      );
      return 'terminating';
    } catch (error) {
      if (awsErrorCode(error) === 'ValidationError' && /not found/i.test((error as Error).message))
        return 'gone';
      throw error;
    }
  }

  /** Always MinHealthyPercentage 100 and MaxHealthyPercentage 200: new instances first, none lost. */
  async startRefresh(name: string): Promise<string> {
    const answer = await this.client.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: name,
        Strategy: 'Rolling',
        Preferences: { MinHealthyPercentage: 100, MaxHealthyPercentage: 200 },
      }),
    );
    return answer.InstanceRefreshId ?? '';
  }

  async refresh(name: string, id: string): Promise<InstanceRefreshState | undefined> {
    const answer = await this.client.send(
      new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: name, InstanceRefreshIds: [id] }),
    );
    const refresh = answer.InstanceRefreshes?.find((candidate) => candidate.InstanceRefreshId === id);
    return refresh && refreshState(refresh);
  }

  async activeRefresh(name: string): Promise<InstanceRefreshState | undefined> {
    const answer = await this.client.send(
      new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: name, MaxRecords: 10 }),
    );
    const active = answer.InstanceRefreshes?.find((refresh) =>
      ACTIVE_REFRESH_STATUSES.includes(refresh.Status ?? ''),
    );
    return active && refreshState(active);
  }

  /** Cancels the group's active refresh; false when there was none left to cancel. */
  async cancelRefresh(name: string): Promise<boolean> {
    try {
      await this.client.send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: name }));
      return true;
    } catch (error) {
      if (awsErrorCode(error) === 'ActiveInstanceRefreshNotFound') return false;
      throw error;
    }
  }
}

function refreshState(refresh: InstanceRefresh): InstanceRefreshState {
  return {
    id: refresh.InstanceRefreshId ?? '',
    status: refresh.Status ?? 'Unknown',
    ...(refresh.PercentageComplete !== undefined && { percentageComplete: refresh.PercentageComplete }),
    ...(refresh.InstancesToUpdate !== undefined && { instancesToUpdate: refresh.InstancesToUpdate }),
    ...(refresh.StatusReason && { statusReason: refresh.StatusReason }),
  };
}
