import { terminationOrder } from '../../src/core/termination-order.js';

const day = 24 * 3600 * 1000;

describe('termination order', () => {
  it('takes the oldest instance first and alternates across zones', () => {
    const order = terminationOrder([
      { id: 'a-new', zone: 'a', launchedAt: 5 * day },
      { id: 'a-old', zone: 'a', launchedAt: 1 * day },
      { id: 'b-old', zone: 'b', launchedAt: 2 * day },
      { id: 'b-new', zone: 'b', launchedAt: 6 * day },
      { id: 'c-only', zone: 'c', launchedAt: 3 * day },
    ]);
    expect(order).toEqual(['a-old', 'b-old', 'c-only', 'a-new', 'b-new']);
  });

  it('empties the fullest zone evenly before age decides', () => {
    const order = terminationOrder([
      { id: 'a1', zone: 'a', launchedAt: 10 },
      { id: 'a2', zone: 'a', launchedAt: 11 },
      { id: 'a3', zone: 'a', launchedAt: 12 },
      { id: 'b1', zone: 'b', launchedAt: 1 },
    ]);
    expect(order).toEqual(['a1', 'a2', 'b1', 'a3']);
  });

  it('counts an instance without a known launch time as older than any known one', () => {
    expect(
      terminationOrder([
        { id: 'known', zone: 'a', launchedAt: 1 },
        { id: 'ancient', zone: 'b' },
      ]),
    ).toEqual(['ancient', 'known']);
  });
});
