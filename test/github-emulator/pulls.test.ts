import { git, refSnapshot } from '../support/git.js';
import { createWorld, repo, type World } from './world.js';

let world: World;

beforeEach(async () => {
  world = await createWorld();
});

afterEach(async () => {
  await world.close();
  expect(world.gh.schemaViolations).toEqual([]);
});

async function openPull(branch: string, files: Record<string, string>, title: string) {
  await world.commit(branch, files, `feat: ${title}`);
  const { data } = await world.as('octo-org').pulls.create({ ...repo, title, head: branch, base: 'main' });
  return data;
}

async function log(format: string, ref = 'main') {
  return git(world.origin, ['log', '-1', `--format=${format}`, ref]);
}

describe('merging a pull request', () => {
  it('merge makes a two-parent commit named after the pull request and records it', async () => {
    const mainBefore = await world.tip('main');
    const pull = await openPull('feature/login', { 'login.ts': 'login\n' }, 'Add login');
    const octokit = world.as('octo-org');

    const { data: merge } = await octokit.pulls.merge({
      ...repo,
      pull_number: pull.number,
      merge_method: 'merge',
    });

    expect(await world.tip('main')).toBe(merge.sha);
    expect(await log('%P')).toBe(`${mainBefore} ${pull.head.sha}`);
    expect(await log('%B')).toBe(
      `Merge pull request #${pull.number} from octo-org/feature/login\n\nAdd login`,
    );
    expect(await log('%an <%ae>|%cn <%ce>')).toMatch(
      /^octo-org <\d+\+octo-org@users\.noreply\.github\.com>\|GitHub <noreply@github\.com>$/,
    );
    expect(await log('%cI')).toBe('2024-05-01T10:00:00+00:00');
    const { data: merged } = await octokit.pulls.get({ ...repo, pull_number: pull.number });
    expect(merged).toMatchObject({
      state: 'closed',
      merged: true,
      merged_at: '2024-05-01T10:00:00Z',
      merge_commit_sha: merge.sha,
      merged_by: { login: 'octo-org' },
    });
  });

  it('squash makes one commit titled "TITLE (#N)" with the whole change', async () => {
    await world.commit('feature/two', { 'a.txt': 'a\n' }, 'feat: a');
    await world.commit('feature/two', { 'b.txt': 'b\n' }, 'feat: b\n\nwith a body');
    const mainBefore = await world.tip('main');
    const octokit = world.as('octo-org');
    const { data: pull } = await octokit.pulls.create({
      ...repo,
      title: 'Two files',
      head: 'feature/two',
      base: 'main',
    });

    const { data: merge } = await octokit.pulls.merge({
      ...repo,
      pull_number: pull.number,
      merge_method: 'squash',
    });

    expect(await log('%P')).toBe(mainBefore);
    expect(await log('%B')).toBe(`Two files (#${pull.number})\n\n* feat: a\n\n* feat: b\n\nwith a body`);
    expect(await git(world.origin, ['ls-tree', '--name-only', merge.sha])).toBe('README.md\na.txt\nb.txt');
    expect((await octokit.pulls.get({ ...repo, pull_number: pull.number })).data.merge_commit_sha).toBe(
      merge.sha,
    );
  });

  it('rebase replays each commit on the base, keeping authors, and records the last as merge_commit_sha', async () => {
    await world.commit('feature/rebase', { 'a.txt': 'a\n' }, 'feat: a');
    const firstHead = await world.commit('feature/rebase', { 'b.txt': 'b\n' }, 'feat: b', {
      author: { name: 'Grace Hopper', email: 'grace@example.com' },
    });
    const mainMoved = await world.commit('main', { 'c.txt': 'c\n' }, 'fix: c');
    const octokit = world.as('octo-org');
    const { data: pull } = await octokit.pulls.create({
      ...repo,
      title: 'Rebased',
      head: 'feature/rebase',
      base: 'main',
    });

    const { data: merge } = await octokit.pulls.merge({
      ...repo,
      pull_number: pull.number,
      merge_method: 'rebase',
    });

    const replayed = (
      await git(world.origin, ['log', '--format=%H|%P|%s|%an|%cn', `${mainMoved}..main`])
    ).split('\n');
    expect(replayed).toHaveLength(2);
    const [last, first] = replayed.map((line) => line.split('|'));
    expect(first).toEqual([expect.any(String), mainMoved, 'feat: a', 'Ada Lovelace', 'GitHub']);
    expect(last).toEqual([merge.sha, first![0], 'feat: b', 'Grace Hopper', 'GitHub']);
    expect(merge.sha).not.toBe(firstHead);
    expect((await octokit.pulls.get({ ...repo, pull_number: pull.number })).data.merge_commit_sha).toBe(
      merge.sha,
    );
  });

  it('a stale head sha is refused with 409 and nothing is written', async () => {
    const pull = await openPull('feature/stale', { 'x.txt': 'x\n' }, 'Stale');
    await world.commit('feature/stale', { 'y.txt': 'y\n' }, 'feat: pushed after review');
    const before = await refSnapshot(world.origin);

    const merge = world.as('octo-org').pulls.merge({ ...repo, pull_number: pull.number, sha: pull.head.sha });

    await expect(merge).rejects.toMatchObject({
      status: 409,
      response: { data: { message: 'Head branch was modified. Review and try the merge again.' } },
    });
    expect(await refSnapshot(world.origin)).toEqual(before);
    expect((await world.as('octo-org').pulls.get({ ...repo, pull_number: pull.number })).data.state).toBe(
      'open',
    );
  });

  it('a conflicting pull request is refused with 405 "Pull Request is not mergeable"', async () => {
    const first = await openPull('feature/one', { 'README.md': 'one\n' }, 'One');
    const second = await openPull('feature/two', { 'README.md': 'two\n' }, 'Two');
    const octokit = world.as('octo-org');
    await octokit.pulls.merge({ ...repo, pull_number: first.number });
    const before = await refSnapshot(world.origin);

    await expect(octokit.pulls.merge({ ...repo, pull_number: second.number })).rejects.toMatchObject({
      status: 405,
      response: { data: { message: 'Pull Request is not mergeable' } },
    });
    expect(await refSnapshot(world.origin)).toEqual(before);
    const { data } = await octokit.pulls.get({ ...repo, pull_number: second.number });
    expect(data).toMatchObject({ mergeable: false, mergeable_state: 'dirty', merged: false });
  });

  it('a pull request from a fork (head "user:branch") merges into the base repository', async () => {
    const fork = await world.gh.createFork('octo-org', 'app', 'alice');
    const head = await world.commit('fix-typo', { 'README.md': 'app, fixed\n' }, 'fix: typo', { into: fork });
    const { data: pull } = await world
      .as('alice')
      .pulls.create({ ...repo, title: 'Fix typo', head: 'alice:fix-typo', base: 'main' });
    expect(pull.head).toMatchObject({
      label: 'alice:fix-typo',
      sha: head,
      repo: { full_name: 'alice/app', fork: true },
    });

    const { data: merge } = await world.as('octo-org').pulls.merge({ ...repo, pull_number: pull.number });

    expect(await log('%s')).toBe(`Merge pull request #${pull.number} from alice/fix-typo`);
    expect(await log('%P')).toContain(head);
    expect(await git(world.origin, ['show', `${merge.sha}:README.md`])).toBe('app, fixed');
  });
});

