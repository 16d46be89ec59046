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

/** The longest stretch during which more than `limit` groups had a surge under way at once. */
function mostAtOnce(emulator: AwsEmulator, groups: string[], desired: number): number {
  const events: [number, number][] = [];
  for (const name of groups) {
    const surging = emulator.world.timeline.filter(
      (sample) => sample.group === name && sample.desired > desired,
    );
    if (surging.length === 0) continue;
    const after = emulator.world.timeline.find(
      (sample) => sample.group === name && sample.t > surging.at(-1)!.t,
    );
    events.push([surging[0]!.t, 1], [after?.t ?? surging.at(-1)!.t, -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let most = 0;
  for (const [, change] of events) {
    current += change;
    most = Math.max(most, current);
  }
  return most;
}

describe('rolling-deploy over several groups', () => {
  it('deploys independent groups in parallel, at most max-parallel at a time', async () => {
    const names = ['delta', 'registry', 'admin'];
    for (const name of names)
      aws.world.addGroup({ name, desired: 2, max: 4, loadBalancers: [`${name}-elb`] });
    const start = aws.world.now;

    const run = await runRollingDeploy(aws, { groups: names.join('\n'), 'max-parallel': 2 });

    expect(run.result).toMatchObject({ ok: true, reason_code: 'deployed' });
    expect(mostAtOnce(aws, names, 2)).toBe(2);
    for (const name of names) expect(aws.world.minServing(name, start)).toBeGreaterThanOrEqual(2);
    expect(Object.keys(JSON.parse(run.outputs.replaced!))).toEqual(names);
    expect(run.summary).toMatch(/section delta[\s\S]*section registry[\s\S]*section admin/);
  });

  it('a group that fails stops the groups not yet started; the others are untouched', async () => {
    const broken = aws.world.addGroup({ name: 'ui', desired: 2, max: 4, loadBalancers: ['ui-elb'] });
    broken.behaviour.newInstancesHealthy = false;
    const waiting = aws.world.addGroup({
      name: 'builder',
      desired: 2,
      max: 4,
      loadBalancers: ['builder-elb'],
    });
    const before = groupSnapshot(waiting);

    const run = await runRollingDeploy(aws, { groups: 'ui builder', 'max-parallel': 1, timeout: '500ms' });

    expect(run.result).toMatchObject({ ok: false, reason_code: 'instances-unhealthy' });
    expect(run.result?.groups).toEqual([
      expect.objectContaining({ group: 'ui', reason_code: 'instances-unhealthy' }),
      expect.objectContaining({ group: 'builder', reason_code: 'skipped' }),
    ]);
    expect(groupSnapshot(waiting)).toEqual(before);
    expect(
      aws.requests.filter(
        (request) =>
          request.params.AutoScalingGroupName === 'builder' && !request.action.startsWith('Describe'),
      ),
    ).toEqual([]);
  });

  it('a group that does not exist refuses the whole step before any group is touched', async () => {
    aws.world.addGroup({ name: 'web', desired: 2, max: 4 });
    const run = await runRollingDeploy(aws, { groups: 'web, nope' });
    expect(run.result).toMatchObject({ ok: false, reason_code: 'group-not-found', groups: ['nope'] });
    expect(aws.requests.every((request) => request.action.startsWith('Describe'))).toBe(true);
  });

  it('a group without load balancers counts instances in service and healthy', async () => {
    aws.world.addGroup({ name: 'worker', desired: 2, max: 2 });
    const start = aws.world.now;
    const run = await runRollingDeploy(aws, { group: 'worker' });
    expect(run.result).toMatchObject({ ok: true });
    expect(aws.world.minServing('worker', start)).toBeGreaterThanOrEqual(2);
    expect(aws.count('DescribeInstanceHealth') + aws.count('DescribeTargetHealth')).toBe(0);
  });
});
