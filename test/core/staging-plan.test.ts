import { parseConfig } from '../../src/config/load.js';
import type { StagingDeployment } from '../../src/core/staging-deployment.js';
import {
  checkComponent,
  containsMerge,
  movesToTesting,
  type PlanInput,
  planStagingDeploy,
  type ResolvedRef,
  ridingPulls,
  type WaitingPull,
} from '../../src/core/staging-plan.js';

const main: ResolvedRef = { name: 'main', sha: 'c'.repeat(40), kind: 'branch', onDefaultBranch: true };
const feature: ResolvedRef = {
  name: 'feature-x',
  sha: 'f'.repeat(40),
  kind: 'branch',
  onDefaultBranch: false,
};

function waiting(number: number, contained: boolean): WaitingPull {
  return { number, title: `PR ${number}`, mergeSha: `${number}`.padStart(40, '0'), contained };
}

function onStaging(branch: string, sha = 'b'.repeat(40)): StagingDeployment {
  return {
    id: 1,
    component: 'api',
    sha,
    ref: branch,
    branch,
    action: branch === 'main' ? 'update' : 'switch-branch',
    progress: 'succeeded',
    createdAt: '2024-05-01T10:00:00Z',
    since: '2024-05-01T10:05:00Z',
    creator: 'octocat',
    runUrl: '',
  };
}

function plan(overrides: Partial<PlanInput>) {
  return planStagingDeploy({
    request: { action: 'update', component: 'api', ref: 'main' },
    resolved: main,
    defaultBranch: 'main',
    waiting: [],
    rideAlong: [],
    current: onStaging('main'),
    ...overrides,
  });
}

describe('planning a staging deploy', () => {
  it('takes the waiting PRs the deployed commit contains and leaves the others waiting', () => {
    const result = plan({ waiting: [waiting(1, true), waiting(2, false), waiting(3, true)] });
    expect(result.kind).toBe('deploy');
    if (result.kind !== 'deploy') return;
    expect(result.plan.take.map((pull) => pull.number)).toEqual([1, 3]);
    expect(result.plan.leave.map((pull) => pull.number)).toEqual([2]);
    expect(result.plan.branch).toBe('main');
    expect(result.plan.warnings).toEqual([]);
  });

  it('an update refuses a ref that is not on the default branch and points to switch-branch', () => {
    const result = plan({
      request: { action: 'update', component: 'api', ref: 'feature-x' },
      resolved: feature,
    });
    expect(result).toMatchObject({ kind: 'refuse', reasonCode: 'not-on-default-branch' });
    expect(result.kind === 'refuse' && result.message).toMatch(/Nothing was changed.*switch-branch/s);
  });

  it('switch-branch records the branch and warns that staging no longer follows the default branch', () => {
    const result = plan({
      request: { action: 'switch-branch', component: 'api', ref: 'feature-x' },
      resolved: feature,
    });
    if (result.kind !== 'deploy') throw new Error('expected a deploy');
    expect(result.plan.branch).toBe('feature-x');
    expect(result.plan.warnings.join('\n')).toMatch(/staging\/api will be on branch feature-x, not main/);
  });

  it('an update after a switch-branch says it brings staging back', () => {
    const result = plan({ current: onStaging('feature-x') });
    if (result.kind !== 'deploy') throw new Error('expected a deploy');
    expect(result.plan.warnings).toEqual([
      'This update brings staging/api back to main from branch feature-x.',
    ]);
  });

  it('redeploying the commit staging already runs is allowed and said', () => {
    const result = plan({ current: onStaging('main', main.sha) });
    if (result.kind !== 'deploy') throw new Error('expected a deploy');
    expect(result.plan.warnings.join('\n')).toMatch(/already runs cccccc/);
  });
});

describe('what a deployed commit contains', () => {
  it('a merge commit the deployed commit lacks is not contained; any other merge commit on the default branch is', () => {
    const missing = new Set(['m2']);
    expect(containsMerge('m1', missing)).toBe(true);
    expect(containsMerge('m2', missing)).toBe(false);
  });

  it('a PR whose merge commit GitHub has not computed is never taken', () => {
    expect(containsMerge(null, new Set())).toBe(false);
  });

  it('PRs riding along are the ones named between staging and the deployed commit that are not waiting', () => {
    const known = new Map([[5, { title: 'Fix login', stage: 'testing' as const }]]);
    expect(ridingPulls([4, 5, 6, 5], [4], known)).toEqual([
      { number: 5, title: 'Fix login', stage: 'testing' },
      { number: 6, title: '', stage: undefined },
    ]);
  });
});

describe('the component to deploy', () => {
  it('an unknown component is refused with the ones the config names', () => {
    const { components } = parseConfig('components:\n  api: {}\n  web: {}\n');
    expect(checkComponent('wbe', components)).toEqual({
      kind: 'refuse',
      reasonCode: 'unknown-component',
      message: 'Unknown component "wbe". Nothing was changed. The config names: api, web.',
    });
    expect(checkComponent('web', components).kind).toBe('ok');
  });

  it('a config without components says how to add one', () => {
    const result = checkComponent('api', {});
    expect(result.kind === 'refuse' && result.message).toMatch(/lists no components.*api: \{ staging/);
  });
});

describe('moving to testing after a successful deploy', () => {
  const { stages } = parseConfig(undefined);

  it('a PR moves only while it still waits for staging', () => {
    expect(movesToTesting('pull request', ['stage: waiting for staging', 'bug'], stages)).toBe(true);
    expect(movesToTesting('pull request', ['stage: waiting for production'], stages)).toBe(false);
    expect(movesToTesting('pull request', [], stages)).toBe(false);
  });

  it('a linked issue follows, but never back from a later stage', () => {
    expect(movesToTesting('issue', [], stages)).toBe(true);
    expect(movesToTesting('issue', ['stage: waiting for staging'], stages)).toBe(true);
    expect(movesToTesting('issue', ['stage: done'], stages)).toBe(false);
  });
});
