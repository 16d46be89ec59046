import {
  type AwsEmulator,
  groupSnapshot,
  runRollingDeploy,
  startAwsEmulator,
} from '../support/aws-emulator/index.js';

let aws: AwsEmulator;
beforeEach(async () => {
  aws = await startAwsEmulator();
});
afterEach(async () => {
  await aws.close();
});

describe('rolling-deploy one-by-one', () => {
  it('replaces a quorum group one member at a time, never below a majority', async () => {
    aws.world.addGroup({ name: 'etcd', desired: 3, max: 3, loadBalancers: ['etcd-elb'] });
    const old = aws.world.activeIds('etcd');
    const start = aws.world.now;

    const run = await runRollingDeploy(aws, { group: 'etcd', strategy: 'one-by-one' });

    expect(run.result).toMatchObject({ ok: true, reason_code: 'deployed' });
    // Never below D, so never below a majority (2 of 3).
    expect(aws.world.minServing('etcd', start)).toBeGreaterThanOrEqual(3);
    expect(aws.world.departures('etcd').map((instance) => instance.id)).toEqual(old);
    // One new member in, one old member out, three times over: each new one serves before an old one goes.
    const steps = aws.requests
      .filter((request) =>
        ['SetDesiredCapacity', 'TerminateInstanceInAutoScalingGroup'].includes(request.action),
      )
      .map((request) =>
        request.action === 'SetDesiredCapacity'
          ? `desired ${request.params.DesiredCapacity}`
          : `terminate ${request.params.InstanceId}`,
      );
    expect(steps).toEqual(old.flatMap((id) => ['desired 4', `terminate ${id}`]));
    for (const id of old) {
      const gone = aws.world.instances.get(id)!;
      const servingWhenItWent = aws.world.timeline
        .filter((sample) => sample.group === 'etcd' && sample.t <= gone.terminatingAt!)
        .at(-1)!.serving;
      expect(servingWhenItWent.filter((serving) => !old.includes(serving)).length).toBeGreaterThanOrEqual(1);
    }
    expect(aws.world.group('etcd')).toMatchObject({ desired: 3, max: 3 });
  });

  it('a batch that could take out a majority is refused before anything changes', async () => {
    const group = aws.world.addGroup({ name: 'etcd', desired: 3, max: 6, loadBalancers: ['etcd-elb'] });
    const before = groupSnapshot(group);

    const run = await runRollingDeploy(aws, { group: 'etcd', strategy: 'one-by-one', 'max-batch': 2 });

    expect(run.exitCode).toBe(1);
    expect(run.result).toMatchObject({ ok: false, reason_code: 'quorum-unsafe', 'largest-safe-batch': 1 });
    expect(String(run.result?.message)).toMatch(
      /max-batch 2 could take out a majority of the 3 members.*Nothing was changed/,
    );
    expect(aws.requests.every((request) => request.action.startsWith('Describe'))).toBe(true);
    expect(groupSnapshot(group)).toEqual(before);
  });

  it('a larger quorum group goes a minority batch at a time', async () => {
    aws.world.addGroup({ name: 'consul', desired: 5, max: 5, targetGroups: ['consul-tg'] });
    const start = aws.world.now;

    const run = await runRollingDeploy(aws, { group: 'consul', strategy: 'one-by-one', 'max-batch': 2 });

    expect(run.result).toMatchObject({ ok: true });
    expect(aws.calls('SetDesiredCapacity').map((call) => call.params.DesiredCapacity)).toEqual([
      '7',
      '7',
      '6',
    ]);
    expect(aws.world.minServing('consul', start)).toBeGreaterThanOrEqual(5);
  });
});
