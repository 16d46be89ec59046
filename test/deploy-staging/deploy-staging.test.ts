import { createStagingWorld, repo, type StagingWorld, TESTING, WAITING } from './staging-world.js';

const runUrl = 'https://github.example/octo-org/app/actions/runs/4242';

let world: StagingWorld;
afterEach(async () => {
  const { schemaViolations, unimplemented } = world.gh;
  await world.close();
  expect(schemaViolations).toEqual([]);
  expect(unimplemented).toEqual([]);
});

/** Phase start, your steps (nothing here), phase finish with the job's status. */
async function startAndFinish(inputs: Record<string, string>, status: 'success' | 'failure' | 'cancelled') {
  const start = await world.deploy({ phase: 'start', ...inputs });
  expect(start.result).toMatchObject({ ok: true, reason_code: 'deploy-started' });
  const finish = await world.deploy({
    phase: 'finish',
    'deployment-id': start.outputs['deployment-id']!,
    status,
  });
  return { start, finish };
}

describe('deploy-staging against the GitHub emulator', () => {
  it('an update records a staging Deployment and moves the PRs it contains to testing with one comment each', async () => {
    world = await createStagingWorld();
    const issue = await world.openIssue('Search is slow', [WAITING]);
    const first = await world.mergePull('feat: faster search', { body: `Fixes #${issue}` });
    const second = await world.mergePull('fix: login redirect', { method: 'squash' });
    const main = await world.tip('main');

    const { start, finish } = await startAndFinish({ component: 'api' }, 'success');
    expect(start.outputs.sha).toBe(main);
    expect(JSON.parse(start.outputs.prs!)).toEqual([first.number, second.number]);
    expect(start.summary).toContain('Taken to staging');
    expect(start.summary).toContain(`#${first.number}`);

    expect(finish.exitCode).toBe(0);
    expect(finish.result).toMatchObject({
      ok: true,
      reason_code: 'deployed',
      component: 'api',
      sha: main,
      branch: 'main',
      pull_requests: [first.number, second.number],
    });
    expect(await world.labelsOf(first.number)).toEqual([TESTING]);
    expect(await world.labelsOf(second.number)).toEqual([TESTING]);
    expect(await world.labelsOf(issue)).toEqual([TESTING]);
    const comments = await world.commentsOn(first.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain('Deployed to **staging** (`api`)');
    expect(comments[0]).toContain(main.slice(0, 7));
    expect(await world.commentsOn(issue)).toEqual([]);

    const [deployment] = await world.deployments();
    expect(deployment).toMatchObject({
      sha: main,
      task: 'deploy:api',
      environment: 'staging',
      payload: { component: 'api', action: 'update', ref: 'main', branch: 'main', run_url: runUrl },
    });
    expect(deployment!.statuses.map((status) => status.state)).toEqual(['success', 'in_progress']);
    expect(deployment!.statuses[0]!.log_url).toBe(runUrl);
  });

  it('finishing the same deployment again changes nothing and never comments twice', async () => {
    world = await createStagingWorld();
    const pull = await world.mergePull('feat: export');
    const { start } = await startAndFinish({ component: 'api' }, 'success');
    const before = await world.snapshot();
    const again = await world.deploy({
      phase: 'finish',
      'deployment-id': start.outputs['deployment-id']!,
      status: 'success',
    });
    expect(again.result).toMatchObject({ ok: true, reason_code: 'deployed' });
    expect(await world.snapshot()).toEqual(before);
    expect(await world.commentsOn(pull.number)).toHaveLength(1);
  });

  it('labels move only for what the deployed ref contains', async () => {
    world = await createStagingWorld();
    const inside = await world.mergePull('feat: one');
    const deployed = await world.tip('main');
    const outside = await world.mergePull('feat: two');

    const { start, finish } = await startAndFinish({ component: 'api', ref: deployed }, 'success');
    expect(start.result).toMatchObject({ pull_requests: [inside.number], left_waiting: [outside.number] });
    expect(start.summary).toMatch(/Still stage: waiting for staging \(not in this commit\)/);
    expect(finish.result).toMatchObject({ ok: true, pull_requests: [inside.number] });
    expect(await world.labelsOf(inside.number)).toEqual([TESTING]);
    expect(await world.labelsOf(outside.number)).toEqual([WAITING]);
    expect(await world.commentsOn(outside.number)).toEqual([]);
  });

  it('a failed deploy marks the deployment failed and leaves every label where it was', async () => {
    world = await createStagingWorld();
    const pull = await world.mergePull('feat: risky');
    const start = await world.deploy({ phase: 'start', component: 'api' });
    const before = (await world.snapshot()) as { items: unknown };
    const finish = await world.deploy({
      phase: 'finish',
      'deployment-id': start.outputs['deployment-id']!,
      status: 'failure',
    });
    expect(finish.exitCode).toBe(1);
    expect(finish.result).toMatchObject({ ok: false, reason_code: 'deploy-failed', pull_requests: [] });
    expect(finish.errors.join('\n')).toMatch(/every stage label was left where it was/);
    expect(((await world.snapshot()) as { items: unknown }).items).toEqual(before.items);
    expect(await world.labelsOf(pull.number)).toEqual([WAITING]);
    const [deployment] = await world.deployments();
    expect(deployment!.statuses.map((status) => status.state)).toEqual(['failure', 'in_progress']);
    expect(deployment!.statuses[0]!.log_url).toBe(runUrl);
  });

  it('a cancelled deploy is recorded as an error and moves nothing', async () => {
    world = await createStagingWorld();
    const pull = await world.mergePull('feat: slow');
    const { finish } = await startAndFinish({ component: 'api' }, 'cancelled');
    expect(finish.result).toMatchObject({ ok: false, reason_code: 'deploy-failed' });
    expect(await world.labelsOf(pull.number)).toEqual([WAITING]);
    const [deployment] = await world.deployments();
    expect(deployment!.statuses[0]!.state).toBe('error');
  });

  it('refuses a second deploy of a component while one is in progress, and allows another component', async () => {
    world = await createStagingWorld();
    await world.mergePull('feat: one');
    const first = await world.deploy({ phase: 'start', component: 'api' });
    const before = await world.snapshot();
    const second = await world.deploy({ phase: 'start', component: 'api' });
    expect(second.exitCode).toBe(1);
    expect(second.result).toMatchObject({
      ok: false,
      reason_code: 'deploy-in-progress',
      blocking_deployment_id: Number(first.outputs['deployment-id']),
    });
    expect(second.errors.join('\n')).toMatch(/has been in progress since .*Nothing was changed/);
    expect(await world.snapshot()).toEqual(before);

    const other = await world.deploy({ phase: 'start', component: 'web' });
    expect(other.result).toMatchObject({ ok: true, reason_code: 'deploy-started' });

    await world.deploy({
      phase: 'finish',
      'deployment-id': first.outputs['deployment-id']!,
      status: 'success',
    });
    const third = await world.deploy({ phase: 'start', component: 'api' });
    expect(third.result).toMatchObject({ ok: true, reason_code: 'deploy-started' });
  });

  it('an unknown component or ref is refused before anything changes', async () => {
    world = await createStagingWorld();
    await world.mergePull('feat: one');
    const before = await world.snapshot();
    const component = await world.deploy({ phase: 'start', component: 'apii' });
    expect(component.result).toMatchObject({ ok: false, reason_code: 'unknown-component' });
    expect(component.errors.join('\n')).toMatch(/Unknown component "apii".*The config names: api, web/s);
    const ref = await world.deploy({ phase: 'start', component: 'api', ref: 'no-such-branch' });
    expect(ref.result).toMatchObject({ ok: false, reason_code: 'unknown-ref' });
    expect(ref.errors.join('\n')).toMatch(/"no-such-branch" is not a branch, tag or commit/);
    expect(await world.snapshot()).toEqual(before);
  });

  it('an update of a branch other than the default is refused and points to switch-branch', async () => {
    world = await createStagingWorld();
    await world.push('feature-x', { 'x.txt': 'x\n' }, 'wip: x');
    const before = await world.snapshot();
    const run = await world.deploy({ phase: 'start', component: 'api', ref: 'feature-x' });
    expect(run.result).toMatchObject({ ok: false, reason_code: 'not-on-default-branch' });
    expect(run.errors.join('\n')).toMatch(/switch-branch/);
    expect(await world.snapshot()).toEqual(before);
  });

  it('a workflow recipe cannot run in one go', async () => {
    world = await createStagingWorld();
    const run = await world.deploy({ component: 'api' });
    expect(run.result).toMatchObject({ ok: false, reason_code: 'wrong-phase' });
    expect(await world.deployments()).toEqual([]);
  });

  it('a dry run shows what would go to staging and changes nothing', async () => {
    world = await createStagingWorld();
    const pull = await world.mergePull('feat: preview');
    const before = await world.snapshot();
    const run = await world.deploy({ phase: 'start', component: 'api', 'dry-run': 'true' });
    expect(run.exitCode).toBe(0);
    expect(run.result).toMatchObject({
      ok: true,
      reason_code: 'dry-run',
      dry_run: true,
      pull_requests: [pull.number],
    });
    expect(run.summary).toContain(`#${pull.number}`);
    expect(run.summary).toContain('would move to testing');
    expect(run.outputs['deployment-id']).toBe('');
    expect(await world.snapshot()).toEqual(before);
  });

  it('switch-branch records the branch until an update brings staging back', async () => {
    world = await createStagingWorld();
    await startAndFinish({ component: 'api' }, 'success');
    const branchTip = await world.push('feature-x', { 'x.txt': 'x\n' }, 'wip: x');
    const waiting = await world.mergePull('feat: on main only');

    const { start, finish } = await startAndFinish(
      { component: 'api', action: 'switch-branch', ref: 'feature-x' },
      'success',
    );
    expect(start.warnings.join('\n')).toMatch(/staging\/api will be on branch feature-x, not main/);
    expect(finish.result).toMatchObject({ ok: true, branch: 'feature-x', sha: branchTip, pull_requests: [] });
    expect(finish.summary).toMatch(/staging\/api is on branch feature-x/);
    expect(await world.labelsOf(waiting.number)).toEqual([WAITING]);
    const switched = (await world.deployments()).at(-1)!;
    expect(switched.payload).toMatchObject({
      action: 'switch-branch',
      ref: 'feature-x',
      branch: 'feature-x',
    });

    // Every staging summary says so, also another component's.
    const web = await world.deploy({ phase: 'start', component: 'web', 'dry-run': 'true' });
    expect(web.summary).toMatch(/staging\/api is on branch feature-x/);
    const status = await world.status();
    expect(status).toMatch(/staging\/api is on branch feature-x/);
    expect(status).toMatch(/\| api \| [0-9a-f]{7} \| feature-x \|/);

    const { start: back, finish: backFinish } = await startAndFinish({ component: 'api' }, 'success');
    expect(back.summary).toMatch(/brings staging\/api back to main from branch feature-x/);
    expect(backFinish.result).toMatchObject({ branch: 'main', pull_requests: [waiting.number] });
    expect(backFinish.summary).not.toMatch(/is on branch/);
    expect(await world.status()).not.toMatch(/is on branch/);
    expect(await world.labelsOf(waiting.number)).toEqual([TESTING]);
  });

  it('lists the PRs of other stages that ride along', async () => {
    world = await createStagingWorld();
    await startAndFinish({ component: 'api' }, 'success');
    const unlabelled = await world.mergePull('chore: bump deps', { label: null });
    const tested = await world.mergePull('feat: tested elsewhere', { label: TESTING });
    const waiting = await world.mergePull('feat: waiting');
    await world.push('main', { 'hotfix.txt': 'x\n' }, 'direct push');

    const run = await world.deploy({ phase: 'start', component: 'api', 'dry-run': 'true' });
    expect(run.result).toMatchObject({
      pull_requests: [waiting.number],
      riding_along: [unlabelled.number, tested.number],
      direct_pushes: 1,
    });
    expect(run.summary).toMatch(
      new RegExp(`\\| #${unlabelled.number} \\| chore: bump deps \\| no stage label \\|`),
    );
    expect(run.summary).toMatch(
      new RegExp(`\\| #${tested.number} \\| feat: tested elsewhere \\| ${TESTING} \\|`),
    );
  });

  it('status shows per component what staging runs, since when, and how many PRs wait for it', async () => {
    world = await createStagingWorld();
    await world.mergePull('feat: one');
    await startAndFinish({ component: 'api' }, 'success');
    const later = await world.mergePull('feat: two');
    const json = JSON.parse(await world.status(['--json'])) as { staging: unknown[] };
    expect(json.staging).toEqual([
      {
        component: 'api',
        sha: expect.stringMatching(/^[0-9a-f]{40}$/),
        branch: 'main',
        on_default_branch: true,
        since: '2024-05-01T10:00:00Z',
        deployment_id: expect.any(Number),
        waiting_for_staging: [later.number],
      },
      {
        component: 'web',
        sha: null,
        branch: null,
        on_default_branch: null,
        since: null,
        deployment_id: null,
        waiting_for_staging: [later.number],
      },
    ]);
    const text = await world.status();
    expect(text).toMatch(/\| api \| [0-9a-f]{7} \| main \| 2024-05-01 10:00 \(\d+[hd] ago\) \| 1 \|/);
    expect(text).toMatch(/\| web \| - \| - \| never deployed \| 1 \|/);
  });

  it('finish refuses a deployment that is not a release-train staging deployment', async () => {
    world = await createStagingWorld();
    const { data } = await world.api.rest.repos.createDeployment({
      ...repo,
      ref: 'main',
      environment: 'production',
      required_contexts: [],
    });
    const run = await world.deploy({
      phase: 'finish',
      'deployment-id': String((data as { id: number }).id),
      status: 'success',
    });
    expect(run.result).toMatchObject({ ok: false, reason_code: 'unknown-deployment' });
  });
});
