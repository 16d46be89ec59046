import { type AwsEmulator, runRollingDeploy, startAwsEmulator } from '../support/aws-emulator/index.js';

let aws: AwsEmulator;
beforeEach(async () => {
  aws = await startAwsEmulator();
});
afterEach(async () => {
  await aws.close();
});

describe('rolling-deploy instance-refresh', () => {
  it('sends MinHealthyPercentage 100 and MaxHealthyPercentage 200 and waits for a final status with progress', async () => {
    aws.world.addGroup({ name: 'web', desired: 3, max: 6, loadBalancers: ['web-elb'] });
    const old = aws.world.activeIds('web');
    const start = aws.world.now;

    const run = await runRollingDeploy(aws, { group: 'web', strategy: 'instance-refresh' });

    expect(run.result).toMatchObject({ ok: true, reason_code: 'deployed' });
    const [startCall] = aws.calls('StartInstanceRefresh');
    expect(startCall?.params).toMatchObject({
      'Preferences.MinHealthyPercentage': '100',
      'Preferences.MaxHealthyPercentage': '200',
    });
    expect(run.stdout).toMatch(/instance refresh InProgress, \d+% complete, \d instance\(s\) to update/);
    expect(run.stdout).toMatch(/instance refresh Successful, 100% complete/);
    expect(aws.world.minServing('web', start)).toBeGreaterThanOrEqual(3);
    expect(aws.world.activeIds('web').some((id) => old.includes(id))).toBe(false);
    expect(run.result?.groups).toEqual([expect.objectContaining({ before: old, terminated: old })]);
  });

  it('a refresh that fails at AWS fails the step with AWS’s reason', async () => {
    const group = aws.world.addGroup({
      name: 'web',
      desired: 2,
      max: 4,
      loadBalancers: ['web-elb'],
      behaviour: { refreshFailAfterMs: 5 * 60_000 },
    });
    group.behaviour.newInstancesHealthy = false;
    const old = aws.world.activeIds('web');

    const run = await runRollingDeploy(aws, { group: 'web', strategy: 'instance-refresh' });

    expect(run.result).toMatchObject({ ok: false, reason_code: 'instances-unhealthy' });
    expect(String(run.result?.message)).toMatch(
      /ended Failed: Instance i-\w+ failed to become healthy within 300s/,
    );
    expect(aws.world.activeIds('web')).toEqual(old);
  });

  it('at our own deadline the refresh is cancelled and the old fleet keeps serving', async () => {
    const group = aws.world.addGroup({ name: 'web', desired: 2, max: 4, loadBalancers: ['web-elb'] });
    group.behaviour.newInstancesHealthy = false;
    const old = aws.world.activeIds('web');
    const start = aws.world.now;

    const run = await runRollingDeploy(aws, { group: 'web', strategy: 'instance-refresh', timeout: '600ms' });

    expect(run.result).toMatchObject({ ok: false, reason_code: 'instances-unhealthy' });
    expect(aws.count('CancelInstanceRefresh')).toBe(1);
    expect(String(run.result?.message)).toMatch(
      /did not finish in time .* Cancelled it \(instance refresh Cancelled/,
    );
    expect(aws.world.activeIds('web')).toEqual(old);
    expect(aws.world.minServing('web', start)).toBeGreaterThanOrEqual(2);
  });

  it('max-batch with instance-refresh is refused as a bad input', async () => {
    aws.world.addGroup({ name: 'web', desired: 2, max: 4 });
    const run = await runRollingDeploy(aws, { group: 'web', strategy: 'instance-refresh', 'max-batch': 1 });
    expect(run.result).toMatchObject({ ok: false, reason_code: 'bad-input' });
    expect(aws.requests).toEqual([]);
  });
});
