import { batchSize, largestSafeBatch, majority } from '../../src/core/quorum.js';

describe('the quorum rule', () => {
  it('a majority of 3 is 2, of 4 is 3, of 5 is 3', () => {
    expect([majority(3), majority(4), majority(5)]).toEqual([2, 3, 3]);
    expect([largestSafeBatch(3), largestSafeBatch(4), largestSafeBatch(5)]).toEqual([1, 1, 2]);
  });

  it('one-by-one replaces one member at a time unless told otherwise', () => {
    expect(batchSize('one-by-one', 3)).toEqual({ ok: true, batch: 1 });
  });

  it('one-by-one refuses a batch that could take out a majority of the members', () => {
    const decision = batchSize('one-by-one', 3, 2);
    expect(decision.ok).toBe(false);
    expect(decision).toMatchObject({ largestSafe: 1 });
    expect(!decision.ok && decision.reason).toMatch(/max-batch 2 could take out a majority of the 3 members/);
  });

  it('one-by-one accepts a minority batch of a larger group', () => {
    expect(batchSize('one-by-one', 5, 2)).toEqual({ ok: true, batch: 2 });
  });

  it('a surge replaces the whole group at once, or max-batch at a time', () => {
    expect(batchSize('surge', 4)).toEqual({ ok: true, batch: 4 });
    expect(batchSize('surge', 4, 3)).toEqual({ ok: true, batch: 3 });
    expect(batchSize('surge', 2, 9)).toEqual({ ok: true, batch: 2 });
  });
});
