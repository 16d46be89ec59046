import { isReleaseTrainError } from '../action/failure.js';
import type { HostKeyPin } from '../core/host-key-pin.js';
import type { HostTarget } from '../core/host-target.js';
import { type CommandReport, commandSucceeded, type HostReport } from '../core/remote-outcome.js';
import type { RemoteCommand } from '../core/remote-recipe.js';
import { type OutputStream, runCommand } from './command.js';
import { connect, type SshConnection, type SshCredentials } from './connection.js';

/**
 * Runs the same commands on a list of hosts. First every host (and the jump host) is connected
 * and its key verified: one refused key means nothing runs anywhere, so a fleet is never half
 * deployed because host 5 of 10 was swapped. Then the commands run, `maxParallel` hosts at a
 * time, each host stopping at its first failing command; with `failFast`, a failure anywhere
 * stops hosts from starting (hosts already running finish their commands).
 */

export interface FleetPlan {
  targets: HostTarget[];
  commands: RemoteCommand[];
  jump?: HostTarget;
  credentials: SshCredentials;
  pins: HostKeyPin[];
  maxParallel: number;
  failFast: boolean;
  commandTimeoutMs: number;
  connectTimeoutMs: number;
}

export interface FleetObserver {
  /** Wraps everything one host does (a log group when hosts run one at a time). */
  aroundHost<T>(label: string, body: () => Promise<T>): Promise<T>;
  connected(label: string, fingerprint: string): void;
  commandStarted(label: string, command: RemoteCommand): void;
  output(label: string, stream: OutputStream, line: string): void;
  commandFinished(label: string, report: CommandReport): void;
  hostFinished(report: HostReport): void | Promise<void>;
}

interface Connected {
  target: HostTarget;
  connection: SshConnection;
}

const keyProblems = new Set(['host-key-mismatch', 'host-key-missing', 'host-key-revoked']);

async function inBatches<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}

function failedToConnect(target: HostTarget, error: unknown, started: number): HostReport {
  const reasonCode = isReleaseTrainError(error) ? error.reasonCode : 'host-unreachable';
  const fingerprint = isReleaseTrainError(error) ? (error.details.offered as string | undefined) : undefined;
  return {
    label: target.label,
    status: keyProblems.has(reasonCode) ? 'refused' : 'unreachable',
    reasonCode,
    detail: error instanceof Error ? error.message : String(error),
    ...(fingerprint && { fingerprint }),
    durationMs: performance.now() - started,
    commands: [],
  };
}

function skipped(target: HostTarget, why: string): HostReport {
  return { label: target.label, status: 'skipped', detail: why, durationMs: 0, commands: [] };
}

export async function runOnFleet(plan: FleetPlan, observer: FleetObserver): Promise<HostReport[]> {
  const open: SshConnection[] = [];
  try {
    // 1. the jump host, verified like any other
    let via: SshConnection | undefined;
    if (plan.jump) {
      const started = performance.now();
      try {
        via = await connect(plan.jump, {
          pins: plan.pins,
          credentials: plan.credentials,
          readyTimeoutMs: plan.connectTimeoutMs,
        });
        open.push(via);
        observer.connected(`${plan.jump.label} (jump host)`, via.fingerprint);
      } catch (error) {
        const jump = failedToConnect(plan.jump, error, started);
        jump.label = `${plan.jump.label} (jump host)`;
        const why = `not run: the jump host ${plan.jump.label} was ${jump.status}`;
        return [jump, ...plan.targets.map((target) => skipped(target, why))];
      }
    }

    // 2. connect to every host and verify its key before anything runs anywhere
    const connections = await inBatches(plan.targets, plan.maxParallel, async (target) => {
      const started = performance.now();
      try {
        const connection = await connect(target, {
          pins: plan.pins,
          credentials: plan.credentials,
          readyTimeoutMs: plan.connectTimeoutMs,
          ...(via && { via }),
        });
        open.push(connection);
        observer.connected(target.label, connection.fingerprint);
        return { target, connection } satisfies Connected;
      } catch (error) {
        return failedToConnect(target, error, started);
      }
    });
    const failures = connections.filter((entry): entry is HostReport => 'status' in entry);
    const refused = failures.filter((report) => report.status === 'refused');
    if (refused.length > 0 || (failures.length > 0 && plan.failFast)) {
      const why = `not run: ${refused.length > 0 ? 'a host key was refused' : 'a host could not be reached'} (${failures
        .map((report) => report.label)
        .join(', ')}), so no host ran anything`;
      for (const report of failures) await observer.hostFinished(report);
      return connections.map((entry) => ('status' in entry ? entry : skipped(entry.target, why)));
    }

    // 3. the commands, maxParallel hosts at a time
    let stopped: string | undefined;
    const reports = await inBatches(connections, plan.maxParallel, async (entry) => {
      if ('status' in entry) {
        await observer.hostFinished(entry);
        return entry;
      }
      if (stopped) {
        const report = skipped(entry.target, `not run: ${stopped} failed and fail-fast is on`);
        await observer.hostFinished(report);
        return report;
      }
      const report = await observer.aroundHost(entry.target.label, () => runOnHost(entry, plan, observer));
      if (report.status !== 'succeeded' && plan.failFast) stopped ??= report.label;
      await observer.hostFinished(report);
      return report;
    });
    return reports;
  } finally {
    for (const connection of open.reverse()) connection.close();
  }
}

async function runOnHost(entry: Connected, plan: FleetPlan, observer: FleetObserver): Promise<HostReport> {
  const { target, connection } = entry;
  const started = performance.now();
  const commands: CommandReport[] = [];
  for (const command of plan.commands) {
    observer.commandStarted(target.label, command);
    const report = await runCommand(connection, command, {
      timeoutMs: plan.commandTimeoutMs,
      onLine: (stream, line) => observer.output(target.label, stream, line),
    });
    commands.push(report);
    observer.commandFinished(target.label, report);
    if (!commandSucceeded(report)) {
      const skippedCount = plan.commands.length - commands.length;
      const why = report.timedOut
        ? `\`${report.shown}\` timed out after ${Math.round(plan.commandTimeoutMs / 1000)}s (sent SIGTERM and closed its channel; ` +
          'sshd refuses signals for root logins, so check whether it still runs on the host)'
        : report.missingOutput
          ? `\`${report.shown}\` did not show ${report.missingOutput}`
          : `\`${report.shown}\` exited ${report.signal ?? report.exitCode ?? 'without a status'}`;
      return {
        label: target.label,
        status: report.timedOut ? 'timed-out' : 'failed',
        reasonCode: report.timedOut ? 'command-timeout' : 'command-failed',
        detail: `${why}${skippedCount > 0 ? `; ${skippedCount} later command(s) not run` : ''}`,
        fingerprint: connection.fingerprint,
        durationMs: performance.now() - started,
        commands,
      };
    }
  }
  return {
    label: target.label,
    status: 'succeeded',
    fingerprint: connection.fingerprint,
    durationMs: performance.now() - started,
    commands,
  };
}
