import {
  type AwsEmulator,
  groupSnapshot,
  runRollingDeploy,
  startAwsEmulator,
} from '../support/aws-emulator/index.js';

const DAY = 24 * 3600 * 1000;
const WRITES = [
  'CreateOrUpdateTags',
  'DeleteTags',
  'SetInstanceProtection',
  'SuspendProcesses',
  'ResumeProcesses',
  'UpdateAutoScalingGroup',
  'SetDesiredCapacity',
  'TerminateInstanceInAutoScalingGroup',
  'StartInstanceRefresh',
  'CancelInstanceRefresh',
  'DeregisterInstancesFromLoadBalancer',
  'DeregisterTargets',
];

let aws: AwsEmulator;
beforeEach(async () => {
  aws = await startAwsEmulator();
});
afterEach(async () => {
  await aws.close();
});

describe('rolling-deploy surge', () => {
  it('replaces every old instance without ever dropping below D instances serving behind a classic ELB', async () => {
    const group = aws.world.addGroup({ name: 'web', desired: 3, max: 3, loadBalancers: ['web-elb'] });
    const before = groupSnapshot(group);
    const old = aws.world.activeIds('web');
    const start = aws.world.now;

    const run = await runRollingDeploy(aws, { group: 'web' });

    expect(run.result).toMatchObject({ ok: true, reason_code: 'deployed', schema: 1 });
    expect(run.exitCode).toBe(0);
    expect(aws.world.minServing('web', start)).toBeGreaterThanOrEqual(3);
    const departures = aws.world.departures('web');
    expect(departures.map((instance) => instance.id)).toEqual(old);
    expect(departures.every((instance) => instance.cause === 'api' && instance.decremented)).toBe(true);

    const after = groupSnapshot(group);
    expect(after).toEqual({ ...before, instances: after.instances });
    expect(after.instances.map((instance) => instance.id)).not.toEqual(expect.arrayContaining([old[0]]));
    expect(aws.world.activeIds('web').every((id) => aws.world.isServing(aws.world.instances.get(id)!))).toBe(
      true,
    );

    // The group's own termination policy (NewestInstance) never chose anything.
    expect(aws.calls('SetDesiredCapacity').map((call) => call.params.DesiredCapacity)).toEqual(['6']);
    expect(run.summary).toContain('3 of 3 new instances in service');
    expect(run.summary).toContain('```mermaid');
    expect(JSON.parse(run.outputs.replaced!)).toEqual({ web: { old, new: aws.world.activeIds('web') } });
  });

  it('terminates the oldest first, alternating across zones, with target groups', async () => {
    aws.world.addGroup({
      name: 'api',
      desired: 4,
      max: 8,
      zones: ['us-east-1a', 'us-east-1b'],
      targetGroups: ['api-tg'],
      // Launched 60 (older than the six weeks of activity history), 2, 5 and 20 days ago.
      instanceAgesMs: [60 * DAY, 2 * DAY, 5 * DAY, 20 * DAY],
    });
    const [ancient, twoDays, fiveDays, twentyDays] = aws.world.activeIds('api');
    const start = aws.world.now;

    const run = await runRollingDeploy(aws, { group: 'api' });

    expect(run.result).toMatchObject({ ok: true, reason_code: 'deployed' });
    expect(aws.world.departures('api').map((instance) => instance.id)).toEqual([
      ancient,
      twentyDays,
      fiveDays,
      twoDays,
    ]);
    expect(aws.world.minServing('api', start)).toBeGreaterThanOrEqual(4);
    expect(aws.count('DeregisterTargets')).toBeGreaterThan(0);
    // max was high enough already: left alone.
    expect(aws.count('UpdateAutoScalingGroup')).toBe(0);
  });

  it('retries throttled requests with backoff and still deploys', async () => {
    aws.world.addGroup({ name: 'web', desired: 2, max: 2, loadBalancers: ['web-elb'] });
    const start = aws.world.now;
    aws.throttle(1, ['SetDesiredCapacity']);
    // Two SDK attempts per look: four throttles in a row exhaust one look and force our own backoff.
    aws.onAction('SetDesiredCapacity', () => aws.throttle(4, ['DescribeInstanceHealth']));

    const run = await runRollingDeploy(aws, { group: 'web' }, { env: { AWS_MAX_ATTEMPTS: '2' } });

    expect(run.result).toMatchObject({ ok: true, reason_code: 'deployed' });
    expect(aws.requests.filter((request) => request.error === 'Throttling').length).toBe(5);
    expect(run.stdout).toMatch(/throttled by AWS; next look in/);
    expect(aws.world.minServing('web', start)).toBeGreaterThanOrEqual(2);
    expect(aws.world.departures('web')).toHaveLength(2);
  });

  it('a new instance that dies mid-deploy is replaced, and only the old instances are terminated by us', async () => {
    aws.world.addGroup({ name: 'web', desired: 3, max: 6, loadBalancers: ['web-elb'] });
    const old = aws.world.activeIds('web');
    const start = aws.world.now;
    let doomed = '';
    aws.onAction('SetDesiredCapacity', () => {
      doomed = aws.world.activeIds('web').at(-1)!;
      aws.world.kill(doomed);
    });

    const run = await runRollingDeploy(aws, { group: 'web' });

    expect(run.result).toMatchObject({ ok: true, reason_code: 'deployed' });
    const departures = aws.world.departures('web');
    expect(departures.filter((instance) => instance.cause === 'api').map((instance) => instance.id)).toEqual(
      old,
    );
    expect(
      departures.filter((instance) => instance.cause === 'health').map((instance) => instance.id),
    ).toEqual([doomed]);
    expect(aws.world.minServing('web', start)).toBeGreaterThanOrEqual(3);
    expect(aws.world.group('web').desired).toBe(3);
    expect(aws.world.activeIds('web')).toHaveLength(3);
  });

  it('an old instance that dies mid-deploy leaves the group at exactly D new instances', async () => {
    aws.world.addGroup({ name: 'web', desired: 3, max: 6, loadBalancers: ['web-elb'] });
    const old = aws.world.activeIds('web');
    aws.onAction('SetDesiredCapacity', () => aws.world.kill(old[1]!));
    let killedAt = 0;
    aws.onAction('SetDesiredCapacity', () => {
      killedAt = aws.world.now;
    });

    const run = await runRollingDeploy(aws, { group: 'web' });

    expect(run.result).toMatchObject({ ok: true, reason_code: 'deployed' });
    const group = aws.world.group('web');
    expect(group.desired).toBe(3);
    const active = aws.world.activeIds('web');
    expect(active).toHaveLength(3);
    expect(active.filter((id) => old.includes(id))).toEqual([]);
    // Only the dead one is missing from service; we never take one more away.
    expect(aws.world.minServing('web', killedAt)).toBeGreaterThanOrEqual(2);
    expect(run.summary).toMatch(/surplus/);
  });

  it('a dry run prints the plan and changes nothing', async () => {
    const group = aws.world.addGroup({ name: 'web', desired: 3, max: 3, loadBalancers: ['web-elb'] });
    const before = groupSnapshot(group);
    const old = aws.world.activeIds('web');

    const run = await runRollingDeploy(aws, { group: 'web', 'dry-run': true });

    expect(run.result).toMatchObject({ ok: true, reason_code: 'dry-run', dry_run: true });
    expect(aws.requests.filter((request) => WRITES.includes(request.action))).toEqual([]);
    expect(groupSnapshot(group)).toEqual(before);
    expect(run.summary).toContain(
      `desired 3 -> 6, wait until the load balancer shows the new instances in service, then deregister, drain and terminate ${old.join(', ')}`,
    );
    expect(run.summary).toContain('raise max 3 -> 6');
  });
});
