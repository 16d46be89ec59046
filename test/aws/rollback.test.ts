import {
  type AwsEmulator,
  groupSnapshot,
  runDoctor,
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

describe('rolling-deploy rollback', () => {
  it('new instances that never become healthy are removed and the group is restored exactly', async () => {
    const group = aws.world.addGroup({
      name: 'web',
      desired: 3,
      max: 4,
      loadBalancers: ['web-elb'],
      targetGroups: ['web-tg'],
      // The owner's own settings, which a rollback must leave as they are.
      suspended: ['AZRebalance'],
      tags: { team: 'platform' },
    });
    const old = aws.world.activeIds('web');
    group.instances[0]!.protected = true;
    group.behaviour.newInstancesHealthy = false;
    const before = groupSnapshot(group);
    const start = aws.world.now;

    const run = await runRollingDeploy(aws, { group: 'web', timeout: '800ms' });

    expect(run.exitCode).toBe(1);
    expect(run.result).toMatchObject({ ok: false, reason_code: 'instances-unhealthy' });
    expect(run.outputs['reason-code']).toBe('instances-unhealthy');
    expect(groupSnapshot(group)).toEqual(before);
    expect(aws.world.activeIds('web')).toEqual(old);
    const departures = aws.world.departures('web');
    expect(departures).toHaveLength(3);
    expect(departures.every((instance) => !old.includes(instance.id) && instance.cause === 'api')).toBe(true);
    expect(aws.world.minServing('web', start)).toBeGreaterThanOrEqual(3);
    // The owner's suspension of AZRebalance stays; only ours were resumed.
    expect(aws.calls('ResumeProcesses').flatMap((call) => Object.values(call.params))).not.toContain(
      'AZRebalance',
    );

    const message = String(run.result?.message);
    expect(message).toMatch(
      /new instances did not pass health checks: 0 of 3 new instances in service after 800ms/,
    );
    expect(message).toMatch(/Rolled back: terminated i-\w+, i-\w+, i-\w+; desired capacity 3; max size 4/);
    expect(message).toMatch(/The old fleet keeps serving/);
    expect(run.summary).toContain('**Restored on rollback:**');
    expect(run.summary).toContain('↩️ instances-unhealthy (rolled back)');
  });

  it('a rerun after a crash mid-surge is refused with repair advice, and doctor repairs it', async () => {
    const group = aws.world.addGroup({ name: 'web', desired: 3, max: 3, loadBalancers: ['web-elb'] });
    const old = aws.world.activeIds('web');
    const before = groupSnapshot(group);
    group.behaviour.newInstancesHealthy = false;

    // The runner dies while the surge waits for its new instances (as when a job is cancelled).
    const crashed = await runRollingDeploy(aws, { group: 'web', timeout: '10m' }, { timeoutMs: 2000 });
    expect(crashed.exitCode).toBeNull();
    expect(group.desired).toBe(6);
    expect(group.tags.has('release-train:deploy')).toBe(true);

    const writesBefore = aws.requests.length;
    const rerun = await runRollingDeploy(aws, { group: 'web' });
    expect(rerun.result).toMatchObject({ ok: false, reason_code: 'group-mid-deploy' });
    expect(String(rerun.result?.message)).toContain('release-train doctor --group web --repair');
    expect(String(rerun.result?.message)).toMatch(
      /a surge started .* did not finish: desired capacity was 3 and is 6/,
    );
    expect(aws.requests.slice(writesBefore).every((request) => request.action.startsWith('Describe'))).toBe(
      true,
    );

    const look = await runDoctor(aws, ['--group', 'web']);
    expect(look.exitCode).toBe(1);
    expect(look.stdout).toMatch(/Left mid-deploy/);
    expect(look.stdout).toMatch(/max size was raised from 3 to 6/);
    expect(look.stdout).toMatch(
      /processes suspended by release-train: AZRebalance, ScheduledActions, InstanceRefresh/,
    );

    const repair = await runDoctor(aws, ['--group', 'web', '--repair']);
    expect(repair.exitCode).toBe(0);
    expect(repair.stdout).toMatch(/Repaired: terminated/);
    expect(groupSnapshot(group)).toEqual(before);
    expect(aws.world.activeIds('web')).toEqual(old);
    expect(aws.world.departures('web').every((instance) => !old.includes(instance.id))).toBe(true);

    const clean = await runDoctor(aws, ['--group', 'web']);
    expect(clean).toMatchObject({ exitCode: 0 });
    expect(clean.stdout).toMatch(/No deploy under way/);

    group.behaviour.newInstancesHealthy = true;
    const again = await runRollingDeploy(aws, { group: 'web' });
    expect(again.result).toMatchObject({ ok: true, reason_code: 'deployed' });
  });

  it('an instance refresh still going refuses the deploy with nothing changed', async () => {
    const group = aws.world.addGroup({ name: 'web', desired: 2, max: 4, loadBalancers: ['web-elb'] });
    group.behaviour.newInstancesHealthy = false;
    aws.world.startRefresh(group, { MinHealthyPercentage: '100', MaxHealthyPercentage: '200' }, 'Rolling');
    aws.world.settle();

    const run = await runRollingDeploy(aws, { group: 'web' });

    expect(run.result).toMatchObject({ ok: false, reason_code: 'group-mid-deploy' });
    expect(String(run.result?.message)).toMatch(/instance refresh [\w-]+ is InProgress/);
    expect(aws.requests.every((request) => request.action.startsWith('Describe'))).toBe(true);
  });

  it('doctor --repair cancels an instance refresh still going', async () => {
    const group = aws.world.addGroup({ name: 'web', desired: 2, max: 4, loadBalancers: ['web-elb'] });
    const old = aws.world.activeIds('web');
    group.behaviour.newInstancesHealthy = false;
    const refresh = aws.world.startRefresh(
      group,
      { MinHealthyPercentage: '100', MaxHealthyPercentage: '200' },
      'Rolling',
    );
    aws.world.settle();

    const repair = await runDoctor(aws, ['--group', 'web', '--repair']);

    expect(repair.stdout).toMatch(/instance refresh [\w-]+ is InProgress/);
    expect(repair.stdout).toMatch(/instance refresh Cancelled/);
    expect(repair.exitCode).toBe(0);
    expect(refresh.status).toBe('Cancelled');
    expect(aws.world.activeIds('web')).toEqual(old);
  });
});
