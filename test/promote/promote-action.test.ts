import { git } from '../support/git.js';
import { type LocalServer, startLocalServer } from '../support/local-server.js';
import { OWNER, PromoteScenario, REPO } from '../support/promote-scenario.js';

const TAG = 'production-2024-05-02';

describe('the promote action', () => {
  let scenario: PromoteScenario;
  let chat: LocalServer | undefined;
  beforeEach(async () => {
    scenario = await PromoteScenario.start();
  });
  afterEach(async () => {
    await chat?.close();
    chat = undefined;
    await scenario.stop();
  });

  it('promotes merge, squash and rebase merges: production, tag, CHANGELOG commit, release, done labels and a deployment', async () => {
    const merged = await scenario.merged('merge', 'feat(api): sign in with passkeys', { 'login.ts': 'a\n' });
    const squashed = await scenario.merged('squash', 'fix: crash on an empty cart', { 'cart.ts': 'b\n' });
    const rebased = await scenario.mergedPullRequest('rebase', 'perf: cache prices', [
      { message: 'perf: cache prices', files: { 'prices.ts': '1\n' } },
      { message: 'perf: cache prices longer', files: { 'prices.ts': '2\n' } },
    ]);
    await scenario.ready(merged, squashed, rebased);
    const main = await scenario.ref('main');

    const run = await scenario.promote();

    expect(run.result).toMatchObject({
      ok: true,
      reason_code: 'promoted',
      tag: TAG,
      pull_requests: [merged, squashed, rebased],
    });
    expect(run.exitCode).toBe(0);
    expect(await scenario.ref('production')).toBe(main);
    expect(await scenario.ref(`${TAG}^{commit}`)).toBe(main);
    const section = String(run.result!.section);
    expect(await git(scenario.origin, ['tag', '-l', '--format=%(contents)', TAG])).toBe(section.trimEnd());
    expect(section).toMatch(/^## production-2024-05-02 \(2024-05-02\)\n/);
    expect(section).toContain(`* **api:** sign in with passkeys ([#${merged}]`);
    expect(section).not.toContain('Merge pull request');
    expect(section).toContain(`* crash on an empty cart ([#${squashed}]`);
    expect(section).toContain('### Performance Improvements');
    expect(await scenario.log('main', 2)).toEqual(['chore(deploy): Update CHANGELOG', expect.any(String)]);
    expect(await scenario.show('main', 'CHANGELOG.md')).toBe(`# Changelog\n\n${section.trimEnd()}`);
    const owner = scenario.as(OWNER);
    const { data: release } = await owner.rest.repos.getReleaseByTag({ owner: OWNER, repo: REPO, tag: TAG });
    expect(release.body).toBe(section);
    for (const number of [merged, squashed, rebased]) {
      expect(await scenario.labelsOf(number)).toEqual(['stage: done']);
    }
    const { data: deployments } = await owner.rest.repos.listDeployments({
      owner: OWNER,
      repo: REPO,
      environment: 'production',
    });
    expect(deployments).toHaveLength(1);
    expect(deployments[0]!.sha).toBe(main);
    expect(run.outputs).toMatchObject({
      tag: TAG,
      target: main,
      prs: JSON.stringify([merged, squashed, rebased]),
    });
    expect(run.summary).toContain('```mermaid');
  });

  it('a PR still in testing blocks every PR behind it, and the plan says so', async () => {
    const first = await scenario.merged('squash', 'feat: one', { 'one.ts': '1\n' });
    const blocker = await scenario.merged('squash', 'feat: two', { 'two.ts': '2\n' });
    const behind = [
      await scenario.merged('merge', 'feat: three', { 'three.ts': '3\n' }),
      await scenario.merged('squash', 'fix: four', { 'four.ts': '4\n' }),
    ];
    await scenario.ready(first, ...behind);
    await scenario.label(blocker, 'testing');
    const firstSha = (
      await git(scenario.origin, ['log', '--format=%H', '--reverse', 'production..main'])
    ).split('\n')[0]!;

    const run = await scenario.promote();

    expect(run.result).toMatchObject({ ok: true, reason_code: 'promoted', pull_requests: [first] });
    expect(run.result!.blocker).toBe(
      `#${blocker} is in stage: testing; 2 ready PRs wait behind it: #${behind[0]} #${behind[1]}`,
    );
    expect(await scenario.ref('production')).toBe(firstSha);
    expect(run.summary).toContain(`#${blocker} is in stage: testing; 2 ready PRs wait behind it`);
    expect(await scenario.labelsOf(behind[0]!)).toEqual(['stage: waiting for production']);
  });

  it('a train blocked at its first PR changes nothing and fails with train-blocked', async () => {
    const blocker = await scenario.merged('squash', 'feat: one', { 'one.ts': '1\n' });
    const ready = await scenario.merged('squash', 'feat: two', { 'two.ts': '2\n' });
    await scenario.label(blocker, 'waiting-for-staging');
    await scenario.ready(ready);
    const before = await scenario.snapshot();

    const run = await scenario.promote();

    expect(run.exitCode).toBe(1);
    expect(run.result).toMatchObject({ ok: false, reason_code: 'train-blocked', target: null });
    expect(run.result!.message).toContain(
      `#${blocker} is in stage: waiting for staging; 1 ready PR waits behind it: #${ready}`,
    );
    expect(await scenario.snapshot()).toEqual(before);
  });

  it('with nothing new on the default branch there is nothing to promote', async () => {
    const run = await scenario.promote();
    expect(run.exitCode).toBe(0);
    expect(run.result).toMatchObject({ ok: true, reason_code: 'nothing-to-promote', pull_requests: [] });
  });

  it('hotfixes on production: the train is replayed onto them and production only moves forward', async () => {
    const hotfix = await scenario.hotfix('fix: urgent hotfix', { 'hotfix.txt': 'urgent\n' });
    const merged = await scenario.merged('merge', 'feat: sign in', { 'login.ts': 'a\n' });
    const squashed = await scenario.merged('squash', 'fix: typo', { 'typo.ts': 'b\n' });
    await scenario.ready(merged, squashed);

    const run = await scenario.promote();

    expect(run.result).toMatchObject({ ok: true, reason_code: 'promoted', replay: true });
    const production = await scenario.ref('production');
    expect(production).toBe(run.result!.deployed);
    expect(
      await git(scenario.origin, ['merge-base', '--is-ancestor', hotfix, production]).then(() => true),
    ).toBe(true);
    expect(await scenario.show('production', 'hotfix.txt')).toBe('urgent');
    expect(await scenario.show('production', 'login.ts')).toBe('a');
    expect(await scenario.ref(`${TAG}^{commit}`)).toBe(production);
    expect(String(run.result!.section)).toContain(`/commit/${production})`);

    // The next deploy knows the replayed commits are on production already.
    const next = await scenario.merged('squash', 'feat: next', { 'next.ts': 'c\n' });
    await scenario.ready(next);
    const second = await scenario.promote({}, { now: '2024-05-03T10:00:00Z' });
    expect(second.result).toMatchObject({
      ok: true,
      reason_code: 'promoted',
      pull_requests: [next],
      replay: true,
    });
    expect(await scenario.show('production', 'next.ts')).toBe('c');
  });

  it('a replay conflict stops before any push and names the files', async () => {
    await scenario.hotfix('fix: hotfix the readme', { 'README.md': '# app (hotfixed)\n' });
    const pr = await scenario.merged('squash', 'docs: a better readme', { 'README.md': '# the app\n' });
    await scenario.ready(pr);
    const before = await scenario.snapshot();

    const run = await scenario.promote();

    expect(run.result).toMatchObject({ ok: false, reason_code: 'conflict-on-replay' });
    expect(run.result!.message).toMatch(/in: README\.md\. Nothing was pushed/);
    expect(await scenario.snapshot()).toEqual(before);
  });

  it('two deploys the same day get the tag and then the tag with .2', async () => {
    const one = await scenario.merged('squash', 'feat: one', { 'one.ts': '1\n' });
    await scenario.ready(one);
    expect((await scenario.promote()).result).toMatchObject({ reason_code: 'promoted', tag: TAG });
    const two = await scenario.merged('squash', 'feat: two', { 'two.ts': '2\n' });
    await scenario.ready(two);

    const second = await scenario.promote({}, { now: '2024-05-02T16:00:00Z' });

    expect(second.result).toMatchObject({ reason_code: 'promoted', tag: `${TAG}.2`, pull_requests: [two] });
    const changelog = await scenario.show('main', 'CHANGELOG.md');
    expect(changelog.indexOf(`## ${TAG}.2 `)).toBeLessThan(changelog.indexOf(`## ${TAG} `));
    expect(changelog.match(/^## /gm)).toHaveLength(2);
  });

  it('a label applied by a user without write access does not count', async () => {
    const pr = await scenario.merged('squash', 'feat: sneaky', { 'sneaky.ts': '1\n' });
    await scenario.label(pr, 'waiting-for-production', 'mallory');
    const before = await scenario.snapshot();

    const run = await scenario.promote();

    expect(run.result).toMatchObject({ ok: false, reason_code: 'train-blocked' });
    expect(run.result!.blocker).toBe(
      `#${pr} is in stage: waiting for production, but @mallory who applied that label has no write access; no ready PR waits behind it`,
    );
    expect(await scenario.snapshot()).toEqual(before);
  });

  it('a PR linked to an issue: its entry links the issue, and the issue moves to done too', async () => {
    const issue = await scenario.issue('Sign-in is slow');
    await scenario.label(issue, 'testing');
    const pr = await scenario.merged(
      'merge',
      'perf: faster sign-in',
      { 'login.ts': 'fast\n' },
      `Fixes #${issue}`,
    );
    await scenario.ready(pr);

    const run = await scenario.promote();

    expect(run.result).toMatchObject({ reason_code: 'promoted' });
    expect(String(run.result!.section)).toContain(
      `closes [#${issue}](https://github.com/${OWNER}/${REPO}/issues/${issue})`,
    );
    expect(await scenario.labelsOf(issue)).toEqual(['stage: done']);
    expect(await scenario.labelsOf(pr)).toEqual(['stage: done']);
  });

  it('dry-run changes nothing (compare every ref and label before and after)', async () => {
    await scenario.hotfix('fix: hotfix', { 'hotfix.txt': '1\n' });
    const one = await scenario.merged('merge', 'feat: one', { 'one.ts': '1\n' });
    const two = await scenario.merged('squash', 'feat: two', { 'two.ts': '2\n' });
    await scenario.ready(one, two);
    chat = await startLocalServer(() => ({ body: 'ok' }));
    const before = await scenario.snapshot();
    const requestsBefore = scenario.github.requests.length;

    const run = await scenario.promote({ 'dry-run': true, 'webhook-url': `${chat.url}/hook` });

    expect(run.result).toMatchObject({
      ok: true,
      reason_code: 'planned',
      dry_run: true,
      tag: TAG,
      pull_requests: [one, two],
    });
    expect(await scenario.snapshot()).toEqual(before);
    const writes = scenario.github.requests
      .slice(requestsBefore)
      .filter((request) => request.method !== 'GET');
    expect(writes).toEqual([]);
    expect(chat.requests).toEqual([]);
    expect(run.summary).toContain('### CHANGELOG section');
  });

  it('applies a plan by its fingerprint, and refuses with plan-changed when a label moved since', async () => {
    const one = await scenario.merged('squash', 'feat: one', { 'one.ts': '1\n' });
    const two = await scenario.merged('squash', 'feat: two', { 'two.ts': '2\n' });
    await scenario.ready(one, two);
    const plan = await scenario.promote({ 'dry-run': true });
    const fingerprint = plan.outputs.fingerprint!;
    await scenario.label(two, 'testing');
    const before = await scenario.snapshot();

    const stale = await scenario.promote({ fingerprint });

    expect(stale.result).toMatchObject({ ok: false, reason_code: 'plan-changed' });
    expect(await scenario.snapshot()).toEqual(before);
    const fresh = await scenario.promote({ 'dry-run': true });
    const applied = await scenario.promote({ fingerprint: fresh.outputs.fingerprint! });
    expect(applied.result).toMatchObject({ ok: true, reason_code: 'promoted', pull_requests: [one] });
  });

  it('tells the team at the start and at the end, naming the tag, the PRs and the run', async () => {
    const one = await scenario.merged('squash', 'feat: one', { 'one.ts': '1\n' });
    await scenario.ready(one);
    chat = await startLocalServer(() => ({ body: 'ok' }));

    const run = await scenario.promote({ 'webhook-url': `${chat.url}/hooks/secret` });

    expect(run.result).toMatchObject({ reason_code: 'promoted' });
    const texts = chat.requests.map((request) => JSON.stringify(request.json));
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain(`Production deploy ${TAG} of ${OWNER}/${REPO} started`);
    expect(texts[1]).toContain(`Production deploy ${TAG} of ${OWNER}/${REPO} finished`);
    for (const text of texts) {
      expect(text).toContain(`#${one}`);
      expect(text).toContain('https://github.com/octo-org/app/actions/runs/4242');
    }
    // Only the runner's mask command may carry the webhook URL.
    const printed = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(printed.join('\n')).not.toContain('/hooks/secret');
    expect(run.masked).toContain(`${chat!.url}/hooks/secret`);
  });
});
