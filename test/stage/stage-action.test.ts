import { cloneRepo, commitFiles, git } from '../support/git.js';
import { runAction } from '../support/run-action.js';
import { createScenario, type Scenario } from '../support/scenario.js';

const BOT = 'github-actions[bot]';

describe('the stage action', () => {
  let s: Scenario;

  beforeEach(async () => {
    s = await createScenario({ collaborators: { [BOT]: 'write', alice: 'write', trina: 'triage' } });
  });
  afterEach(async () => {
    await s.close();
  });

  function stage(
    event: { name: string; payload: Record<string, unknown> },
    inputs: Record<string, string> = {},
  ) {
    return runAction('stage', {
      event,
      repository: s.repository,
      apiUrl: s.gh.url,
      actor: String((event.payload.sender as { login?: string } | undefined)?.login ?? 'alice'),
      inputs: { 'github-token': BOT, ...inputs },
    });
  }

  async function prEvent(number: number, action: string, extra: Record<string, unknown> = {}) {
    return {
      name: 'pull_request_target',
      payload: { ...(await s.gh.pullRequestEvent(s.owner, s.repo, number, action)), ...extra },
    };
  }

  async function pushOfMerge(mergeSha: string) {
    const before = await git(s.origin, ['rev-parse', `${mergeSha}^1`]);
    return { name: 'push', payload: await s.gh.pushEvent(s.owner, s.repo, before, mergeSha) };
  }

  it('labels sync creates the four stage labels, and a second run changes nothing', async () => {
    const first = await stage({ name: 'workflow_dispatch', payload: {} }, { task: 'sync-labels' });
    expect(first.exitCode).toBe(0);
    expect(first.result).toMatchObject({ schema: 1, ok: true, reason_code: 'labels-synced' });
    const { data } = await s.as(s.owner).rest.issues.listLabelsForRepo({ owner: s.owner, repo: s.repo });
    expect(data.map((label) => [label.name, label.color]).sort()).toEqual([
      ['stage: done', '5319e7'],
      ['stage: testing', '1d76db'],
      ['stage: waiting for production', '0e8a16'],
      ['stage: waiting for staging', 'fbca04'],
    ]);
    const second = await stage({ name: 'workflow_dispatch', payload: {} }, { task: 'sync-labels' });
    expect(second.result).toMatchObject({ ok: true, reason_code: 'labels-in-sync' });
  });

  it('a PR that links no issue fails its check and says how to link one', async () => {
    const pr = await s.openPr({ branch: 'feat-a', title: 'feat: a', body: 'Related to #1, no keyword.' });
    const run = await stage(await prEvent(pr, 'opened'));
    expect(run.exitCode).toBe(1);
    expect(run.result).toMatchObject({ ok: false, reason_code: 'no-linked-issue' });
    expect(run.errors.join('\n')).toMatch(/does not link an issue.*Fixes #123/);
    expect(run.summary).toMatch(/links no issue/);
  });

  it('a PR that closes an issue passes the check', async () => {
    const issue = await s.createIssue('Login is slow');
    const pr = await s.openPr({ branch: 'feat-b', title: 'fix: faster login', body: `Fixes #${issue}` });
    const run = await stage(await prEvent(pr, 'opened'));
    expect(run.exitCode).toBe(0);
    expect(run.result).toMatchObject({ ok: true, reason_code: 'issue-linked', linked_issues: [`#${issue}`] });
  });

  it('naming a pull request or a missing issue with a closing keyword is not a link', async () => {
    const other = await s.openPr({ branch: 'other', title: 'chore: other' });
    const pr = await s.openPr({ branch: 'feat-c', title: 'feat: c', body: `Fixes #${other}, closes #999` });
    const run = await stage(await prEvent(pr, 'edited'));
    expect(run.result).toMatchObject({ ok: false, reason_code: 'no-linked-issue' });
    expect(run.result?.invalid_links).toEqual([
      `#${other} is a pull request, not an issue`,
      '#999 is no such issue',
    ]);
  });

  it.each(['merge', 'squash', 'rebase'] as const)(
    'a PR merged with %s waits for staging after the push, and so does its linked issue',
    async (method) => {
      const issue = await s.createIssue('Add search');
      const pr = await s.openPr({
        branch: `feat-${method}`,
        title: 'feat: search',
        body: `Closes #${issue}`,
        commits: ['feat: search index', 'feat: search box'],
      });
      const sha = await s.merge(pr, method);
      const run = await stage(await pushOfMerge(sha));
      expect(run.exitCode).toBe(0);
      expect(run.result).toMatchObject({ ok: true, reason_code: 'stage-moved', pull_requests: [pr] });
      expect(await s.labelsOf(pr)).toEqual(['stage: waiting for staging']);
      expect(await s.labelsOf(issue)).toEqual(['stage: waiting for staging']);
      expect(run.summary).toContain('merged into the default branch');

      const again = await stage(await pushOfMerge(sha));
      expect(again.result).toMatchObject({ ok: true, reason_code: 'stage-unchanged' });
    },
  );

  it('a direct push without a PR changes nothing', async () => {
    await s.pull();
    const sha = await commitFiles(s.work, { 'x.txt': 'x' }, 'docs: typo');
    await git(s.work, ['push', '-q', 'origin', 'main']);
    const run = await stage(await pushOfMerge(sha));
    expect(run.result).toMatchObject({ ok: true, reason_code: 'nothing-to-do' });
  });

  it('a PR from a fork is labelled on merge, without its code ever being checked out', async () => {
    const fork = await s.gh.createFork(s.owner, s.repo, 'forker');
    const clone = await cloneRepo(fork, `${s.sandbox.root}/fork-work`);
    await git(clone, ['checkout', '-q', '-b', 'fix-typo']);
    await commitFiles(clone, { 'typo.txt': 'fixed' }, 'fix: typo');
    await git(clone, ['push', '-q', 'origin', 'fix-typo']);
    const issue = await s.createIssue('Typo');
    const { data: pr } = await s.as('forker').rest.pulls.create({
      owner: s.owner,
      repo: s.repo,
      head: 'forker:fix-typo',
      base: 'main',
      title: 'fix: typo',
      body: `fixes #${issue}`,
    });
    const sha = await s.merge(pr.number, 'merge');
    const run = await stage(await pushOfMerge(sha));
    expect(run.result).toMatchObject({ ok: true, reason_code: 'stage-moved' });
    expect(await s.labelsOf(pr.number)).toEqual(['stage: waiting for staging']);
  });

  it('a stage label applied by hand becomes the only stage label, on the PR and its linked issue', async () => {
    const issue = await s.createIssue('Dark mode');
    const pr = await s.openPr({ branch: 'feat-d', title: 'feat: dark mode', body: `Resolves #${issue}` });
    await s.merge(pr);
    await s.label(pr, ['stage: testing']);
    await s.label(issue, ['stage: testing']);
    await s.label(pr, ['stage: waiting for production'], 'alice');
    const run = await stage(
      await prEvent(pr, 'labeled', {
        label: { name: 'stage: waiting for production' },
        sender: { login: 'alice' },
      }),
    );
    expect(run.result).toMatchObject({ ok: true, reason_code: 'stage-moved' });
    expect(await s.labelsOf(pr)).toEqual(['stage: waiting for production']);
    expect(await s.labelsOf(issue)).toEqual(['stage: waiting for production']);
  });

  it('"waiting for production" applied by a user without write access is removed, with a comment saying why', async () => {
    const pr = await s.openPr({ branch: 'feat-e', title: 'feat: e' });
    await s.merge(pr);
    await s.label(pr, ['stage: testing']);
    await s.label(pr, ['stage: waiting for production'], 'trina');
    const run = await stage(
      await prEvent(pr, 'labeled', {
        label: { name: 'stage: waiting for production' },
        sender: { login: 'trina' },
      }),
    );
    expect(run.exitCode).toBe(0);
    expect(run.result).toMatchObject({ ok: true, reason_code: 'label-refused', actor: 'trina' });
    expect(await s.labelsOf(pr)).toEqual(['stage: testing']);
    const comments = await s.commentsOn(pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatch(
      /removed the label \*\*stage: waiting for production\*\*: @trina .* without write access/,
    );
  });

  it('dry-run reports the move and changes no label', async () => {
    const pr = await s.openPr({ branch: 'feat-f', title: 'feat: f' });
    const sha = await s.merge(pr);
    const run = await stage(await pushOfMerge(sha), { 'dry-run': 'true' });
    expect(run.result).toMatchObject({ ok: true, dry_run: true, reason_code: 'stage-moved' });
    expect(run.summary).toContain('+ stage: waiting for staging');
    expect(await s.labelsOf(pr)).toEqual([]);
    const { data } = await s.as(s.owner).rest.issues.listLabelsForRepo({ owner: s.owner, repo: s.repo });
    expect(data).toEqual([]);
  });

  it('stage labels renamed in the config on the default branch are the ones applied', async () => {
    await s.pull();
    await commitFiles(
      s.work,
      {
        '.github/release-train.yml':
          'stages:\n  waiting-for-staging:\n    name: "ready for staging"\n    color: "ededed"\n',
      },
      'chore: configure release-train',
    );
    await git(s.work, ['push', '-q', 'origin', 'main']);
    const pr = await s.openPr({ branch: 'feat-g', title: 'feat: g' });
    const sha = await s.merge(pr);
    await stage(await pushOfMerge(sha));
    expect(await s.labelsOf(pr)).toEqual(['ready for staging']);
  });

  it('an invalid config fails naming the exact path, and changes nothing', async () => {
    await s.pull();
    await commitFiles(
      s.work,
      { '.github/release-train.yml': 'stages:\n  testing:\n    color: blue\n' },
      'chore: bad config',
    );
    await git(s.work, ['push', '-q', 'origin', 'main']);
    const pr = await s.openPr({ branch: 'feat-h', title: 'feat: h' });
    const sha = await s.merge(pr);
    const run = await stage(await pushOfMerge(sha));
    expect(run.exitCode).toBe(1);
    expect(run.result).toMatchObject({ ok: false, reason_code: 'bad-config' });
    expect(run.errors.join('\n')).toMatch(/stages\.testing\.(name|color)/);
    expect(await s.labelsOf(pr)).toEqual([]);
  });

  it('the GitHub token never appears in the log', async () => {
    const run = await stage({ name: 'workflow_dispatch', payload: {} }, { task: 'sync-labels' });
    expect(run.masked).toContain(BOT);
  });
});
