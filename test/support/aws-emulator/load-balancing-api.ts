import { AwsError } from './errors.js';
import type { Params, XmlValue } from './query.js';
import type { Balancer, Instance, World } from './world.js';

/**
 * Classic ELB (2012-06-01) and ELBv2 target groups (2015-12-01): instance health and
 * deregistration with connection draining. A classic ELB reports a draining instance as InService
 * ("Instance deregistration currently in progress."), exactly as AWS documents it.
 */

type Handler = (world: World, params: Params) => Record<string, XmlValue> | undefined;

function classic(world: World, name: string | undefined): Balancer {
  const balancer = name ? world.balancers.get(name) : undefined;
  if (balancer?.kind !== 'classic') {
    throw new AwsError('LoadBalancerNotFound', `There is no ACTIVE Load Balancer named '${name}'`);
  }
  return balancer;
}

function targetGroup(world: World, arn: string | undefined): Balancer {
  const balancer = arn ? world.balancers.get(arn) : undefined;
  if (balancer?.kind !== 'target-group') {
    throw new AwsError('TargetGroupNotFound', 'One or more target groups not found');
  }
  return balancer;
}

function knownInstance(world: World, id: string, code: string): Instance {
  const instance = world.instances.get(id);
  if (!instance || instance.lifecycle === 'Terminated') {
    throw new AwsError(code, `The following instances are not valid: ${id}`);
  }
  return instance;
}

function classicState(world: World, balancer: Balancer, instance: Instance): Record<string, XmlValue> {
  const view = world.viewOf(balancer, instance);
  const [State, ReasonCode, Description] =
    view === 'in-service'
      ? ['InService', 'N/A', 'N/A']
      : view === 'draining'
        ? ['InService', 'N/A', 'Instance deregistration currently in progress.']
        : view === 'absent'
          ? ['OutOfService', 'Instance', 'Instance is not currently registered with the LoadBalancer.']
          : [
              'OutOfService',
              'Instance',
              'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.',
            ];
  return { InstanceId: instance.id, State, ReasonCode, Description };
}

function targetHealth(world: World, balancer: Balancer, instance: Instance): Record<string, XmlValue> {
  const view = world.viewOf(balancer, instance);
  const health: Record<string, XmlValue> =
    view === 'in-service'
      ? { State: 'healthy' }
      : view === 'draining'
        ? {
            State: 'draining',
            Reason: 'Target.DeregistrationInProgress',
            Description: 'Target deregistration is in progress',
          }
        : view === 'initial'
          ? {
              State: 'initial',
              Reason: 'Elb.InitialHealthChecking',
              Description: 'Initial health checks in progress',
            }
          : view === 'absent'
            ? {
                State: 'unused',
                Reason: 'Target.NotRegistered',
                Description: 'Target is not registered to the target group',
              }
            : {
                State: 'unhealthy',
                Reason: 'Target.FailedHealthChecks',
                Description: 'Health checks failed',
              };
  return { Target: { Id: instance.id, Port: 80 }, HealthCheckPort: '80', TargetHealth: health };
}

export const classicLoadBalancingApi: Record<string, Handler> = {
  DescribeInstanceHealth(world, params) {
    const balancer = classic(world, params.get('LoadBalancerName'));
    const asked = params.structs('Instances').map((struct) => struct.InstanceId ?? '');
    const instances =
      asked.length > 0
        ? asked.map((id) => knownInstance(world, id, 'InvalidInstance'))
        : [...balancer.registrations.keys()].map((id) => world.instances.get(id)!);
    return { InstanceStates: instances.map((instance) => classicState(world, balancer, instance)) };
  },

  DeregisterInstancesFromLoadBalancer(world, params) {
    const balancer = classic(world, params.get('LoadBalancerName'));
    const ids = params.structs('Instances').map((struct) => struct.InstanceId ?? '');
    for (const id of ids) knownInstance(world, id, 'InvalidInstance');
    for (const id of ids) world.deregister(balancer, id);
    const remaining = [...balancer.registrations].filter(
      ([, registration]) => registration.deregisteringAt === undefined,
    );
    return { Instances: remaining.map(([InstanceId]) => ({ InstanceId })) };
  },
};

export const targetGroupApi: Record<string, Handler> = {
  DescribeTargetHealth(world, params) {
    const balancer = targetGroup(world, params.get('TargetGroupArn'));
    const asked = params.structs('Targets').map((struct) => struct.Id ?? '');
    const instances =
      asked.length > 0
        ? asked.map((id) => knownInstance(world, id, 'InvalidTarget'))
        : [...balancer.registrations.keys()].map((id) => world.instances.get(id)!);
    return { TargetHealthDescriptions: instances.map((instance) => targetHealth(world, balancer, instance)) };
  },

  DeregisterTargets(world, params) {
    const balancer = targetGroup(world, params.get('TargetGroupArn'));
    const ids = params.structs('Targets').map((struct) => struct.Id ?? '');
    for (const id of ids) knownInstance(world, id, 'InvalidTarget');
    for (const id of ids) world.deregister(balancer, id);
    return {};
  },
};
