import { git } from '../support/git.js';
import { createWorld, repo, type World } from './world.js';

let world: World;

beforeEach(async () => {
  world = await createWorld();
});

afterEach(async () => {
  await world.close();
  expect(world.gh.schemaViolations).toEqual([]);
});

describe('repositories read live from git', () => {
  it('a commit written into the bare repository is seen by the very next request', async () => {
    const octokit = world.as('octo-org');
    const before = (await octokit.repos.getBranch({ ...repo, branch: 'main' })).data.commit.sha;

    const pushed = await world.commit('main', { 'new.txt': 'new\n' }, 'feat: new file');

    const { data: branch } = await octokit.repos.getBranch({ ...repo, branch: 'main' });
    expect(branch.commit.sha).toBe(pushed);
    expect(branch.commit.parents.map((parent) => parent.sha)).toEqual([before]);
    expect((await octokit.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha).toBe(pushed);
  });

  it('a branch name that is only the folder of other branches is not a branch', async () => {
    const sha = await world.commit('feature/x', { 'x.txt': 'x\n' }, 'feat: x');
    const octokit = world.as('octo-org');

    await expect(octokit.repos.getBranch({ ...repo, branch: 'feature' })).rejects.toMatchObject({
      status: 404,
    });
    expect((await octokit.repos.getBranch({ ...repo, branch: 'feature/x' })).data.commit.sha).toBe(sha);
  });

  it('the default branch is the one HEAD names', async () => {
    await world.commit('develop', { 'd.txt': 'd\n' }, 'feat: d');
    await git(world.origin, ['symbolic-ref', 'HEAD', 'refs/heads/develop']);

    const { data } = await world.as('anyone').repos.get({ ...repo });

    expect(data).toMatchObject({ full_name: 'octo-org/app', default_branch: 'develop', private: false });
    expect(data.permissions).toEqual({
      admin: false,
      maintain: false,
      push: false,
      triage: false,
      pull: true,
    });
  });

  it('lists commits newest first from sha=, page by page', async () => {
    const shas = [await world.tip('main')];
    for (let i = 1; i <= 4; i++)
      shas.push(await world.commit('main', { [`${i}.txt`]: `${i}\n` }, `feat: ${i}`));
    const octokit = world.as('octo-org');

    const all = await octokit.paginate(octokit.repos.listCommits, { ...repo, sha: 'main', per_page: 2 });
    const first = await octokit.repos.listCommits({ ...repo, per_page: 2 });

    expect(all.map((commit) => commit.sha)).toEqual([...shas].reverse());
    expect(first.headers.link).toMatch(/page=3[^>]*>; rel="last"/);
    expect(all[0]!.commit).toMatchObject({
      message: 'feat: 4',
      author: { name: 'Ada Lovelace', email: 'ada@example.com', date: '2024-04-15T12:00:00Z' },
    });
  });

  it('compares two refs: ahead, behind, identical and diverged', async () => {
    const base = await world.tip('main');
    const ahead = await world.commit('feature', { 'f.txt': 'f\n' }, 'feat: f');
    const octokit = world.as('octo-org');
    const compare = async (basehead: string) => {
      const { data } = await octokit.repos.compareCommitsWithBasehead({ ...repo, basehead });
      return [data.status, data.ahead_by, data.behind_by, data.commits.map((commit) => commit.sha)];
    };

    expect(await compare('main...feature')).toEqual(['ahead', 1, 0, [ahead]]);
    expect(await compare('feature...main')).toEqual(['behind', 0, 1, []]);
    expect(await compare('main...main')).toEqual(['identical', 0, 0, []]);
    await world.commit('main', { 'm.txt': 'm\n' }, 'fix: m');
    expect(await compare('main...feature')).toEqual(['diverged', 1, 1, [ahead]]);
    const { data } = await octokit.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `${base}...feature`,
    });
    expect(data.files?.map((file) => [file.filename, file.status, file.additions])).toEqual([
      ['f.txt', 'added', 1],
    ]);
  });

  it('serves file contents as base64 or raw, and folders as lists', async () => {
    await world.commit(
      'main',
      { 'docs/CHANGELOG.md': '# Changelog\n\n## production-2024-05-01\n' },
      'docs: changelog',
    );
    const octokit = world.as('octo-org');

    const { data: file } = await octokit.repos.getContent({ ...repo, path: 'docs/CHANGELOG.md' });
    const raw = await octokit.repos.getContent({
      ...repo,
      path: 'docs/CHANGELOG.md',
      mediaType: { format: 'raw' },
    });
    const { data: root } = await octokit.repos.getContent({ ...repo, path: '' });
    const old = octokit.repos.getContent({ ...repo, path: 'docs/CHANGELOG.md', ref: 'main~1' });

    expect(file).toMatchObject({ type: 'file', path: 'docs/CHANGELOG.md', encoding: 'base64' });
    expect(Buffer.from((file as { content: string }).content, 'base64').toString()).toBe(
      '# Changelog\n\n## production-2024-05-01\n',
    );
    expect(raw.data).toBe('# Changelog\n\n## production-2024-05-01\n');
    expect((root as Array<{ name: string; type: string }>).map((entry) => [entry.name, entry.type])).toEqual([
      ['README.md', 'file'],
      ['docs', 'dir'],
    ]);
    await expect(old).rejects.toMatchObject({ status: 404 });
  });

  it('creates, moves and deletes refs, refusing a non-fast-forward without force', async () => {
    const first = await world.tip('main');
    const second = await world.commit('main', { 's.txt': 's\n' }, 'feat: s');
    const octokit = world.as('octo-org');

    await octokit.git.createRef({ ...repo, ref: 'refs/heads/production', sha: first });
    await expect(
      octokit.git.createRef({ ...repo, ref: 'refs/heads/production', sha: first }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Reference already exists' } },
    });
    await octokit.git.updateRef({ ...repo, ref: 'heads/production', sha: second });
    await expect(
      octokit.git.updateRef({ ...repo, ref: 'heads/production', sha: first }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Update is not a fast forward' } },
    });
    expect(await world.tip('production')).toBe(second);
    await octokit.git.updateRef({ ...repo, ref: 'heads/production', sha: first, force: true });
    expect(await world.tip('production')).toBe(first);
    const { data: matching } = await octokit.git.listMatchingRefs({ ...repo, ref: 'heads/prod' });
    expect(matching.map((ref) => ref.ref)).toEqual(['refs/heads/production']);
    await octokit.git.deleteRef({ ...repo, ref: 'heads/production' });
    await expect(octokit.git.getRef({ ...repo, ref: 'heads/production' })).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      world.as('reader').git.createRef({ ...repo, ref: 'refs/heads/x', sha: first }),
    ).rejects.toMatchObject({
      status: 403,
    });
  });

  it('an unknown commit answers 422 "No commit found", an empty repository 409', async () => {
    const octokit = world.as('octo-org');
    await expect(octokit.repos.getCommit({ ...repo, ref: 'no-such-branch' })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'No commit found for SHA: no-such-branch' } },
    });
    await world.gh.createRepo('octo-org', 'empty');
    await expect(octokit.repos.listCommits({ owner: 'octo-org', repo: 'empty' })).rejects.toMatchObject({
      status: 409,
      response: { data: { message: 'Git Repository is empty.' } },
    });
  });
});

