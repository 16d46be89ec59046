import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  DeregisterInstancesFromLoadBalancerCommand,
  DescribeInstanceHealthCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import { isThrottling } from '../../src/aws/clients.js';
import { type AwsEmulator, startAwsEmulator } from '../support/aws-emulator/index.js';

/**
 * The emulator itself, through the real SDK: what the deploy tests rely on it to do the way AWS
 * does (and the trap it sets for anyone who relies on the termination policy).
 */
let aws: AwsEmulator;
let autoScaling: AutoScalingClient;
let elb: ElasticLoadBalancingClient;
beforeEach(async () => {
  aws = await startAwsEmulator();
  const config = {
    endpoint: aws.url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret' },
  };
  autoScaling = new AutoScalingClient(config);
  elb = new ElasticLoadBalancingClient(config);
});
afterEach(async () => {
  autoScaling.destroy();
  elb.destroy();
  await aws.close();
});

describe('the AWS emulator', () => {
  it('answers DescribeAutoScalingGroups in the shape the SDK parses', async () => {
    aws.world.addGroup({
      name: 'web',
      desired: 2,
      max: 4,
      loadBalancers: ['web-elb'],
      tags: { team: 'platform' },
    });
    const answer = await autoScaling.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['web'] }),
    );
    expect(answer.AutoScalingGroups?.[0]).toMatchObject({
      AutoScalingGroupName: 'web',
      DesiredCapacity: 2,
      MaxSize: 4,
      LoadBalancerNames: ['web-elb'],
      Tags: [expect.objectContaining({ Key: 'team', Value: 'platform' })],
      Instances: [
        expect.objectContaining({
          LifecycleState: 'InService',
          HealthStatus: 'Healthy',
          ProtectedFromScaleIn: false,
        }),
        expect.objectContaining({ LifecycleState: 'InService' }),
      ],
    });
  });

  it('errors arrive as the SDK’s typed exceptions, throttling included', async () => {
    aws.world.addGroup({ name: 'web', desired: 1, max: 1 });
    await expect(
      autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: 5 })),
    ).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringMatching(/above max value 1/) });
    aws.throttle(1);
    const throttled = await autoScaling
      .send(new DescribeAutoScalingGroupsCommand({}))
      .catch((error: unknown) => error);
    expect(throttled).toMatchObject({
      name: 'Throttling',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    });
    expect(isThrottling(throttled)).toBe(true);
    await expect(
      elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'nope' })),
    ).rejects.toMatchObject({ name: 'AccessPointNotFoundException', Code: 'LoadBalancerNotFound' });
  });

  it('relying on the termination policy to scale back in would terminate the NEW instances', async () => {
    aws.world.addGroup({ name: 'web', desired: 2, max: 4 });
    const old = aws.world.activeIds('web');
    await autoScaling.send(
      new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: 4 }),
    );
    aws.clock.advance(120_000);
    await autoScaling.send(
      new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: 2 }),
    );
    expect(aws.world.activeIds('web')).toEqual(old);
    expect(aws.world.departures('web').every((instance) => instance.cause === 'scale-in')).toBe(true);
  });

  it('a classic ELB reports a draining instance as InService until the draining timeout', async () => {
    aws.world.addClassicLoadBalancer('web-elb', { drainMs: 60_000 });
    aws.world.addGroup({ name: 'web', desired: 1, max: 1, loadBalancers: ['web-elb'] });
    const [id] = aws.world.activeIds('web');
    await elb.send(
      new DeregisterInstancesFromLoadBalancerCommand({
        LoadBalancerName: 'web-elb',
        Instances: [{ InstanceId: id }],
      }),
    );
    const draining = await elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'web-elb' }));
    expect(draining.InstanceStates).toEqual([
      expect.objectContaining({
        State: 'InService',
        Description: 'Instance deregistration currently in progress.',
      }),
    ]);
    aws.clock.advance(61_000);
    const drained = await elb.send(
      new DescribeInstanceHealthCommand({ LoadBalancerName: 'web-elb', Instances: [{ InstanceId: id }] }),
    );
    expect(drained.InstanceStates).toEqual([
      expect.objectContaining({
        State: 'OutOfService',
        Description: 'Instance is not currently registered with the LoadBalancer.',
      }),
    ]);
  });

  it('terminating an instance waits for connection draining and records the timeline', async () => {
    aws.world.addGroup({ name: 'web', desired: 2, max: 2, min: 1, loadBalancers: ['web-elb'] });
    const [first] = aws.world.activeIds('web');
    await autoScaling.send(
      new TerminateInstanceInAutoScalingGroupCommand({
        InstanceId: first,
        ShouldDecrementDesiredCapacity: true,
      }),
    );
    expect(aws.world.instances.get(first!)?.lifecycle).toBe('Terminating');
    aws.clock.advance(30_000);
    aws.world.advance();
    expect(aws.world.instances.get(first!)?.lifecycle).toBe('Terminated');
    expect(aws.world.group('web').desired).toBe(1);
    expect(
      aws.world.timeline.filter((sample) => sample.group === 'web').map((sample) => sample.serving.length),
    ).toEqual([2, 1]);
  });

  it('with the ELB health check type, an instance still failing after the grace period is replaced', async () => {
    const group = aws.world.addGroup({
      name: 'web',
      desired: 1,
      max: 2,
      loadBalancers: ['web-elb'],
      healthCheckType: 'ELB',
      healthCheckGracePeriod: 300,
    });
    group.behaviour.newInstancesHealthy = false;
    await autoScaling.send(
      new SetDesiredCapacityCommand({ AutoScalingGroupName: 'web', DesiredCapacity: 2 }),
    );
    const [, fresh] = aws.world.activeIds('web');
    aws.clock.advance(200_000);
    aws.world.advance();
    expect(aws.world.instances.get(fresh!)?.lifecycle).toBe('InService');
    aws.clock.advance(200_000);
    aws.world.advance();
    expect(aws.world.instances.get(fresh!)).toMatchObject({ health: 'Unhealthy', cause: 'health' });
    expect(aws.world.activeIds('web')).toHaveLength(2);
  });
});
