import { refSnapshot } from '../support/git.js';
import { createWorld, repo, type World } from './world.js';

let world: World;

beforeAll(async () => {
  world = await createWorld();
});

afterAll(async () => {
  await world.close();
  expect(world.gh.schemaViolations).toEqual([]);
});

let branchCount = 0;
async function openPull(title: string, body = '', on = world) {
  const branch = `feature/${++branchCount}`;
  await on.commit(branch, { [`${branch}.txt`]: `${title}\n` }, `feat: ${title}`);
  const { data } = await on.as('octo-org').pulls.create({ ...repo, title, body, head: branch, base: 'main' });
  return data;
}

describe('labels', () => {
  it('creates, reads, renames and deletes repository labels', async () => {
    const octokit = world.as('octo-org');
    const { data: created } = await octokit.issues.createLabel({
      ...repo,
      name: 'stage: testing',
      color: 'FBCA04',
      description: 'On staging',
    });
    expect(created).toMatchObject({ name: 'stage: testing', color: 'fbca04', description: 'On staging' });
    await expect(
      octokit.issues.createLabel({ ...repo, name: 'Stage: Testing', color: 'ffffff' }),
    ).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
        },
      },
    });
    expect((await octokit.issues.getLabel({ ...repo, name: 'STAGE: TESTING' })).data.id).toBe(created.id);

    await octokit.issues.updateLabel({
      ...repo,
      name: 'stage: testing',
      new_name: 'stage: qa',
      color: '#00ff00',
    });
    expect((await octokit.issues.getLabel({ ...repo, name: 'stage: qa' })).data.color).toBe('00ff00');
    await octokit.issues.deleteLabel({ ...repo, name: 'stage: qa' });
    await expect(octokit.issues.getLabel({ ...repo, name: 'stage: qa' })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('adds, replaces and removes labels on a pull request, recording who did it', async () => {
    const pull = await openPull('Labelled');
    world.gh.grant('octo-org', 'app', 'bob', 'triage');
    const bob = world.as('bob');

    await bob.issues.addLabels({ ...repo, issue_number: pull.number, labels: ['stage: testing', 'bug'] });
    await bob.issues.setLabels({
      ...repo,
      issue_number: pull.number,
      labels: ['stage: waiting for production', 'bug'],
    });
    const { data: remaining } = await bob.issues.removeLabel({
      ...repo,
      issue_number: pull.number,
      name: 'bug',
    });

    expect(remaining.map((label) => label.name)).toEqual(['stage: waiting for production']);
    const { data: events } = await world
      .as('anyone')
      .issues.listEvents({ ...repo, issue_number: pull.number });
    expect(
      events.map((event) => [
        event.event,
        'label' in event ? event.label?.name : undefined,
        event.actor?.login,
      ]),
    ).toEqual([
      ['labeled', 'stage: testing', 'bob'],
      ['labeled', 'bug', 'bob'],
      ['unlabeled', 'stage: testing', 'bob'],
      ['labeled', 'stage: waiting for production', 'bob'],
      ['unlabeled', 'bug', 'bob'],
    ]);
    const { data: repoEvents } = await world.as('anyone').issues.listEventsForRepo({ ...repo });
    expect(repoEvents[0]).toMatchObject({
      event: 'unlabeled',
      actor: { login: 'bob' },
      issue: { number: pull.number },
    });
  });

  it('removing a label the issue does not carry answers 404 "Label does not exist"', async () => {
    const { data: issue } = await world.as('octo-org').issues.create({ ...repo, title: 'Plain' });
    await expect(
      world.as('octo-org').issues.removeLabel({ ...repo, issue_number: issue.number, name: 'bug' }),
    ).rejects.toMatchObject({ status: 404, response: { data: { message: 'Label does not exist' } } });
  });
});

