import { git, refSnapshot } from '../support/git.js';
import { createWorld, repo, type World } from './world.js';

let world: World;

beforeEach(async () => {
  world = await createWorld();
});

/** createDeployment answers a deployment (201) or, after an auto-merge, a message (202). */
function deployment<T>(data: T | { message?: string }): T {
  if (!data || typeof data !== 'object' || !('id' in data))
    throw new Error(`no deployment: ${JSON.stringify(data)}`);
  return data as T;
}

afterEach(async () => {
  await world.close();
  expect(world.gh.schemaViolations).toEqual([]);
});

describe('deployments', () => {
  it('records a deployment of a ref with its payload, and lists it by environment, ref, sha and task', async () => {
    const main = await world.tip('main');
    const octokit = world.as('octo-org');

    const { data: answer } = await octokit.repos.createDeployment({
      ...repo,
      ref: 'main',
      environment: 'staging',
      task: 'deploy:update',
      payload: { component: 'api', action: 'update' },
      description: 'api to staging',
      auto_merge: false,
    });
    const created = deployment(answer);

    expect(created).toMatchObject({
      sha: main,
      ref: 'main',
      task: 'deploy:update',
      environment: 'staging',
      original_environment: 'staging',
      payload: { component: 'api', action: 'update' },
      production_environment: false,
      transient_environment: false,
      creator: { login: 'octo-org' },
    });
    await octokit.repos.createDeployment({ ...repo, ref: 'main', environment: 'production' });
    const environments = async (params: Record<string, string>) =>
      (await octokit.repos.listDeployments({ ...repo, ...params })).data.map((d) => d.environment);
    expect(await environments({})).toEqual(['production', 'staging']);
    expect(await environments({ environment: 'staging' })).toEqual(['staging']);
    expect(await environments({ sha: main, task: 'deploy:update' })).toEqual(['staging']);
    expect(await environments({ ref: 'other' })).toEqual([]);
    expect((await octokit.repos.getDeployment({ ...repo, deployment_id: created.id })).data.id).toBe(
      created.id,
    );
  });

  it('statuses carry log and environment URLs; a success makes earlier staging deployments inactive', async () => {
    const octokit = world.as('octo-org');
    const deploy = async (environment: string) =>
      deployment(
        (await octokit.repos.createDeployment({ ...repo, ref: 'main', environment, auto_merge: false })).data,
      );
    const firstStaging = await deploy('staging');
    const firstProduction = await deploy('production');
    await octokit.repos.createDeploymentStatus({ ...repo, deployment_id: firstStaging.id, state: 'success' });
    await octokit.repos.createDeploymentStatus({
      ...repo,
      deployment_id: firstProduction.id,
      state: 'success',
    });
    const secondStaging = await deploy('staging');
    const secondProduction = await deploy('production');

    const { data: status } = await octokit.repos.createDeploymentStatus({
      ...repo,
      deployment_id: secondStaging.id,
      state: 'success',
      log_url: 'https://ci.example/runs/42',
      environment_url: 'https://staging.example',
      description: 'deployed',
    });
    await octokit.repos.createDeploymentStatus({
      ...repo,
      deployment_id: secondProduction.id,
      state: 'success',
    });

    expect(status).toMatchObject({
      state: 'success',
      log_url: 'https://ci.example/runs/42',
      target_url: 'https://ci.example/runs/42',
      environment_url: 'https://staging.example',
      environment: 'staging',
      description: 'deployed',
    });
    const latest = async (id: number) =>
      (await octokit.repos.listDeploymentStatuses({ ...repo, deployment_id: id })).data[0]?.state;
    expect(await latest(firstStaging.id)).toBe('inactive');
    expect(await latest(firstProduction.id)).toBe('success');
  });

  it('auto_merge merges the default branch into a branch behind it and answers 202 without deploying', async () => {
    await world.commit('feature/ui', { 'ui.txt': 'ui\n' }, 'feat: ui');
    const main = await world.commit('main', { 'core.txt': 'core\n' }, 'fix: core');
    const octokit = world.as('octo-org');

    const first = await octokit.repos.createDeployment({
      ...repo,
      ref: 'feature/ui',
      environment: 'staging',
    });

    expect(first.status).toBe(202);
    expect(first.data).toEqual({ message: 'Auto-merged main into feature/ui on deployment.' });
    expect(await git(world.origin, ['log', '-1', '--format=%P|%s', 'feature/ui'])).toMatch(
      new RegExp(`^[0-9a-f]{40} ${main}\\|Merge main into feature/ui$`),
    );
    expect((await octokit.repos.listDeployments({ ...repo })).data).toEqual([]);
    const second = await octokit.repos.createDeployment({
      ...repo,
      ref: 'feature/ui',
      environment: 'staging',
    });
    expect(second.status).toBe(201);
  });

  it('auto_merge with a conflict answers 409 and leaves the branch alone', async () => {
    await world.commit('feature/readme', { 'README.md': 'feature\n' }, 'docs: feature readme');
    await world.commit('main', { 'README.md': 'main\n' }, 'docs: main readme');
    const before = await refSnapshot(world.origin);

    await expect(
      world.as('octo-org').repos.createDeployment({ ...repo, ref: 'feature/readme', environment: 'staging' }),
    ).rejects.toMatchObject({
      status: 409,
      response: { data: { message: 'Conflict merging main into feature/readme.' } },
    });
    expect(await refSnapshot(world.origin)).toEqual(before);
  });

  it('required contexts must have succeeded; an empty list skips the check', async () => {
    const main = await world.tip('main');
    const octokit = world.as('octo-org');
    await octokit.repos.createCommitStatus({ ...repo, sha: main, state: 'success', context: 'ci/test' });
    await octokit.repos.createCommitStatus({ ...repo, sha: main, state: 'failure', context: 'ci/lint' });

    await expect(octokit.repos.createDeployment({ ...repo, ref: 'main' })).rejects.toMatchObject({
      status: 409,
      response: { data: { message: 'Conflict: Commit status checks failed for main.' } },
    });
    await expect(
      octokit.repos.createDeployment({ ...repo, ref: 'main', required_contexts: ['ci/test'] }),
    ).resolves.toMatchObject({ status: 201 });
    await expect(
      octokit.repos.createDeployment({ ...repo, ref: 'main', required_contexts: [] }),
    ).resolves.toMatchObject({
      status: 201,
    });
    const { data: combined } = await octokit.repos.getCombinedStatusForRef({ ...repo, ref: 'main' });
    expect(combined).toMatchObject({ state: 'failure', total_count: 2, sha: main });
  });

  it('refuses an unknown ref with 422 and people without push access with 403', async () => {
    await expect(world.as('octo-org').repos.createDeployment({ ...repo, ref: 'nope' })).rejects.toMatchObject(
      {
        status: 422,
        response: { data: { message: 'No ref found for: nope' } },
      },
    );
    await expect(world.as('reader').repos.createDeployment({ ...repo, ref: 'main' })).rejects.toMatchObject({
      status: 403,
    });
  });
});
