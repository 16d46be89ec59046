import { OWNER, PromoteScenario, REPO } from '../support/promote-scenario.js';
import { runAction } from '../support/run-action.js';

const config = `direct-pushes: allow
components:
  api:
    staging: { kind: workflow }
`;

/** deploy-staging phase start, the user's steps (none), phase finish with success. */
async function deployToStaging(scenario: PromoteScenario, ref: string): Promise<void> {
  const run = (inputs: Record<string, string>) =>
    runAction('deploy-staging', {
      inputs: { 'github-token': 'release-bot', ...inputs },
      repository: `${OWNER}/${REPO}`,
      apiUrl: scenario.github.url,
      timeoutMs: 30_000,
    });
  const start = await run({ phase: 'start', component: 'api', ref });
  expect(start.result).toMatchObject({ ok: true, reason_code: 'deploy-started' });
  const finish = await run({
    phase: 'finish',
    'deployment-id': start.outputs['deployment-id']!,
    status: 'success',
  });
  expect(finish.result).toMatchObject({ ok: true, reason_code: 'deployed' });
}

describe('promote with require-staging', () => {
  let scenario: PromoteScenario;
  beforeEach(async () => {
    scenario = await PromoteScenario.start();
    await scenario.directPush('chore: release-train config', { '.github/release-train.yml': config });
  });
  afterEach(async () => {
    await scenario.stop();
  });

  it('the plan and promote refuse a target never deployed to staging, with the command that fixes it', async () => {
    const pr = await scenario.merged('merge', 'feat: search', { 'search.ts': 'a\n' });
    await scenario.ready(pr);
    const target = await scenario.ref('main');
    const before = await scenario.snapshot();

    const plan = await scenario.promote({ 'dry-run': true });
    expect(plan.result).toMatchObject({ ok: false, dry_run: true, reason_code: 'not-on-staging' });

    const run = await scenario.promote();

    expect(run.exitCode).toBe(1);
    expect(run.result).toMatchObject({
      ok: false,
      reason_code: 'not-on-staging',
      target,
      not_on_staging: ['api'],
      commands: [`gh workflow run deploy-staging.yml -f action=update -f component=api -f ref=${target}`],
    });
    expect(run.errors.join('\n')).toMatch(/api was never deployed to staging\. Nothing was changed\./);
    expect(await scenario.snapshot()).toEqual(before);
  });

  it('promote refuses while staging runs an older commit, and goes ahead once staging contains the target', async () => {
    const older = await scenario.ref('main');
    const pr = await scenario.merged('squash', 'feat: export', { 'export.ts': 'a\n' });
    await scenario.ready(pr);
    const target = await scenario.ref('main');
    await deployToStaging(scenario, older);

    const refused = await scenario.promote();
    expect(refused.result).toMatchObject({ ok: false, reason_code: 'not-on-staging' });
    expect(refused.errors.join('\n')).toContain(`staging/api runs ${older.slice(0, 7)} (branch main, since`);
    expect(await scenario.ref('production')).not.toBe(target);

    await deployToStaging(scenario, 'main');
    const promoted = await scenario.promote();
    expect(promoted.result).toMatchObject({ ok: true, reason_code: 'promoted', pull_requests: [pr] });
    expect(promoted.stdout).toContain(`require-staging: staging contains ${target.slice(0, 7)} for api.`);
    expect(await scenario.ref('production')).toBe(target);
  });
});
