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

describe('releases', () => {
  it('publishing a release for a new tag creates the tag on target_commitish', async () => {
    const main = await world.tip('main');
    const octokit = world.as('octo-org');

    const { data } = await octokit.repos.createRelease({
      ...repo,
      tag_name: 'production-2024-05-01',
      name: 'production-2024-05-01',
      body: '## production-2024-05-01\n\n- feat: login (#1)',
    });

    expect(data).toMatchObject({
      tag_name: 'production-2024-05-01',
      target_commitish: 'main',
      draft: false,
      published_at: '2024-05-01T10:00:00Z',
      author: { login: 'octo-org' },
    });
    expect(await git(world.origin, ['rev-parse', 'refs/tags/production-2024-05-01'])).toBe(main);
    const { data: byTag } = await octokit.repos.getReleaseByTag({ ...repo, tag: 'production-2024-05-01' });
    expect(byTag.id).toBe(data.id);
    expect(byTag.body).toContain('feat: login');
  });

  it('a second release for the same tag is refused with 422 already_exists', async () => {
    const octokit = world.as('octo-org');
    await octokit.repos.createRelease({ ...repo, tag_name: 'v1' });

    await expect(octokit.repos.createRelease({ ...repo, tag_name: 'v1' })).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
        },
      },
    });
  });

  it('an existing annotated tag is used as is, and deleting the release keeps it', async () => {
    await git(world.origin, ['tag', '-a', '-m', 'notes', 'v2', 'main'], {});
    const before = await refSnapshot(world.origin);
    const octokit = world.as('octo-org');

    const { data } = await octokit.repos.createRelease({ ...repo, tag_name: 'v2' });
    await octokit.repos.deleteRelease({ ...repo, release_id: data.id });

    expect(await refSnapshot(world.origin)).toEqual(before);
    await expect(octokit.repos.getReleaseByTag({ ...repo, tag: 'v2' })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('a draft has no tag and is hidden from readers until it is published', async () => {
    const octokit = world.as('octo-org');
    const { data: draft } = await octokit.repos.createRelease({ ...repo, tag_name: 'v3', draft: true });
    expect(draft.published_at).toBeNull();
    expect(await git(world.origin, ['tag', '--list'])).toBe('');
    expect((await world.as('reader').repos.listReleases({ ...repo })).data).toEqual([]);

    world.gh.setNow('2024-05-02T08:00:00Z');
    const { data: published } = await octokit.repos.updateRelease({
      ...repo,
      release_id: draft.id,
      draft: false,
    });

    expect(published).toMatchObject({ draft: false, published_at: '2024-05-02T08:00:00Z' });
    expect(await git(world.origin, ['tag', '--list'])).toBe('v3');
    expect((await world.as('reader').repos.getLatestRelease({ ...repo })).data.tag_name).toBe('v3');
  });

  it('lists newest first with pagination, and refuses people without push access', async () => {
    const octokit = world.as('octo-org');
    for (const tag of ['a', 'b', 'c']) {
      await octokit.repos.createRelease({ ...repo, tag_name: tag });
      world.gh.advance(60_000);
    }

    const all = await octokit.paginate(octokit.repos.listReleases, { ...repo, per_page: 2 });

    expect(all.map((release) => release.tag_name)).toEqual(['c', 'b', 'a']);
    await expect(world.as('reader').repos.createRelease({ ...repo, tag_name: 'd' })).rejects.toMatchObject({
      status: 403,
    });
  });
});
