import { type LocalServer, startLocalServer } from '../support/local-server.js';
import { OWNER, PromoteScenario, REPO } from '../support/promote-scenario.js';

describe('promote with a config', () => {
  let scenario: PromoteScenario | undefined;
  let chat: LocalServer | undefined;
  afterEach(async () => {
    await chat?.close();
    await scenario?.stop();
    chat = undefined;
    scenario = undefined;
  });

  it('a direct push blocks the train unless the config allows direct pushes', async () => {
    scenario = await PromoteScenario.start();
    const before = await scenario.merged('squash', 'feat: one', { 'one.ts': '1\n' });
    const push = await scenario.directPush('fix: straight to main', { 'hot.ts': '1\n' });
    const after = await scenario.merged('squash', 'feat: two', { 'two.ts': '2\n' });
    await scenario.ready(before, after);
    const blocked = await scenario.promote({ 'dry-run': true });
    expect(blocked.result).toMatchObject({ pull_requests: [before] });
    expect(blocked.result!.blocker).toBe(
      `${push.slice(0, 7)} "fix: straight to main" was pushed without a pull request (config direct-pushes: block); 1 ready PR waits behind it: #${after}`,
    );
    await scenario.stop();

    scenario = await PromoteScenario.start({ config: 'direct-pushes: allow\n' });
    const one = await scenario.merged('squash', 'feat: one', { 'one.ts': '1\n' });
    await scenario.directPush('fix: straight to main', { 'hot.ts': '1\n' });
    const two = await scenario.merged('squash', 'feat: two', { 'two.ts': '2\n' });
    await scenario.ready(one, two);
    const run = await scenario.promote();
    expect(run.result).toMatchObject({ ok: true, reason_code: 'promoted', pull_requests: [one, two] });
    expect(String(run.result!.section)).toContain('* straight to main');
  });

  it('the component is recorded on the deployment and named in the notifications; an unknown one is refused', async () => {
    scenario = await PromoteScenario.start({
      // This test is about the component's record; the staging order has its own tests.
      config:
        'tag-format: "deploy/{date}"\nrequire-staging: false\ncomponents:\n  api:\n    description: the API\n',
    });
    const one = await scenario.merged('squash', 'feat: one', { 'one.ts': '1\n' });
    await scenario.ready(one);
    const before = await scenario.snapshot();
    const unknown = await scenario.promote({ component: 'web' });
    expect(unknown.result).toMatchObject({ ok: false, reason_code: 'unknown-component' });
    expect(unknown.result!.message).toContain('known: api');
    expect(await scenario.snapshot()).toEqual(before);

    chat = await startLocalServer(() => ({ body: 'ok' }));
    const run = await scenario.promote({ component: 'api', 'webhook-url': `${chat.url}/hook` });
    expect(run.result).toMatchObject({ ok: true, reason_code: 'promoted', tag: 'deploy/2024-05-02' });
    const owner = scenario.as(OWNER);
    const { data: deployments } = await owner.rest.repos.listDeployments({ owner: OWNER, repo: REPO });
    expect(deployments).toHaveLength(1);
    expect(deployments[0]).toMatchObject({
      task: 'deploy:api',
      environment: 'production',
      ref: 'deploy/2024-05-02',
      payload: { tool: 'release-train', tag: 'deploy/2024-05-02', component: 'api', pull_requests: [one] },
    });
    expect(JSON.stringify(chat.requests[0]!.json)).toContain(
      `Production deploy deploy/2024-05-02 of ${OWNER}/${REPO} (api) started`,
    );
  });
});