describe('permissions', () => {
  it('a triage user can label but cannot merge; a read user cannot label', async () => {
    const pull = await openPull('Guarded');
    const octokit = world.as('octo-org');
    await octokit.repos.addCollaborator({ ...repo, username: 'tracy', permission: 'triage' });
    const before = await refSnapshot(world.origin);

    await world
      .as('tracy')
      .issues.addLabels({ ...repo, issue_number: pull.number, labels: ['stage: testing'] });
    await expect(world.as('tracy').pulls.merge({ ...repo, pull_number: pull.number })).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      world.as('randy').issues.addLabels({ ...repo, issue_number: pull.number, labels: ['stage: done'] }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      world.as('randy').issues.createLabel({ ...repo, name: 'x', color: '000000' }),
    ).rejects.toMatchObject({
      status: 403,
    });

    expect(await refSnapshot(world.origin)).toEqual(before);
    const { data: labels } = await octokit.issues.listLabelsOnIssue({ ...repo, issue_number: pull.number });
    expect(labels.map((label) => label.name)).toEqual(['stage: testing']);
  });

  it('reports each login’s permission level, and only an admin can grant one', async () => {
    const octokit = world.as('octo-org');
    await octokit.repos.addCollaborator({ ...repo, username: 'wendy', permission: 'push' });
    await octokit.repos.addCollaborator({ ...repo, username: 'mae', permission: 'maintain' });
    const level = async (username: string) => {
      const { data } = await octokit.repos.getCollaboratorPermissionLevel({ ...repo, username });
      return [data.permission, data.role_name];
    };

    expect(await level('octo-org')).toEqual(['admin', 'admin']);
    expect(await level('wendy')).toEqual(['write', 'write']);
    expect(await level('mae')).toEqual(['write', 'maintain']);
    expect(await level('stranger')).toEqual(['read', 'read']);
    await expect(
      world.as('wendy').repos.addCollaborator({ ...repo, username: 'eve', permission: 'admin' }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(world.as('wendy').repos.get({ ...repo })).resolves.toMatchObject({
      data: { permissions: { admin: false, maintain: false, push: true, triage: true, pull: true } },
    });
  });

  it('labels on a new issue from someone who cannot triage are dropped, as GitHub does', async () => {
    const { data } = await world
      .as('randy')
      .issues.create({ ...repo, title: 'Please label', labels: ['urgent'] });
    expect(data.labels).toEqual([]);
  });

  it('writes without a token are refused with 401, unknown repositories with 404', async () => {
    const anonymous = world.as('');
    await expect(anonymous.issues.create({ ...repo, title: 'x' })).rejects.toMatchObject({ status: 401 });
    await expect(world.as('octo-org').repos.get({ owner: 'octo-org', repo: 'nope' })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'Not Found' } },
    });
  });
});

describe('issues, comments and the timeline', () => {
  it('creates, edits, closes and lists issues with label filters and pagination', async () => {
    const octokit = world.as('octo-org');
    const created = [];
    for (const title of ['one', 'two', 'three']) {
      created.push((await octokit.issues.create({ ...repo, title, labels: ['triaged'] })).data);
    }
    await octokit.issues.update({
      ...repo,
      issue_number: created[0]!.number,
      state: 'closed',
      title: 'one (done)',
    });

    const open = await octokit.paginate(octokit.issues.listForRepo, {
      ...repo,
      labels: 'triaged',
      per_page: 1,
    });
    const closed = await octokit.issues.listForRepo({ ...repo, labels: 'triaged', state: 'closed' });

    expect(open.map((issue) => issue.title)).toEqual(['three', 'two']);
    expect(closed.data.map((issue) => [issue.title, issue.state, issue.state_reason])).toEqual([
      ['one (done)', 'closed', 'completed'],
    ]);
    const { data: events } = await octokit.issues.listEvents({ ...repo, issue_number: created[0]!.number });
    expect(events.map((event) => event.event)).toEqual(['labeled', 'renamed', 'closed']);
  });

  it('comments are listed in order with their author', async () => {
    const { data: issue } = await world.as('octo-org').issues.create({ ...repo, title: 'Discuss' });
    await world.as('alice').issues.createComment({ ...repo, issue_number: issue.number, body: 'first' });
    await world.as('bob').issues.createComment({ ...repo, issue_number: issue.number, body: 'second' });

    const { data } = await world.as('octo-org').issues.listComments({ ...repo, issue_number: issue.number });

    expect(data.map((comment) => [comment.user?.login, comment.body])).toEqual([
      ['alice', 'first'],
      ['bob', 'second'],
    ]);
    expect(
      (await world.as('octo-org').issues.get({ ...repo, issue_number: issue.number })).data.comments,
    ).toBe(2);
  });

  it('the timeline shows cross-references from pull request bodies and sidebar links', async () => {
    const octokit = world.as('octo-org');
    const { data: issue } = await octokit.issues.create({ ...repo, title: 'Crash on login' });
    const referencing = await openPull('Fix the crash', `Fixes #${issue.number}`);
    const linked = await openPull('Unrelated text');
    world.gh.linkIssue('octo-org', 'app', linked.number, issue.number, { actor: 'octo-org' });

    const { data: timeline } = await octokit.issues.listEventsForTimeline({
      ...repo,
      issue_number: issue.number,
    });

    expect(timeline.map((event) => event.event)).toEqual(['cross-referenced', 'connected']);
    expect(timeline[0]).toMatchObject({
      source: { type: 'issue', issue: { number: referencing.number, pull_request: expect.any(Object) } },
    });
    const { data: events } = await octokit.issues.listEvents({ ...repo, issue_number: issue.number });
    expect(events).toEqual([]);
  });
});

