import { PromoteScenario } from '../support/promote-scenario.js';
import { runCli } from '../support/run-cli.js';

async function releaseTrain(scenario: PromoteScenario, cwd: string, args: string[]) {
  const run = await runCli([...args, '--api-url', scenario.github.url], {
    cwd,
    env: { GITHUB_TOKEN: 'release-bot', RELEASE_TRAIN_NOW: '2024-05-02T10:00:00Z' },
  });
  return { code: run.exitCode, stdout: run.stdout, stderr: run.stderr };
}

describe('release-train plan and promote from a checkout', () => {
  let scenario: PromoteScenario;
  beforeEach(async () => {
    scenario = await PromoteScenario.start();
  });
  afterEach(() => scenario.stop());

  it('plan prints the train, the tag, the blocker and the fingerprint, and changes nothing', async () => {
    const one = await scenario.merged('squash', 'feat: one', { 'one.ts': '1\n' });
    const two = await scenario.merged('squash', 'feat: two', { 'two.ts': '2\n' });
    await scenario.ready(one);
    await scenario.label(two, 'testing');
    const checkout = await scenario.checkout();
    const before = await scenario.snapshot();

    const plan = await releaseTrain(scenario, checkout, ['plan']);

    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('The train would promote #1 to production as production-2024-05-02.');
    expect(plan.stdout).toContain(`#${two} is in stage: testing; no ready PR waits behind it`);
    expect(plan.stdout).toMatch(
      /To apply exactly this plan: release-train promote --fingerprint [0-9a-f]{12}-[0-9a-f]{16}/,
    );
    expect(await scenario.snapshot()).toEqual(before);
  });

  it("promote with the fingerprint of the plan applies it; --json gives the action's result", async () => {
    const one = await scenario.merged('squash', 'feat: one', { 'one.ts': '1\n' });
    await scenario.ready(one);
    const checkout = await scenario.checkout();
    const plan = JSON.parse((await releaseTrain(scenario, checkout, ['plan', '--json'])).stdout);
    expect(plan).toMatchObject({ schema: 1, ok: true, reason_code: 'planned', pull_requests: [one] });

    const applied = await releaseTrain(scenario, checkout, [
      'promote',
      '--json',
      '--fingerprint',
      plan.fingerprint,
    ]);

    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({
      ok: true,
      reason_code: 'promoted',
      tag: 'production-2024-05-02',
    });
    expect(await scenario.ref('production')).toBe(plan.target);
  });
});
