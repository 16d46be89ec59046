import { AwsError, validation } from './errors.js';
import type { Params, XmlValue } from './query.js';
import type { Group, Instance, Refresh, World } from './world.js';

/** The Auto Scaling operations release-train uses (API version 2011-01-01). */

type Handler = (world: World, params: Params) => Record<string, XmlValue> | undefined;

const PROCESSES = [
  'Launch',
  'Terminate',
  'AddToLoadBalancer',
  'AlarmNotification',
  'AZRebalance',
  'HealthCheck',
  'InstanceRefresh',
  'ReplaceUnhealthy',
  'ScheduledActions',
];

function instanceXml(instance: Instance, group: Group): Record<string, XmlValue> {
  return {
    InstanceId: instance.id,
    InstanceType: 't3.small',
    AvailabilityZone: instance.zone,
    LifecycleState: instance.lifecycle,
    HealthStatus: instance.health,
    LaunchTemplate: {
      LaunchTemplateId: 'lt-0123456789abcdef0',
      LaunchTemplateName: `${group.name}-template`,
      Version: instance.launchTemplateVersion,
    },
    ProtectedFromScaleIn: instance.protected,
  };
}

function groupXml(world: World, group: Group): Record<string, XmlValue> {
  return {
    AutoScalingGroupName: group.name,
    AutoScalingGroupARN: group.arn,
    LaunchTemplate: {
      LaunchTemplateId: 'lt-0123456789abcdef0',
      LaunchTemplateName: `${group.name}-template`,
      Version: '$Latest',
    },
    MinSize: group.min,
    MaxSize: group.max,
    DesiredCapacity: group.desired,
    DefaultCooldown: 300,
    AvailabilityZones: group.zones,
    LoadBalancerNames: group.loadBalancers,
    TargetGroupARNs: group.targetGroups,
    HealthCheckType: group.healthCheckType,
    HealthCheckGracePeriod: group.healthCheckGracePeriod,
    Instances: group.instances.map((instance) => instanceXml(instance, group)),
    CreatedTime: new Date(group.createdAt),
    SuspendedProcesses: [...group.suspended].map(([ProcessName, SuspensionReason]) => ({
      ProcessName,
      SuspensionReason,
    })),
    VPCZoneIdentifier: 'subnet-0aaa,subnet-0bbb,subnet-0ccc',
    EnabledMetrics: [],
    Tags: [...group.tags].map(([Key, tag]) => ({
      ResourceId: group.name,
      ResourceType: 'auto-scaling-group',
      Key,
      Value: tag.value,
      PropagateAtLaunch: tag.propagate,
    })),
    TerminationPolicies: group.terminationPolicies,
    NewInstancesProtectedFromScaleIn: group.protectNewInstances,
    ServiceLinkedRoleARN: `arn:aws:iam::${world.account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
  };
}

function activityXml(world: World, instance: Instance, description: string): Record<string, XmlValue> {
  const group = world.group(instance.group);
  return {
    Activity: {
      ActivityId: `${instance.id}-${Math.floor(world.now)}`,
      AutoScalingGroupName: group.name,
      Description: description,
      Cause: `At ${new Date(world.now).toISOString()} instance ${instance.id} was taken out of service in response to a user request.`,
      StartTime: new Date(world.now),
      StatusCode: 'InProgress',
      Progress: 0,
      Details: JSON.stringify({ 'Availability Zone': instance.zone }),
      AutoScalingGroupARN: group.arn,
    },
  };
}

function refreshXml(world: World, refresh: Refresh): Record<string, XmlValue> {
  return {
    InstanceRefreshId: refresh.id,
    AutoScalingGroupName: refresh.group,
    Status: refresh.status,
    StatusReason: refresh.statusReason,
    StartTime: new Date(refresh.startTime),
    EndTime: refresh.endTime === undefined ? undefined : new Date(refresh.endTime),
    PercentageComplete: world.percentageComplete(refresh),
    InstancesToUpdate: refresh.toReplace.length - refresh.replaced.size,
    Preferences: {
      MinHealthyPercentage: refresh.minHealthy,
      MaxHealthyPercentage: refresh.maxHealthy,
      InstanceWarmup: refresh.warmupMs / 1000,
      SkipMatching: refresh.preferences.SkipMatching === 'true',
    },
    Strategy: refresh.strategy,
  };
}

function processes(params: Params): string[] {
  const names = params.list('ScalingProcesses');
  for (const name of names) if (!PROCESSES.includes(name)) throw validation(`Process ${name} is not valid.`);
  return names.length > 0 ? names : PROCESSES;
}

export const autoScalingApi: Record<string, Handler> = {
  DescribeAutoScalingGroups(world, params) {
    const names = params.list('AutoScalingGroupNames');
    const groups =
      names.length > 0 ? names.flatMap((name) => world.groups.get(name) ?? []) : [...world.groups.values()];
    return { AutoScalingGroups: groups.map((group) => groupXml(world, group)) };
  },

  DescribeScalingActivities(world, params) {
    const group = world.requireGroup(params.required('AutoScalingGroupName'));
    const max = Math.min(params.int('MaxRecords') ?? 100, 100);
    const start = Number.parseInt(params.get('NextToken') ?? '0', 10);
    const all = world.activitiesOf(group);
    const page = all.slice(start, start + max);
    return {
      Activities: page.map((activity) => ({
        ActivityId: activity.id,
        AutoScalingGroupName: activity.group,
        Description: activity.description,
        Cause: activity.cause,
        StartTime: new Date(activity.startTime),
        EndTime: activity.endTime === undefined ? undefined : new Date(activity.endTime),
        StatusCode: activity.status,
        Progress: activity.status === 'Successful' ? 100 : 50,
        Details: '{}',
        AutoScalingGroupARN: group.arn,
      })),
      NextToken: start + max < all.length ? String(start + max) : undefined,
    };
  },

  UpdateAutoScalingGroup(world, params) {
    const group = world.requireGroup(params.required('AutoScalingGroupName'));
    const min = params.int('MinSize') ?? group.min;
    const max = params.int('MaxSize') ?? group.max;
    const desired = params.int('DesiredCapacity') ?? group.desired;
    if (min > max) throw validation(`Max bound, ${max}, must be greater than or equal to min bound, ${min}`);
    if (desired < min || desired > max) {
      throw validation(
        `Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`,
      );
    }
    group.min = min;
    group.max = max;
    group.desired = desired;
    return undefined;
  },

  SetDesiredCapacity(world, params) {
    const group = world.requireGroup(params.required('AutoScalingGroupName'));
    world.setDesired(group, params.int('DesiredCapacity') ?? Number.NaN);
    return undefined;
  },

  SuspendProcesses(world, params) {
    const group = world.requireGroup(params.required('AutoScalingGroupName'));
    for (const name of processes(params)) {
      if (!group.suspended.has(name)) {
        group.suspended.set(name, `User suspended at ${new Date(world.now).toISOString()}`);
      }
    }
    return undefined;
  },

  ResumeProcesses(world, params) {
    const group = world.requireGroup(params.required('AutoScalingGroupName'));
    for (const name of processes(params)) group.suspended.delete(name);
    return undefined;
  },

  SetInstanceProtection(world, params) {
    const group = world.requireGroup(params.required('AutoScalingGroupName'));
    const ids = params.list('InstanceIds');
    if (ids.length > 50) throw new AwsError('LimitExceeded', 'You can specify up to 50 instances.');
    const members = ids.map((id) => {
      const instance = group.instances.find((member) => member.id === id);
      if (!instance) {
        throw validation(`The instance ${id} is not part of Auto Scaling group ${group.name}.`);
      }
      return instance;
    });
    for (const instance of members) instance.protected = params.bool('ProtectedFromScaleIn') === true;
    return undefined;
  },

  CreateOrUpdateTags(world, params) {
    for (const tag of params.structs('Tags')) {
      if (tag.ResourceType !== 'auto-scaling-group')
        throw validation('ResourceType must be auto-scaling-group.');
      const group = world.requireGroup(tag.ResourceId);
      if (!tag.Key) throw validation('Tag key must not be empty.');
      if ((tag.Value ?? '').length > 256)
        throw validation(`Tag value for ${tag.Key} is longer than 256 characters.`);
      if (!group.tags.has(tag.Key) && group.tags.size >= 50) {
        throw new AwsError('LimitExceeded', 'The quota for tags per Auto Scaling group (50) is reached.');
      }
      group.tags.set(tag.Key, { value: tag.Value ?? '', propagate: tag.PropagateAtLaunch === 'true' });
    }
    return undefined;
  },

  DeleteTags(world, params) {
    for (const tag of params.structs('Tags')) {
      const group = world.requireGroup(tag.ResourceId);
      group.tags.delete(tag.Key ?? '');
    }
    return undefined;
  },

  TerminateInstanceInAutoScalingGroup(world, params) {
    const id = params.required('InstanceId');
    const decrement = params.bool('ShouldDecrementDesiredCapacity');
    if (decrement === undefined) throw validation('ShouldDecrementDesiredCapacity is required.');
    const { instance } = world.terminateInGroup(id, decrement);
    return activityXml(world, instance, `Terminating EC2 instance: ${instance.id}`);
  },

  StartInstanceRefresh(world, params) {
    const group = world.requireGroup(params.required('AutoScalingGroupName'));
    if (group.suspended.has('InstanceRefresh')) {
      throw validation('The InstanceRefresh process is suspended for this Auto Scaling group.');
    }
    const refresh = world.startRefresh(
      group,
      params.struct('Preferences'),
      params.get('Strategy') ?? 'Rolling',
    );
    return { InstanceRefreshId: refresh.id };
  },

  DescribeInstanceRefreshes(world, params) {
    const name = params.required('AutoScalingGroupName');
    world.requireGroup(name);
    const ids = params.list('InstanceRefreshIds');
    const refreshes = world.refreshes
      .filter((refresh) => refresh.group === name && (ids.length === 0 || ids.includes(refresh.id)))
      .sort((a, b) => b.startTime - a.startTime);
    return { InstanceRefreshes: refreshes.map((refresh) => refreshXml(world, refresh)) };
  },

  CancelInstanceRefresh(world, params) {
    const group = world.requireGroup(params.required('AutoScalingGroupName'));
    const refresh = world.cancelRefresh(group);
    return { InstanceRefreshId: refresh.id };
  },
};
