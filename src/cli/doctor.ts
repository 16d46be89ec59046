import { parseArgs } from 'node:util';
import { ReleaseTrainError } from '../action/failure.js';
import { parseDuration } from '../action/input-types.js';
import { ACTIVE_REFRESH_STATUSES } from '../aws/auto-scaling-groups.js';
import { connectAws } from '../aws/clients.js';
import { createDeployRun, type DeployRun, observe } from '../aws/deploy-run.js';
import { pollUntil } from '../aws/poll.js';
import { restoreGroup } from '../aws/restore-group.js';
import { describeRestore } from '../aws/surge-deploy.js';
import { isActive } from '../core/group-state.js';
import { Journal } from '../core/journal.js';
import { midDeployReport } from '../core/mid-deploy.js';
import type { CliCommand, CliIO } from './command.js';

const usage = `release-train doctor --group NAME [--group NAME ...] [--repair] [--region REGION] [--endpoint URL] [--timeout 30m] [--poll-interval 15s]

Finds an Auto Scaling group left in the middle of a deploy (a surge that did not finish: the
release-train tags on the group, raised max, suspended processes, scale-in protection; or an
instance refresh still going) and says what it found. With --repair it puts the group back:
the new instances are deregistered, drained and terminated, desired capacity, max, protection
and processes return to what the deploy record says, and an active instance refresh is cancelled.
Exit status: 0 when every group is clean (or repaired), 1 when one is still mid-deploy.`;

function duration(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const parsed = parseDuration(text);
  if (parsed === undefined)
    throw new ReleaseTrainError('bad-input', `--${name}: expected a duration such as 90s or 15m`);
  return parsed;
}

async function examine(run: DeployRun, name: string, repair: boolean, io: CliIO): Promise<boolean> {
  const { state } = await observe(run, name, { refresh: true });
  const report = midDeployReport(state);
  const serving = state.instances.filter((instance) => instance.traffic === 'serving').length;
  const headline = `${name}: desired ${state.desired} (min ${state.min}, max ${state.max}), ${serving} of ${state.instances.filter(isActive).length} instance(s) serving`;
  if (report.findings.length === 0) {
    io.out(`${headline}. No deploy under way.`);
    return true;
  }
  io.out(`${headline}.${report.midDeploy ? ' Left mid-deploy:' : ''}`);
  for (const finding of report.findings)
    io.out(`  - ${finding.what}${finding.repairable ? '' : ' (left alone)'}`);
  if (!report.midDeploy) return true;
  if (!repair) {
    io.out(`  Run \`release-train doctor --group ${name} --repair\` to put it back.`);
    return false;
  }
  if (!report.record && !state.activeRefresh) {
    io.out(
      '  The release-train tags are damaged, so the group cannot be restored from them. Restore desired capacity, max, processes and protection by hand, then delete the release-train:* tags.',
    );
    return false;
  }
  const journal = new Journal(name, run.now, (line) => io.out(`  ${line}`));
  if (state.activeRefresh) {
    io.out(`  cancelling instance refresh ${state.activeRefresh.id}`);
    await run.groups.cancelRefresh(name);
    const refreshId = state.activeRefresh.id;
    const settled = await pollUntil(
      () => run.groups.refresh(name, refreshId),
      (refresh) => refresh !== undefined && !ACTIVE_REFRESH_STATUSES.includes(refresh.status),
      { deadline: run.now() + run.timeoutMs, intervalMs: run.pollMs },
    );
    io.out(`  instance refresh ${settled.value?.status ?? 'still ending'}`);
    if (!settled.done) return false;
  }
  if (report.record) {
    const restored = await restoreGroup(run, name, report.record, journal);
    io.out(`  Repaired: ${describeRestore(restored)}.`);
    io.out(`  Instances now: ${restored.kept.join(', ') || 'none'}.`);
  }
  return true;
}

export const doctorCommand: CliCommand = {
  summary: 'find an Auto Scaling group left mid-deploy and, with --repair, put it back',
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        group: { type: 'string', multiple: true },
        repair: { type: 'boolean', default: false },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        timeout: { type: 'string' },
        'poll-interval': { type: 'string' },
      },
      allowPositionals: false,
    });
    const groups = values.group ?? [];
    if (groups.length === 0) {
      io.err(`Name a group with --group.\n\nUsage: ${usage}`);
      return 2;
    }
    const aws = connectAws({ region: values.region ?? io.env.AWS_REGION, endpoint: values.endpoint });
    const run = createDeployRun(aws, {
      pollMs: duration(values['poll-interval'], 15_000, 'poll-interval'),
      timeoutMs: duration(values.timeout, 30 * 60_000, 'timeout'),
    });
    let clean = true;
    for (const name of groups) {
      if (!(await examine(run, name, values.repair, io))) clean = false;
    }
    return clean ? 0 : 1;
  },
};
