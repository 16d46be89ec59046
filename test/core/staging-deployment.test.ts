import {
  blockingDeployment,
  deploymentTask,
  offBranchNotices,
  progressOf,
  readStagingPayload,
  type StagingDeployment,
} from '../../src/core/staging-deployment.js';

function deployment(id: number, progress: StagingDeployment['progress'], branch = 'main'): StagingDeployment {
  return {
    id,
    component: 'api',
    sha: `${id}`.padStart(40, 'a'),
    ref: branch,
    branch,
    action: branch === 'main' ? 'update' : 'switch-branch',
    progress,
    createdAt: '2024-05-01T10:00:00Z',
    since: '2024-05-01T10:05:00Z',
    creator: 'octocat',
    runUrl: '',
  };
}

describe('staging deployment records', () => {
  it('each component has its own task, so deploys of different components never mix', () => {
    expect(deploymentTask('api')).toBe('deploy:api');
    expect(deploymentTask('web')).not.toBe(deploymentTask('api'));
  });

  it('a deployment that never got a status is still unfinished', () => {
    expect(progressOf([])).toBe('unfinished');
    expect(progressOf(['in_progress'])).toBe('unfinished');
    expect(progressOf(['queued'])).toBe('unfinished');
  });

  it('a success made inactive by a newer deployment still counts as a success', () => {
    expect(progressOf(['success', 'in_progress'])).toBe('succeeded');
    expect(progressOf(['inactive', 'success', 'in_progress'])).toBe('succeeded');
  });

  it('a deployment cleared as inactive without ever succeeding is not a success', () => {
    expect(progressOf(['inactive', 'in_progress'])).toBe('failed');
    expect(progressOf(['failure', 'in_progress'])).toBe('failed');
    expect(progressOf(['error'])).toBe('failed');
  });

  it('reads its own payload back, also when GitHub returns it as a JSON string', () => {
    const payload = {
      component: 'api',
      action: 'switch-branch',
      ref: 'feature',
      branch: 'feature',
      run_url: 'u',
    };
    expect(readStagingPayload(payload)).toEqual(payload);
    expect(readStagingPayload(JSON.stringify(payload))).toEqual(payload);
  });

  it('a payload written by another tool is not taken for a staging deploy', () => {
    expect(readStagingPayload({})).toBeUndefined();
    expect(readStagingPayload('not json')).toBeUndefined();
    expect(
      readStagingPayload({ component: 'api', action: 'rollback', ref: 'main', branch: 'main' }),
    ).toBeUndefined();
  });

  it('an unfinished deploy of the component blocks the next one', () => {
    expect(blockingDeployment([deployment(3, 'unfinished'), deployment(2, 'succeeded')])?.id).toBe(3);
    expect(blockingDeployment([deployment(3, 'failed'), deployment(2, 'succeeded')])).toBeUndefined();
  });

  it('of two deploys that raced, the older goes on and the newer backs off', () => {
    const both = [deployment(8, 'unfinished'), deployment(7, 'unfinished')];
    expect(blockingDeployment(both, 7)).toBeUndefined();
    expect(blockingDeployment(both, 8)?.id).toBe(7);
  });

  it('names every component whose staging is not on the default branch', () => {
    const notices = offBranchNotices(
      [
        { component: 'api', deployment: deployment(1, 'succeeded', 'feature-x') },
        { component: 'web', deployment: deployment(2, 'succeeded') },
        { component: 'worker', deployment: undefined },
      ],
      'main',
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^staging\/api is on branch feature-x \(since 2024-05-01T10:05:00Z/);
  });
});
