import { parseConfig } from '../../src/config/load.js';
import { checkIssueLink, decideOnLabel, decideOnMerge } from '../../src/core/stage-decision.js';

const { stages } = parseConfig(undefined);

describe('stage decisions', () => {
  it('"waiting for production" applied by someone without write access is refused', () => {
    const decision = decideOnLabel('stage: waiting for production', 'mallory', false, stages);
    expect(decision).toMatchObject({ kind: 'refuse', stage: 'waiting-for-production' });
    expect(decision.why).toMatch(/@mallory .* without write access/);
  });

  it('"waiting for production" applied by a writer moves the PR there', () => {
    expect(decideOnLabel('stage: waiting for production', 'alice', true, stages)).toMatchObject({
      kind: 'move',
      stage: 'waiting-for-production',
    });
  });

  it('other stage labels may be applied by anyone who can label', () => {
    expect(decideOnLabel('stage: testing', 'triager', false, stages)).toMatchObject({
      kind: 'move',
      stage: 'testing',
    });
  });

  it('labels that are not stage labels are left alone', () => {
    expect(decideOnLabel('bug', 'alice', true, stages).kind).toBe('ignore');
  });

  it('a merged PR without a stage waits for staging', () => {
    expect(decideOnMerge(['bug'], stages)).toMatchObject({ kind: 'move', stage: 'waiting-for-staging' });
  });

  it('a merged PR already further along is never moved back', () => {
    expect(decideOnMerge(['stage: testing'], stages).kind).toBe('keep');
    expect(decideOnMerge(['stage: waiting for staging'], stages).kind).toBe('keep');
  });

  it('a PR without a linked issue fails the check with how to fix it', () => {
    const check = checkIssueLink(0, ['#99 is no such issue'], true);
    expect(check.ok).toBe(false);
    expect(check.why).toMatch(/does not link an issue \(#99 is no such issue\).*Fixes #123/);
  });

  it('the link check passes when the config does not require links', () => {
    expect(checkIssueLink(0, [], false).ok).toBe(true);
  });
});