describe('what a merge into the default branch closes', () => {
  it('closes the issues named with a closing keyword or linked in the sidebar, not those merely mentioned', async () => {
    const octokit = world.as('octo-org');
    const issue = async (title: string) => (await octokit.issues.create({ ...repo, title })).data.number;
    const fixed = await issue('Fixed by keyword');
    const linked = await issue('Linked in the sidebar');
    const mentioned = await issue('Only mentioned');
    await world.commit('feature/fix', { 'fix.txt': 'fix\n' }, 'fix: it');
    const { data: pull } = await world.as('alice').pulls.create({
      ...repo,
      title: 'Fix',
      head: 'feature/fix',
      base: 'main',
      body: `Fixes #${fixed}, see #${mentioned}`,
    });
    world.gh.linkIssue('octo-org', 'app', pull.number, linked);

    const { data: merge } = await octokit.pulls.merge({ ...repo, pull_number: pull.number });

    const state = async (number: number) =>
      (await octokit.issues.get({ ...repo, issue_number: number })).data.state;
    expect([await state(fixed), await state(linked), await state(mentioned)]).toEqual([
      'closed',
      'closed',
      'open',
    ]);
    const { data: events } = await octokit.issues.listEvents({ ...repo, issue_number: fixed });
    expect(events).toEqual([
      expect.objectContaining({
        event: 'closed',
        actor: expect.objectContaining({ login: 'octo-org' }),
        commit_id: merge.sha,
      }),
    ]);
  });
});

