import { createGitHub } from '../../src/github/client.js';
import { openDeployment } from '../../src/github/deployment.js';
import { git } from '../support/git.js';
import { type LocalServer, startLocalServer } from '../support/local-server.js';
import { gitShim, OWNER, PromoteScenario, REPO } from '../support/promote-scenario.js';

const TAG = 'production-2024-05-02';

/** What a rerun must never duplicate. */
async function counts(scenario: PromoteScenario) {
  const owner = scenario.as(OWNER);
  const tags = (await git(scenario.origin, ['tag', '-l'])).split('\n').filter(Boolean);
  const changelog = await scenario.show('main', 'CHANGELOG.md');
  const releases = (await owner.rest.repos.listReleases({ owner: OWNER, repo: REPO })).data.length;
  const deployments = (await owner.rest.repos.listDeployments({ owner: OWNER, repo: REPO })).data.length;
  return { tags, sections: (changelog.match(/^## /gm) ?? []).length, releases, deployments };
}

/** The statuses of the one deployment, newest first. */
async function deploymentStates(scenario: PromoteScenario): Promise<string[]> {
  const owner = scenario.as(OWNER);
  const { data } = await owner.rest.repos.listDeployments({ owner: OWNER, repo: REPO });
  const { data: statuses } = await owner.rest.repos.listDeploymentStatuses({
    owner: OWNER,
    repo: REPO,
    deployment_id: data[0]!.id,
  });
  return statuses.map((status) => status.state);
}

function notifications(chat: LocalServer): string[] {
  return chat.requests.map((request) => {
    const text = JSON.stringify(request.json);
    return /started/.test(text)
      ? 'started'
      : /finished/.test(text)
        ? 'finished'
        : /failed/.test(text)
          ? 'failed'
          : text;
  });
}

describe('a rerun after a failure', () => {
  let scenario: PromoteScenario;
  let chat: LocalServer;
  let prs: number[];
  let webhook: string;
  beforeEach(async () => {
    scenario = await PromoteScenario.start();
    const issue = await scenario.issue('Checkout is slow');
    prs = [
      await scenario.merged('merge', 'feat: one', { 'one.ts': '1\n' }, `Closes #${issue}`),
      await scenario.merged('squash', 'fix: two', { 'two.ts': '2\n' }),
    ];
    await scenario.ready(...prs);
    chat = await startLocalServer(() => ({ body: 'ok' }));
    webhook = `${chat.url}/hook`;
  });
  afterEach(async () => {
    await chat.close();
    await scenario.stop();
  });

  async function finishedOnce() {
    expect(await counts(scenario)).toEqual({ tags: [TAG], sections: 1, releases: 1, deployments: 1 });
    for (const number of prs) expect(await scenario.labelsOf(number)).toEqual(['stage: done']);
    expect(await scenario.ref('production')).toBe(await scenario.ref(`${TAG}^{commit}`));
  }

  it('when the remote refuses the atomic push nothing is written, and the rerun promotes', async () => {
    await scenario.hook('pre-receive', '#!/bin/sh\necho "deploys are frozen" >&2\nexit 1\n');
    const before = await scenario.snapshot();
    const first = await scenario.promote({ 'webhook-url': webhook });
    expect(first.result).toMatchObject({
      ok: false,
      reason_code: 'push-rejected',
      failed_step: 'move-production',
    });
    expect(await scenario.snapshot()).toEqual(before);

    await scenario.hook('pre-receive', '#!/bin/sh\nexit 0\n');
    const rerun = await scenario.promote({ 'webhook-url': webhook });
    expect(rerun.result).toMatchObject({ ok: true, reason_code: 'promoted', tag: TAG });
    await finishedOnce();
    expect(notifications(chat)).toEqual(['started', 'failed', 'started', 'finished']);
  });

  it('between the push and opening the deployment (the token lost its write access): the rerun finishes', async () => {
    scenario.github.grant(OWNER, REPO, 'release-bot', 'read');
    const first = await scenario.promote({ 'webhook-url': webhook });
    expect(first.result).toMatchObject({ ok: false, failed_step: 'open-deployment' });
    expect(await counts(scenario)).toEqual({ tags: [TAG], sections: 0, releases: 0, deployments: 0 });

    scenario.github.grant(OWNER, REPO, 'release-bot', 'write');
    const rerun = await scenario.promote({ 'webhook-url': webhook });
    expect(rerun.result).toMatchObject({ ok: true, reason_code: 'resumed' });
    await finishedOnce();
    expect(notifications(chat)).toEqual(['started', 'failed', 'finished']);
  });

  it('between opening the deployment and the CHANGELOG commit: the rerun writes the section once and finishes the rest', async () => {
    await scenario.hook(
      'pre-receive',
      '#!/bin/sh\nwhile read old new ref; do [ "$ref" = refs/heads/main ] && { echo "main is protected" >&2; exit 1; }; done\nexit 0\n',
    );
    const first = await scenario.promote({ 'webhook-url': webhook });
    expect(first.result).toMatchObject({
      ok: false,
      reason_code: 'changelog-push-rejected',
      failed_step: 'changelog',
    });
    expect(first.result!.message).toMatch(/Rerun promote: it finds what is done and finishes the rest/);
    expect(await counts(scenario)).toEqual({ tags: [TAG], sections: 0, releases: 0, deployments: 1 });
    expect(await deploymentStates(scenario)).toEqual(['error', 'in_progress']);

    await scenario.hook('pre-receive', '#!/bin/sh\nexit 0\n');
    const rerun = await scenario.promote({ 'webhook-url': webhook });
    expect(rerun.result).toMatchObject({ ok: true, reason_code: 'resumed', tag: TAG });
    await finishedOnce();
    expect(notifications(chat)).toEqual(['started', 'failed', 'finished']);
  });

  it('between the CHANGELOG commit and the release (GitHub made it but the answer was lost): no second release', async () => {
    scenario.github.injectFault({ method: 'POST', path: /\/releases$/, status: 502, after: true });
    const first = await scenario.promote();
    expect(first.result).toMatchObject({ ok: false, failed_step: 'release' });
    expect((await counts(scenario)).releases).toBe(1);

    const rerun = await scenario.promote();
    expect(rerun.result).toMatchObject({ ok: true, reason_code: 'resumed' });
    await finishedOnce();
  });

  it('between the release and the labels (a label write answered with an error): the rerun finishes the labels', async () => {
    scenario.github.injectFault({ method: 'POST', path: /\/issues\/\d+\/labels$/, status: 502, after: true });
    const first = await scenario.promote();
    expect(first.result).toMatchObject({ ok: false, failed_step: 'labels' });
    expect(await counts(scenario)).toEqual({ tags: [TAG], sections: 1, releases: 1, deployments: 1 });

    const rerun = await scenario.promote();
    expect(rerun.result).toMatchObject({ ok: true, reason_code: 'resumed' });
    await finishedOnce();
  });

  it('between the labels and the success of the deployment: the rerun closes the one deployment', async () => {
    scenario.refuseDeploymentStatus = 'success';
    const first = await scenario.promote({ 'webhook-url': webhook });
    expect(first.result).toMatchObject({
      ok: false,
      reason_code: 'github-api-error',
      failed_step: 'close-deployment',
    });
    expect(first.result!.message).toMatch(
      /^GitHub answered 500 to POST \/repos\/octo-org\/app\/deployments\/\d+\/statuses/,
    );
    for (const number of prs) expect(await scenario.labelsOf(number)).toEqual(['stage: done']);

    const rerun = await scenario.promote({ 'webhook-url': webhook });
    expect(rerun.result).toMatchObject({ ok: true, reason_code: 'resumed' });
    await finishedOnce();
    expect(await deploymentStates(scenario)).toEqual(['success', 'in_progress', 'error', 'in_progress']);
    expect(notifications(chat)).toEqual(['started', 'failed', 'finished']);
  });

  it('a run that died mid-deploy keeps other runs off while its deployment is in progress, but not its own re-run', async () => {
    await scenario.hook(
      'pre-receive',
      '#!/bin/sh\nwhile read old new ref; do [ "$ref" = refs/heads/main ] && exit 1; done\nexit 0\n',
    );
    // The run cannot even mark its deployment unfinished: as if it died.
    scenario.refuseDeploymentStatus = 'error';
    const first = await scenario.promote({}, { runId: '101' });
    expect(first.result).toMatchObject({ ok: false, failed_step: 'changelog' });
    expect(await deploymentStates(scenario)).toEqual(['in_progress']);
    await scenario.hook('pre-receive', '#!/bin/sh\nexit 0\n');
    const before = await scenario.snapshot();

    const other = await scenario.promote({}, { runId: '102', now: '2024-05-02T10:05:00Z' });
    expect(other.result).toMatchObject({ ok: false, reason_code: 'deploy-in-progress' });
    expect(other.result!.message).toContain('https://github.com/octo-org/app/actions/runs/101');
    expect(await scenario.snapshot()).toEqual(before);

    const rerun = await scenario.promote({}, { runId: '101', now: '2024-05-02T10:06:00Z' });
    expect(rerun.result).toMatchObject({ ok: true, reason_code: 'resumed' });
    await finishedOnce();
  });

  it('a run that finds a fresh deploy tag without a deployment waits, and keeps off when the other run opens it', async () => {
    // Run 1 pushed production and its tag, then had not opened its deployment yet.
    scenario.github.grant(OWNER, REPO, 'release-bot', 'read');
    const first = await scenario.promote({}, { runId: '1' });
    expect(first.result).toMatchObject({ ok: false, failed_step: 'open-deployment' });
    scenario.github.grant(OWNER, REPO, 'release-bot', 'write');

    // Run 2 starts in that gap; run 1 opens its deployment a moment later, as a live run does.
    const second = scenario.promote({}, { runId: '2' });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await openDeployment(
      createGitHub('release-bot', { baseUrl: scenario.github.url }),
      { owner: OWNER, repo: REPO },
      {
        environment: 'production',
        sha: await scenario.ref(`${TAG}^{commit}`),
        tag: TAG,
        component: undefined,
        pullRequests: prs,
        runUrl: `https://github.com/${OWNER}/${REPO}/actions/runs/1`,
        description: TAG,
      },
    );
    const run = await second;
    expect(run.result).toMatchObject({ ok: false, reason_code: 'deploy-in-progress' });
    expect(await counts(scenario)).toEqual({ tags: [TAG], sections: 0, releases: 0, deployments: 1 });
  });

  it("a rerun given the original plan's fingerprint finishes the deploy that plan approved", async () => {
    const plan = await scenario.promote({ 'dry-run': true });
    const fingerprint = plan.outputs.fingerprint!;
    await scenario.hook(
      'pre-receive',
      '#!/bin/sh\nwhile read old new ref; do [ "$ref" = refs/heads/main ] && exit 1; done\nexit 0\n',
    );
    const first = await scenario.promote({ fingerprint });
    expect(first.result).toMatchObject({ ok: false, failed_step: 'changelog' });
    await scenario.hook('pre-receive', '#!/bin/sh\nexit 0\n');

    const stranger = await scenario.promote({ fingerprint: `${'0'.repeat(12)}-${'1'.repeat(16)}` });
    expect(stranger.result).toMatchObject({ ok: false, reason_code: 'plan-changed' });
    const rerun = await scenario.promote({ fingerprint });
    expect(rerun.result).toMatchObject({ ok: true, reason_code: 'resumed' });
    await finishedOnce();
  });

  it('after the last step a rerun finds nothing to do and notifies nobody', async () => {
    expect((await scenario.promote({ 'webhook-url': webhook })).result).toMatchObject({
      reason_code: 'promoted',
    });
    const rerun = await scenario.promote({ 'webhook-url': webhook });
    expect(rerun.result).toMatchObject({ ok: true, reason_code: 'nothing-to-promote' });
    await finishedOnce();
    expect(notifications(chat)).toEqual(['started', 'finished']);
  });
});

describe('races', () => {
  let scenario: PromoteScenario;
  beforeEach(async () => {
    scenario = await PromoteScenario.start();
  });
  afterEach(() => scenario.stop());

  it('when production moves between the plan and the push, the lease fails and nothing is written', async () => {
    const pr = await scenario.merged('squash', 'feat: one', { 'one.ts': '1\n' });
    await scenario.ready(pr);
    const rival = await scenario.checkout('rival');
    await git(rival, ['commit', '--quiet', '--allow-empty', '-m', 'fix: a hotfix lands meanwhile']);
    const env = await gitShim(scenario.sandbox, {
      on: 'deploy-push',
      before: `git -C ${rival} push -q origin HEAD:refs/heads/production`,
    });
    const run = await scenario.promote({}, { env });
    expect(run.result).toMatchObject({ ok: false, reason_code: 'lease-lost' });
    expect(run.result!.message).toMatch(/Nothing was written/);
    expect(await scenario.ref('production')).toBe(await git(rival, ['rev-parse', 'HEAD']));
    expect(await git(scenario.origin, ['tag', '-l'])).toBe('');
  });

  it('a push race on the default branch: the CHANGELOG commit is made again on the new tip, never forced', async () => {
    const pr = await scenario.merged('squash', 'feat: one', { 'one.ts': '1\n' });
    await scenario.ready(pr);
    const rival = await scenario.checkout('rival');
    const env = await gitShim(scenario.sandbox, {
      on: 'changelog-push',
      times: 2,
      before: `git -C ${rival} pull -q --rebase origin main && git -C ${rival} -c user.name=bob -c user.email=bob@example.com commit -q --allow-empty -m "feat: merged meanwhile" && git -C ${rival} push -q origin HEAD:refs/heads/main`,
    });
    const run = await scenario.promote({}, { env });
    expect(run.result).toMatchObject({ ok: true, reason_code: 'promoted' });
    expect(await scenario.log('main', 3)).toEqual([
      'chore(deploy): Update CHANGELOG',
      'feat: merged meanwhile',
      'feat: merged meanwhile',
    ]);
    expect((run.result!.steps as Record<string, string>).changelog).toMatch(/after 2 race\(s\)/);
  });

  it('two runs at once: one promotes, the other writes nothing twice', async () => {
    const pr = await scenario.merged('squash', 'feat: one', { 'one.ts': '1\n' });
    await scenario.ready(pr);
    const runs = await Promise.all([
      scenario.promote({}, { runId: '1' }),
      scenario.promote({}, { runId: '2' }),
    ]);
    const codes = runs.map((run) => run.result!.reason_code).sort();
    expect(codes.filter((code) => code === 'promoted')).toHaveLength(1);
    // The other lost the race at the push, or found the deploy in progress, or found it done.
    expect(codes.filter((code) => code !== 'promoted')).toEqual([
      expect.stringMatching(/^(lease-lost|deploy-in-progress|nothing-to-promote)$/),
    ]);
    expect(await counts(scenario)).toEqual({ tags: [TAG], sections: 1, releases: 1, deployments: 1 });
  });
});