describe('search', () => {
  let testing: number;
  let ready: number;
  let shipped: number;
  // Its own repository, so that the pull requests of the other tests do not show up.
  let searched: World;

  beforeAll(async () => {
    searched = await createWorld();
    const octokit = searched.as('octo-org');
    testing = (await openPull('In testing', '', searched)).number;
    ready = (await openPull('Ready', '', searched)).number;
    shipped = (await openPull('Shipped', '', searched)).number;
    await octokit.issues.addLabels({ ...repo, issue_number: testing, labels: ['stage: testing'] });
    await octokit.issues.addLabels({
      ...repo,
      issue_number: ready,
      labels: ['stage: waiting for production', 'bug'],
    });
    await octokit.issues.addLabels({ ...repo, issue_number: shipped, labels: ['stage: done'] });
    searched.gh.setNow('2024-05-03T08:00:00Z');
    await octokit.pulls.merge({ ...repo, pull_number: shipped });
    await octokit.pulls.merge({ ...repo, pull_number: ready });
  });

  afterAll(async () => {
    await searched.close();
    expect(searched.gh.schemaViolations).toEqual([]);
  });

  async function search(q: string) {
    const { data } = await searched.as('octo-org').search.issuesAndPullRequests({ q });
    return data.items.map((item) => item.number).sort((a, b) => a - b);
  }

  it('combines repo:, is:, state: and label: qualifiers', async () => {
    expect(await search(`repo:octo-org/app is:pr is:merged label:"stage: waiting for production"`)).toEqual([
      ready,
    ]);
    expect(await search(`repo:octo-org/app is:pr is:open label:"stage: testing"`)).toEqual([testing]);
    expect(await search(`repo:octo-org/app is:pr state:closed label:"stage: done"`)).toEqual([shipped]);
    expect(await search(`repo:octo-org/app label:bug label:"stage: waiting for production"`)).toEqual([
      ready,
    ]);
    expect(await search(`repo:octo-org/app label:bug label:"stage: testing"`)).toEqual([]);
    expect(await search(`repo:octo-org/app is:pr label:"stage: testing","stage: done"`)).toEqual([
      testing,
      shipped,
    ]);
    expect(await search(`repo:octo-org/app is:pr is:merged -label:bug`)).toEqual([shipped]);
  });

  it('understands base: and merged: date ranges', async () => {
    expect(await search('repo:octo-org/app is:pr base:main merged:>=2024-05-03')).toEqual([ready, shipped]);
    expect(await search('repo:octo-org/app is:pr merged:<2024-05-03')).toEqual([]);
    expect(await search('repo:octo-org/app is:pr merged:2024-05-01..2024-05-03')).toEqual([ready, shipped]);
    expect(await search('repo:octo-org/app is:pr base:develop')).toEqual([]);
    expect(await search('repo:octo-org/other is:pr')).toEqual([]);
  });

  it('pages results with total_count and Link headers', async () => {
    const octokit = searched.as('octo-org');
    const first = await octokit.search.issuesAndPullRequests({
      q: 'repo:octo-org/app is:pr label:"stage: testing","stage: waiting for production","stage: done"',
      per_page: 2,
      sort: 'created',
      order: 'asc',
    });
    expect(first.data.total_count).toBe(3);
    expect(first.data.incomplete_results).toBe(false);
    expect(first.data.items.map((item) => item.number)).toEqual([testing, ready]);
    expect(first.headers.link).toMatch(/rel="next"/);
    const all = await octokit.paginate(octokit.search.issuesAndPullRequests, {
      q: 'repo:octo-org/app is:pr label:"stage: testing","stage: waiting for production","stage: done"',
      per_page: 1,
    });
    expect(all).toHaveLength(3);
  });

  it('refuses a qualifier it does not understand rather than guessing', async () => {
    await expect(
      searched.as('octo-org').search.issuesAndPullRequests({ q: 'repo:octo-org/app review:approved' }),
    ).rejects.toMatchObject({ status: 422 });
  });
});