describe('reading pull requests', () => {
  it('lists follow Link headers page by page through octokit.paginate', async () => {
    for (let i = 1; i <= 7; i++) await openPull(`feature/${i}`, { [`f${i}.txt`]: `${i}\n` }, `Change ${i}`);
    const octokit = world.as('octo-org');

    const first = await octokit.pulls.list({ ...repo, per_page: 3 });
    const all = await octokit.paginate(octokit.pulls.list, { ...repo, per_page: 3 });

    expect(first.headers.link).toMatch(/[?&]page=2[^>]*>; rel="next"/);
    expect(first.headers.link).toMatch(/[?&]page=3[^>]*>; rel="last"/);
    expect(all.map((pull) => pull.number)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(world.gh.requests.filter((r) => r.operation === 'GET /repos/{owner}/{repo}/pulls')).toHaveLength(
      4,
    );
  });

  it('filters by state, base and head', async () => {
    const a = await openPull('feature/a', { 'a.txt': 'a\n' }, 'A');
    await openPull('feature/b', { 'b.txt': 'b\n' }, 'B');
    const octokit = world.as('octo-org');
    await octokit.pulls.update({ ...repo, pull_number: a.number, state: 'closed' });

    const numbers = async (params: Record<string, string>) =>
      (await octokit.pulls.list({ ...repo, ...params })).data.map((pull) => pull.title);

    expect(await numbers({})).toEqual(['B']);
    expect(await numbers({ state: 'closed' })).toEqual(['A']);
    expect(await numbers({ state: 'all', direction: 'asc' })).toEqual(['A', 'B']);
    expect(await numbers({ state: 'all', head: 'octo-org:feature/b' })).toEqual(['B']);
    expect(await numbers({ state: 'all', base: 'develop' })).toEqual([]);
  });

  it('refuses a second open pull request for the same branches, and one without commits', async () => {
    await openPull('feature/a', { 'a.txt': 'a\n' }, 'A');
    const octokit = world.as('octo-org');
    await expect(
      octokit.pulls.create({ ...repo, title: 'again', head: 'feature/a', base: 'main' }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ message: 'A pull request already exists for octo-org:feature/a.' }] } },
    });
    await git(world.origin, ['branch', 'empty', 'main']);
    await expect(
      octokit.pulls.create({ ...repo, title: 'none', head: 'empty', base: 'main' }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ message: 'No commits between main and empty' }] } },
    });
    await expect(
      octokit.pulls.create({ ...repo, title: 'x', head: 'nope', base: 'main' }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }] } },
    });
  });

  it('commits/{sha}/pulls finds the pull request of a merge, a squash and a rebase commit', async () => {
    const octokit = world.as('octo-org');
    const merged = await openPull('feature/m', { 'm.txt': 'm\n' }, 'Merged');
    const squashed = await openPull('feature/s', { 's.txt': 's\n' }, 'Squashed');
    const rebased = await openPull('feature/r', { 'r.txt': 'r\n' }, 'Rebased');
    const merge = await octokit.pulls.merge({ ...repo, pull_number: merged.number, merge_method: 'merge' });
    const squash = await octokit.pulls.merge({
      ...repo,
      pull_number: squashed.number,
      merge_method: 'squash',
    });
    const rebase = await octokit.pulls.merge({
      ...repo,
      pull_number: rebased.number,
      merge_method: 'rebase',
    });

    const pullsFor = async (sha: string) =>
      (await octokit.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha })).data.map(
        (p) => p.number,
      );

    expect(await pullsFor(merge.data.sha)).toEqual([merged.number]);
    expect(await pullsFor(merged.head.sha)).toEqual([merged.number]);
    expect(await pullsFor(squash.data.sha)).toEqual([squashed.number]);
    expect(await pullsFor(rebase.data.sha)).toEqual([rebased.number]);
    expect(await pullsFor(await world.tip('main~3'))).toEqual([]);
  });

  it('lists the commits of a pull request, oldest first', async () => {
    const pull = await openPull('feature/c', { 'c1.txt': '1\n' }, 'Commits');
    const second = await world.commit('feature/c', { 'c2.txt': '2\n' }, 'feat: second');

    const { data } = await world.as('octo-org').pulls.listCommits({ ...repo, pull_number: pull.number });

    expect(data.map((commit) => commit.sha)).toEqual([pull.head.sha, second]);
    expect(data[1]!.commit.message).toBe('feat: second');
  });
});
