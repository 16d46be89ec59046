import {
  DEPLOY_LEASE_MS,
  mayBeOpening,
  mayResume,
  nothingDone,
  remainingSteps,
} from '../../src/core/deploy-steps.js';

const now = new Date('2024-05-02T10:00:00Z');
const run = 'https://github.com/o/r/actions/runs/1';
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe('the deploy steps', () => {
  it('a rerun does only the steps not done, in the runbook order', () => {
    const progress = { ...nothingDone(), 'move-production': true, changelog: true };
    expect(remainingSteps(progress)).toEqual(['open-deployment', 'release', 'labels', 'close-deployment']);
  });

  it('an unfinished deploy whose deployment ended in an error, or has none, may be finished', () => {
    expect(mayResume(undefined, { runUrl: run, now })).toBe(true);
    expect(mayResume({ state: 'error', runUrl: 'other', updatedAt: ago(1000) }, { runUrl: run, now })).toBe(
      true,
    );
  });

  it('another run still deploying keeps this one off, until its lease runs out', () => {
    const busy = {
      state: 'in_progress',
      runUrl: 'https://github.com/o/r/actions/runs/2',
      updatedAt: ago(60_000),
    };
    expect(mayResume(busy, { runUrl: run, now })).toBe(false);
    expect(mayResume({ ...busy, updatedAt: ago(DEPLOY_LEASE_MS + 1000) }, { runUrl: run, now })).toBe(true);
  });

  it('a re-run of the same workflow run takes over its own deployment at once', () => {
    expect(mayResume({ state: 'in_progress', runUrl: run, updatedAt: ago(1000) }, { runUrl: run, now })).toBe(
      true,
    );
  });
});

describe('a deploy tag without a deployment', () => {
  const now = new Date('2026-11-24T12:00:00Z');

  it('may belong to a run that pushed a moment ago and is opening its deployment', () => {
    expect(mayBeOpening(new Date('2026-11-24T11:59:58Z'), now)).toBe(true);
  });

  it('is an unfinished deploy of a run that died once it is older than the lease', () => {
    expect(mayBeOpening(new Date('2026-11-24T11:40:00Z'), now)).toBe(false);
    expect(mayBeOpening(undefined, now)).toBe(false);
  });
});
