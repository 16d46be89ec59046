import { createGitHub, requestStats } from '../../src/github/client.js';
import { refSnapshot } from '../support/git.js';
import { createWorld, repo, type World } from './world.js';

let world: World;

beforeAll(async () => {
  world = await createWorld();
});

afterAll(async () => {
  await world.close();
});

beforeEach(() => {
  world.gh.clearFaults();
  world.gh.requests.length = 0;
});

describe('faults a test asks for', () => {
  it('createGitHub waits out a secondary rate limit (403 with retry-after) and tries again', async () => {
    const retries: string[] = [];
    const github = createGitHub('octo-org', {
      baseUrl: world.gh.url,
      onRetry: (message) => retries.push(message),
    });
    const fault = world.gh.injectFault({
      method: 'GET',
      path: /\/pulls$/,
      status: 403,
      retryAfter: 1,
      times: 1,
    });

    const started = Date.now();
    const { data } = await github.rest.pulls.list({ ...repo });

    expect(data).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(fault.hits).toBe(1);
    expect(world.gh.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/repos/octo-org/app/pulls', 403],
      ['GET', '/repos/octo-org/app/pulls', 200],
    ]);
    expect(requestStats(github)).toEqual({ requests: 2, retries: 1 });
    expect(retries).toEqual([expect.stringMatching(/GitHub answered 403 to GET .*\/pulls; retrying in 1s/)]);
  });

  it('a 429 carries retry-after and GitHub’s secondary rate limit message', async () => {
    world.gh.injectFault({ path: '/repos/octo-org/app/labels', status: 429, retryAfter: 0, times: 2 });
    const github = createGitHub('octo-org', { baseUrl: world.gh.url });

    await github.rest.issues.listLabelsForRepo({ ...repo });

    expect(world.gh.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    const octokit = world.as('octo-org');
    world.gh.injectFault({ path: '/repos/octo-org/app/labels', status: 429, retryAfter: 7 });
    await expect(octokit.issues.listLabelsForRepo({ ...repo })).rejects.toMatchObject({
      status: 429,
      response: {
        headers: { 'retry-after': '7' },
        data: { message: expect.stringContaining('secondary rate limit') },
      },
    });
  });

  it('an `after` fault applies the write and loses the answer, as a timeout after GitHub acted would', async () => {
    await world.commit('feature/lost', { 'lost.txt': 'x\n' }, 'feat: lost answer');
    const octokit = world.as('octo-org');
    const { data: pull } = await octokit.pulls.create({
      ...repo,
      title: 'Lost',
      head: 'feature/lost',
      base: 'main',
    });
    world.gh.injectFault({ method: 'PUT', path: /\/merge$/, status: 502, after: true });
    const before = await refSnapshot(world.origin);

    await expect(octokit.pulls.merge({ ...repo, pull_number: pull.number })).rejects.toMatchObject({
      status: 502,
    });

    expect(await refSnapshot(world.origin)).not.toEqual(before);
    expect((await octokit.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(true);
  });

  it('counts every request with its operation and user, so tests can count API calls', async () => {
    await world.as('bob').repos.get({ ...repo });
    await world.as('bob').issues.listForRepo({ ...repo, per_page: 5 });

    expect(world.gh.requests).toEqual([
      {
        method: 'GET',
        path: '/repos/octo-org/app',
        query: '',
        status: 200,
        user: 'bob',
        operation: 'GET /repos/{owner}/{repo}',
      },
      {
        method: 'GET',
        path: '/repos/octo-org/app/issues',
        query: 'per_page=5',
        status: 200,
        user: 'bob',
        operation: 'GET /repos/{owner}/{repo}/issues',
      },
    ]);
  });

  it('an endpoint the emulator does not serve answers 501 and is recorded', async () => {
    await expect(world.as('octo-org').repos.listWebhooks({ ...repo })).rejects.toMatchObject({ status: 501 });
    expect(world.gh.unimplemented).toContain('GET /repos/octo-org/app/hooks');
  });
});
