import { type AwsEmulator, groupSnapshot, startAwsEmulator } from '../support/aws-emulator/index.js';
import { createStagingWorld, type StagingWorld, TESTING, WAITING } from './staging-world.js';

const config = `components:
  web:
    staging: { kind: rolling-deploy, groups: [web-staging] }
  etcd:
    quorum: true
    staging: { kind: rolling-deploy, groups: [etcd-staging] }
  ghost:
    staging: { kind: rolling-deploy, groups: [no-such-group] }
`;

let aws: AwsEmulator;
let world: StagingWorld;
beforeEach(async () => {
  aws = await startAwsEmulator();
  world = await createStagingWorld(config);
});
afterEach(async () => {
  const { schemaViolations, unimplemented } = world.gh;
  await world.close();
  await aws.close();
  expect(schemaViolations).toEqual([]);
  expect(unimplemented).toEqual([]);
});

function deploy(component: string, inputs: Record<string, string> = {}) {
  return world.deploy(
    { component, 'poll-interval': '20ms', timeout: '20s', ...inputs },
    { env: { ...aws.env(), AWS_ENDPOINT_URL: aws.url } },
  );
}

describe('deploy-staging with a rolling-deploy recipe (phase all) against the AWS emulator', () => {
  it("replaces the group's instances, then moves the PRs to testing", async () => {
    aws.world.addGroup({ name: 'web-staging', desired: 2, max: 2, loadBalancers: ['web-elb'] });
    const old = aws.world.activeIds('web-staging');
    const pull = await world.mergePull('feat: new web');

    const run = await deploy('web');
    expect(run.result).toMatchObject({
      ok: true,
      reason_code: 'deployed',
      pull_requests: [pull.number],
      recipe: { recipe_reason_code: 'deployed', groups: [{ group: 'web-staging', ok: true, before: old }] },
    });
    expect(aws.world.activeIds('web-staging')).not.toEqual(expect.arrayContaining(old));
    expect(run.summary).toContain('2 of 2 new instances in service');
    expect(await world.labelsOf(pull.number)).toEqual([TESTING]);
    const [deployment] = await world.deployments();
    expect(deployment!.statuses.map((status) => status.state)).toEqual(['success', 'in_progress']);
  });

  it('new instances that never become healthy are rolled back, the deployment fails and labels stay', async () => {
    const group = aws.world.addGroup({ name: 'web-staging', desired: 2, max: 3, loadBalancers: ['web-elb'] });
    group.behaviour.newInstancesHealthy = false;
    const before = groupSnapshot(group);
    const pull = await world.mergePull('feat: broken image');

    const run = await deploy('web', { timeout: '800ms' });
    expect(run.exitCode).toBe(1);
    expect(run.result).toMatchObject({
      ok: false,
      reason_code: 'deploy-failed',
      recipe: { recipe_reason_code: 'instances-unhealthy' },
    });
    expect(groupSnapshot(group)).toEqual(before);
    expect(await world.labelsOf(pull.number)).toEqual([WAITING]);
    const [deployment] = await world.deployments();
    expect(deployment!.statuses.map((status) => status.state)).toEqual(['failure', 'in_progress']);
  });

  it('a group that does not exist is refused before any deployment is opened', async () => {
    await world.mergePull('feat: one');
    const before = await world.snapshot();
    const run = await deploy('ghost');
    expect(run.result).toMatchObject({ ok: false, reason_code: 'group-not-found' });
    expect(await world.snapshot()).toEqual(before);
  });

  it('a quorum service with a surge recipe is refused before anything changes', async () => {
    aws.world.addGroup({ name: 'etcd-staging', desired: 3, max: 3 });
    const run = await deploy('etcd');
    expect(run.result).toMatchObject({ ok: false, reason_code: 'quorum-unsafe' });
    expect(await world.deployments()).toEqual([]);
    expect(aws.count()).toBe(0);
  });
});
