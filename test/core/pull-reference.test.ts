import { pullNumberOfCommit } from '../../src/core/pull-reference.js';

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
