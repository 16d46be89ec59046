import { type DeployRecord, readRecord } from './deploy-record.js';
import { type GroupState, isActive } from './group-state.js';
import { SURGE_SUSPENDED_PROCESSES } from './surge.js';

/**
 * Whether a group is in the middle of a deploy: a release-train deploy record on it (a surge that
 * did not finish) or an instance refresh that has not reached a final status. Either one makes a
 * new deploy refuse, and `release-train doctor` explains and repairs it.
 */
export interface Finding {
  what: string;
  /** Whether `doctor --repair` puts it right. */
  repairable: boolean;
}

export interface MidDeployReport {
  midDeploy: boolean;
  findings: Finding[];
  record?: DeployRecord;
}

export function midDeployReport(state: GroupState): MidDeployReport {
  const findings: Finding[] = [];
  const reading = readRecord(state.tags);
  let record: DeployRecord | undefined;
  if (reading.found && 'problem' in reading) {
    findings.push({ what: `release-train tags are damaged: ${reading.problem}`, repairable: false });
  } else if (reading.found) {
    record = reading.record;
    const old = new Set(record.oldInstances);
    const active = state.instances.filter(isActive);
    const oldLeft = active.filter((instance) => old.has(instance.id)).length;
    const fresh = active.length - oldLeft;
    findings.push({
      what: `a ${record.strategy} started ${record.startedAt}${record.run ? ` (run ${record.run})` : ''} did not finish: desired capacity was ${record.desired} and is ${state.desired}; ${oldLeft} of ${record.oldInstances.length} old instance(s) and ${fresh} new one(s) in the group`,
      repairable: true,
    });
    if (state.max !== record.max) {
      findings.push({ what: `max size was raised from ${record.max} to ${state.max}`, repairable: true });
    }
    const suspended = record.suspended.filter((name) => state.suspendedProcesses.includes(name));
    if (suspended.length > 0) {
      findings.push({
        what: `processes suspended by release-train: ${suspended.join(', ')}`,
        repairable: true,
      });
    }
    const stillProtected = active.filter(
      (instance) => record!.protectedByUs.includes(instance.id) && instance.protectedFromScaleIn,
    );
    if (stillProtected.length > 0) {
      findings.push({
        what: `scale-in protection set by release-train on ${stillProtected.map((instance) => instance.id).join(', ')}`,
        repairable: true,
      });
    }
  } else {
    // Without a record these may be the owner's own settings: reported, never changed.
    const suspended = SURGE_SUSPENDED_PROCESSES.filter((name) => state.suspendedProcesses.includes(name));
    if (suspended.length > 0) {
      findings.push({
        what: `processes suspended (not by a release-train deploy): ${suspended.join(', ')}`,
        repairable: false,
      });
    }
  }
  if (state.activeRefresh) {
    const refresh = state.activeRefresh;
    const progress =
      refresh.percentageComplete !== undefined ? `, ${refresh.percentageComplete}% complete` : '';
    findings.push({
      what: `instance refresh ${refresh.id} is ${refresh.status}${progress}`,
      repairable: true,
    });
  }
  return {
    midDeploy: reading.found || state.activeRefresh !== undefined,
    findings,
    ...(record && { record }),
  };
}

/** The refusal message for a deploy that finds the group mid-deploy. */
export function midDeployAdvice(state: GroupState, report: MidDeployReport): string {
  return [
    `Auto Scaling group ${state.name} is in the middle of a deploy:`,
    ...report.findings.map((finding) => `- ${finding.what}`),
    `Nothing was changed. Inspect it with \`release-train doctor --group ${state.name}\` and put it back with \`release-train doctor --group ${state.name} --repair\` (or wait for the instance refresh to finish), then run the deploy again.`,
  ].join('\n');
}
