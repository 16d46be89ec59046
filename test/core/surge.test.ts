import type { GroupInstance, GroupState, Traffic } from '../../src/core/group-state.js';
import { stability, trafficOf } from '../../src/core/group-state.js';
import { batchProgress, lostOld, nextBatch, planSurge, surplus } from '../../src/core/surge.js';

function instance(
  id: string,
  traffic: Traffic = 'serving',
  extra: Partial<GroupInstance> = {},
): GroupInstance {
  const lifecycle = traffic === 'launching' ? 'Pending' : traffic === 'leaving' ? 'Terminating' : 'InService';
  return { id, zone: 'a', lifecycle, healthy: true, protectedFromScaleIn: false, traffic, ...extra };
}

function group(instances: GroupInstance[], extra: Partial<GroupState> = {}): GroupState {
  return {
    name: 'web',
    desired: instances.filter((i) => i.traffic !== 'leaving').length,
    min: 1,
    max: 3,
    instances,
    suspendedProcesses: [],
    loadBalancers: ['web-elb'],
    targetGroups: [],
    tags: {},
    ...extra,
  };
}

const options = { strategy: 'surge' as const, batch: 3, startedAt: '2025-03-03T09:00:00Z', run: '1' };

describe('a surge plan', () => {
  it('doubles the group at once, raises max to 2D and records what it changes', () => {
    const state = group(
      [
        instance('i-1', 'serving', { zone: 'a', launchedAt: 1 }),
        instance('i-2', 'serving', { zone: 'b', launchedAt: 2, protectedFromScaleIn: true }),
        instance('i-3', 'serving', { zone: 'a', launchedAt: 3 }),
      ],
      { suspendedProcesses: ['AZRebalance'] },
    );
    const plan = planSurge(state, options);
    expect(plan.batches).toEqual([['i-1', 'i-2', 'i-3']]);
    expect(plan.maxSize).toBe(6);
    expect(plan.suspend).toEqual(['ScheduledActions', 'InstanceRefresh']);
    expect(plan.suspend).not.toContain('AlarmNotification');
    expect(plan.protect).toEqual(['i-1', 'i-3']);
    expect(plan.record).toMatchObject({ desired: 3, min: 1, max: 3, protectedByUs: ['i-1', 'i-3'] });
  });

  it('with max-batch it replaces a batch at a time and only raises max by the batch', () => {
    const plan = planSurge(group([instance('i-1'), instance('i-2'), instance('i-3')], { max: 3 }), {
      ...options,
      batch: 1,
    });
    expect(plan.batches).toEqual([['i-1'], ['i-2'], ['i-3']]);
    expect(plan.maxSize).toBe(4);
  });
});

describe('surge progress', () => {
  const record = planSurge(group([instance('o-1'), instance('o-2'), instance('o-3')]), options).record;

  it('old instances may go only once the new ones serving make D', () => {
    const state = group([
      instance('o-1'),
      instance('o-2'),
      instance('o-3'),
      instance('n-1'),
      instance('n-2'),
      instance('n-3', 'out-of-service'),
    ]);
    const progress = batchProgress(record, state, ['o-1', 'o-2', 'o-3']);
    expect(progress).toMatchObject({ needed: 3, ready: false, message: '2 of 3 new instances in service' });
  });

  it('a draining old instance listed as in service is never counted as new', () => {
    const state = group([instance('o-1', 'draining'), instance('n-1'), instance('n-2', 'launching')]);
    expect(batchProgress(record, state, ['o-2']).servingNew).toEqual(['n-1']);
  });

  it('one at a time, each batch needs only the new instances that keep D serving', () => {
    const state = group([instance('o-1'), instance('o-2'), instance('o-3'), instance('n-1')]);
    expect(batchProgress(record, state, ['o-1'])).toMatchObject({ needed: 1, ready: true });
  });

  it('old instances already out of traffic leave first', () => {
    const state = group([instance('o-1'), instance('o-2', 'out-of-service'), instance('o-3')]);
    expect(nextBatch(record, state, 1)).toEqual(['o-2']);
  });

  it('an old instance that died and was replaced leaves exactly one surplus instance to remove', () => {
    const state = group([
      instance('n-1'),
      instance('n-2'),
      instance('n-3'),
      instance('n-4', 'out-of-service'),
    ]);
    const lost = lostOld(record, state, new Set(['o-1', 'o-2']));
    expect(lost).toEqual(['o-3']);
    expect(surplus(record, state, lost.length)).toEqual(['n-4']);
  });

  it('never removes a surplus instance that would leave fewer than D serving', () => {
    const state = group([instance('n-1'), instance('n-2'), instance('n-3')]);
    expect(surplus(record, state, 1)).toEqual([]);
  });
});

describe('traffic and stability', () => {
  it('an instance serves only when every load balancer has it in service', () => {
    expect(trafficOf('InService', true, ['in-service', 'in-service'], true)).toBe('serving');
    expect(trafficOf('InService', true, ['in-service', 'out-of-service'], true)).toBe('out-of-service');
    expect(trafficOf('InService', true, ['in-service', 'draining'], true)).toBe('draining');
    expect(trafficOf('InService', true, ['absent'], true)).toBe('deregistered');
    expect(trafficOf('Pending', true, [], true)).toBe('launching');
    expect(trafficOf('Terminating:Wait', true, ['in-service'], true)).toBe('leaving');
    expect(trafficOf('InService', false, [], false)).toBe('out-of-service');
  });

  it('a group is stable when nothing moves and it holds its desired count', () => {
    expect(stability(group([instance('i-1'), instance('i-2')])).stable).toBe(true);
    expect(stability(group([instance('i-1'), instance('i-2', 'launching')]))).toEqual({
      stable: false,
      reason: 'instances still moving (1 Pending)',
    });
    expect(stability(group([instance('i-1')], { desired: 2 })).stable).toBe(false);
  });
});