describe('writing through the API', () => {
  it('the contents API writes a file as a commit on the branch, and refuses a stale or missing sha', async () => {
    const octokit = world.as('octo-org');
    const content = (text: string) => Buffer.from(text).toString('base64');
    const before = await world.tip('main');

    const created = await octokit.repos.createOrUpdateFileContents({
      ...repo,
      path: 'CHANGELOG.md',
      message: 'chore(deploy): Update CHANGELOG',
      content: content('## production-2024-05-01\n'),
    });
    const stale = created.data.content!.sha!;
    const updated = await octokit.repos.createOrUpdateFileContents({
      ...repo,
      path: 'CHANGELOG.md',
      message: 'chore(deploy): Update CHANGELOG again',
      content: content('## production-2024-05-02\n'),
      sha: stale,
      committer: { name: 'release-train', email: 'release-train@example.com' },
    });

    expect([created.status, updated.status]).toEqual([201, 200]);
    expect(await git(world.origin, ['log', '--format=%s|%an|%cn', `${before}..main`])).toBe(
      'chore(deploy): Update CHANGELOG again|release-train|release-train\nchore(deploy): Update CHANGELOG|octo-org|octo-org',
    );
    expect(await git(world.origin, ['show', 'main:CHANGELOG.md'])).toBe('## production-2024-05-02');
    expect(updated.data.commit.sha).toBe(await world.tip('main'));
    await expect(
      octokit.repos.createOrUpdateFileContents({
        ...repo,
        path: 'CHANGELOG.md',
        message: 'x',
        content: content('x'),
        sha: stale,
      }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      octokit.repos.createOrUpdateFileContents({
        ...repo,
        path: 'CHANGELOG.md',
        message: 'x',
        content: content('x'),
      }),
    ).rejects.toMatchObject({ status: 422 });
    await octokit.repos.deleteFile({
      ...repo,
      path: 'CHANGELOG.md',
      message: 'chore: drop',
      sha: updated.data.content!.sha!,
    });
    expect(await git(world.origin, ['ls-tree', '--name-only', 'main'])).toBe('README.md');
  });

  it('reads tags, annotated tag objects and git commits, and writes tag objects', async () => {
    const main = await world.tip('main');
    // verbatim: by default git tag strips the lines starting with # from a message.
    await git(world.origin, [
      'tag',
      '-a',
      '--cleanup=verbatim',
      '-m',
      '## production-2024-05-01\n\n- feat: login',
      'production-2024-05-01',
      main,
    ]);
    const octokit = world.as('octo-org');

    const { data: tags } = await octokit.repos.listTags({ ...repo });
    const { data: ref } = await octokit.git.getRef({ ...repo, ref: 'tags/production-2024-05-01' });
    const { data: tag } = await octokit.git.getTag({ ...repo, tag_sha: ref.object.sha });
    const { data: commit } = await octokit.git.getCommit({ ...repo, commit_sha: main });

    expect(tags).toEqual([
      expect.objectContaining({
        name: 'production-2024-05-01',
        commit: expect.objectContaining({ sha: main }),
      }),
    ]);
    expect(ref.object.type).toBe('tag');
    expect(tag).toMatchObject({
      tag: 'production-2024-05-01',
      message: expect.stringMatching(/^## production-2024-05-01\n\n- feat: login\n?$/),
      object: { type: 'commit', sha: main },
      tagger: { name: 'Ada Lovelace' },
    });
    expect(commit).toMatchObject({ sha: main, message: 'chore: initial commit', parents: [] });

    const { data: created } = await octokit.git.createTag({
      ...repo,
      tag: 'v1.0.0',
      message: 'first',
      object: main,
      type: 'commit',
    });
    await octokit.git.createRef({ ...repo, ref: 'refs/tags/v1.0.0', sha: created.sha });
    expect(await git(world.origin, ['cat-file', '-p', 'v1.0.0'])).toContain('tagger octo-org');
  });
});

describe('webhook payloads', () => {
  it('a pull_request event carries the pull request, repository and sender as GitHub sends them', async () => {
    const head = await world.commit('feature/hook', { 'h.txt': 'h\n' }, 'feat: hook');
    const octokit = world.as('alice');
    const { data: pull } = await octokit.pulls.create({
      ...repo,
      title: 'Hook',
      head: 'feature/hook',
      base: 'main',
      body: 'fixes #12',
    });
    await world
      .as('octo-org')
      .issues.addLabels({ ...repo, issue_number: pull.number, labels: ['stage: testing'] });

    const payload = await world.gh.pullRequestEvent('octo-org', 'app', pull.number, 'labeled', {
      sender: 'octo-org',
      label: 'stage: testing',
    });

    expect(payload).toMatchObject({
      action: 'labeled',
      number: pull.number,
      label: { name: 'stage: testing' },
      pull_request: {
        number: pull.number,
        body: 'fixes #12',
        head: { sha: head, ref: 'feature/hook' },
        user: { login: 'alice' },
      },
      repository: { full_name: 'octo-org/app', default_branch: 'main' },
      sender: { login: 'octo-org' },
    });
  });

  it('a push event lists the pushed commits with the files they touched', async () => {
    const before = await world.tip('main');
    const first = await world.commit('main', { 'a.txt': 'a\n' }, 'feat: a');
    const after = await world.commit('main', { 'a.txt': 'a2\n', 'b.txt': 'b\n' }, 'feat: b');

    const payload = await world.gh.pushEvent('octo-org', 'app', before, after, { pusher: 'alice' });

    expect(payload).toMatchObject({
      ref: 'refs/heads/main',
      before,
      after,
      created: false,
      deleted: false,
      forced: false,
      pusher: { name: 'alice' },
      head_commit: { id: after, message: 'feat: b', modified: ['a.txt'], added: ['b.txt'] },
    });
    expect(payload.commits.map((commit) => commit.id)).toEqual([first, after]);
  });
});
