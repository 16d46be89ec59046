import { pullNumberOfCommit, pullsAlongFirstParents } from '../../src/core/pull-reference.js';

describe('the pull request a commit names', () => {
  it('a merge commit names its PR', () => {
    expect(pullNumberOfCommit('Merge pull request #12 from octo-org/feature\n\nAdd search')).toBe(12);
  });

  it('a squash commit names its PR at the end of its subject', () => {
    expect(pullNumberOfCommit('feat: add search (#34)\n\n* wip')).toBe(34);
  });

  it('a direct push names none, even when its body mentions a PR', () => {
    expect(pullNumberOfCommit('fix typo\n\nsee (#12)')).toBeUndefined();
    expect(pullNumberOfCommit('refs #12 in the middle')).toBeUndefined();
  });
});

describe('what a range of commits brings', () => {
  it('reads the first-parent chain: a merged branch is its PR, not pushes of its own', () => {
    const commits = [
      { sha: 'b1', parents: ['base'], message: 'wip on the branch' },
      { sha: 'm1', parents: ['base', 'b1'], message: 'Merge pull request #7 from octo-org/x' },
      { sha: 'd1', parents: ['m1'], message: 'hotfix pushed straight to main' },
      { sha: 's1', parents: ['d1'], message: 'feat: search (#9)' },
    ];
    expect(pullsAlongFirstParents(commits, 's1')).toEqual({ pulls: [7, 9], unnamed: 1 });
  });
});
