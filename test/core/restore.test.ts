import { recordTags } from '../../src/core/deploy-record.js';
import type { GroupInstance, GroupState, Traffic } from '../../src/core/group-state.js';
import { midDeployReport } from '../../src/core/mid-deploy.js';
import { restorePlan } from '../../src/core/restore.js';
import { planSurge } from '../../src/core/surge.js';

function instance(id: string, traffic: Traffic = 'serving', protectedFromScaleIn = false): GroupInstance {
  const lifecycle = traffic === 'launching' ? 'Pending' : traffic === 'leaving' ? 'Terminating' : 'InService';
  return { id, zone: 'a', lifecycle, healthy: true, protectedFromScaleIn, traffic };
}

function group(instances: GroupInstance[], extra: Partial<GroupState> = {}): GroupState {
  return {
    name: 'web',
    desired: 3,
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

const before = group([instance('o-1'), instance('o-2'), instance('o-3', 'serving', true)], {
  suspendedProcesses: ['ScheduledActions'],
});
const plan = planSurge(before, { strategy: 'surge', batch: 3, startedAt: '2025-03-03T09:00:00Z', run: '7' });
const tags = Object.fromEntries(recordTags(plan.record).map((tag) => [tag.key, tag.value]));

describe('restoring a group from its deploy record', () => {
  it('keeps the old fleet, removes every new instance and puts back what was changed', () => {
    const during = group(
      [
        instance('o-1', 'serving', true),
        instance('o-2', 'serving', true),
        instance('o-3', 'serving', true),
        instance('n-1'),
        instance('n-2', 'out-of-service'),
        instance('n-3', 'launching'),
      ],
      {
        desired: 6,
        max: 6,
        suspendedProcesses: ['ScheduledActions', 'AZRebalance', 'InstanceRefresh'],
        tags,
      },
    );
    expect(restorePlan(plan.record, during)).toEqual({
      keep: ['o-1', 'o-2', 'o-3'],
      remove: ['n-2', 'n-3', 'n-1'],
      desired: 3,
      maxSize: 3,
      unprotect: ['o-1', 'o-2'],
      resume: ['AZRebalance', 'InstanceRefresh'],
      deleteTags: ['release-train:deploy', 'release-train:old-instances'],
    });
  });

  it('after a batch already went, keeps the new instances that replaced it instead of dropping below D', () => {
    const during = group(
      [instance('o-3', 'serving', true), instance('n-1'), instance('n-2'), instance('n-3', 'out-of-service')],
      {
        desired: 4,
        tags,
      },
    );
    const restore = restorePlan(plan.record, during);
    expect(restore.keep).toEqual(['o-3', 'n-1', 'n-2']);
    expect(restore.remove).toEqual(['n-3']);
  });

  it('an old instance already deregistered goes rather than a new one that serves', () => {
    const during = group(
      [instance('o-1', 'draining'), instance('o-2'), instance('o-3'), instance('n-1'), instance('n-2')],
      {
        desired: 5,
        tags,
      },
    );
    const restore = restorePlan(plan.record, during);
    expect(restore.keep).toEqual(['o-2', 'o-3', 'n-1']);
    expect(restore.remove).toEqual(['o-1', 'n-2']);
  });
});

describe('finding a group left mid-deploy', () => {
  it('a deploy record on the group is a surge that did not finish, with what it changed', () => {
    const during = group([instance('o-1', 'serving', true), instance('n-1')], {
      desired: 6,
      max: 6,
      suspendedProcesses: ['AZRebalance', 'ScheduledActions'],
      tags,
    });
    const report = midDeployReport(during);
    expect(report.midDeploy).toBe(true);
    expect(report.findings.map((finding) => finding.what)).toEqual([
      'a surge started 2025-03-03T09:00:00Z (run 7) did not finish: desired capacity was 3 and is 6; 1 of 3 old instance(s) and 1 new one(s) in the group',
      'max size was raised from 3 to 6',
      'processes suspended by release-train: AZRebalance',
      'scale-in protection set by release-train on o-1',
    ]);
  });

  it('an instance refresh still going counts as mid-deploy; the owner’s own suspensions do not', () => {
    const refreshing = group([instance('o-1')], {
      activeRefresh: { id: 'r-1', status: 'InProgress', percentageComplete: 40 },
      suspendedProcesses: ['AZRebalance'],
    });
    const report = midDeployReport(refreshing);
    expect(report.midDeploy).toBe(true);
    expect(report.findings).toEqual([
      { what: 'processes suspended (not by a release-train deploy): AZRebalance', repairable: false },
      { what: 'instance refresh r-1 is InProgress, 40% complete', repairable: true },
    ]);
    expect(midDeployReport(group([instance('o-1')], { suspendedProcesses: ['AZRebalance'] })).midDeploy).toBe(
      false,
    );
  });
});
