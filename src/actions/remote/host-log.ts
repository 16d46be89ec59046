import type { ActionLog } from '../../action/run-action.js';
import { type CommandReport, formatDuration, type HostReport } from '../../core/remote-outcome.js';
import type { FleetObserver } from '../../ssh/fleet.js';

/**
 * How hosts' output reaches the job log: every line prefixed with its host (which also keeps a
 * remote `::command::` line from being read as a workflow command). One host at a time: the
 * host's log group streams live. Several at once: progress lines stream live, and each host's
 * full output is printed in its own group when the host finishes, so groups never interleave.
 */

const maxBufferedLines = 10_000;

function exitText(report: CommandReport): string {
  if (report.timedOut) return 'timed out';
  if (report.signal) return `killed by ${report.signal}`;
  if (report.missingOutput) return `exit ${report.exitCode}, but the output lacks ${report.missingOutput}`;
  return `exit ${report.exitCode ?? '(none)'}`;
}

export function hostLog(log: ActionLog, live: boolean): FleetObserver {
  const buffers = new Map<string, string[]>();
  const dropped = new Map<string, number>();
  const write = (label: string, line: string) => {
    const text = `[${label}] ${line}`;
    if (live) {
      log.info(text);
      return;
    }
    const buffer = buffers.get(label) ?? [];
    buffers.set(label, buffer);
    if (buffer.length < maxBufferedLines) buffer.push(text);
    else dropped.set(label, (dropped.get(label) ?? 0) + 1);
  };
  return {
    aroundHost: (label, body) => (live ? log.group(label, body) : body()),
    connected: (label, fingerprint) => log.info(`[${label}] host key verified: ${fingerprint}`),
    commandStarted: (label, command) => {
      if (!live) log.info(`[${label}] $ ${command.shown}`);
      write(label, `$ ${command.shown}`);
    },
    output: (label, _stream, line) => write(label, line),
    commandFinished: (label, report) => {
      const line = `${exitText(report)} after ${formatDuration(report.durationMs)}`;
      if (!live) log.info(`[${label}] ${line}`);
      write(label, line);
    },
    hostFinished: async (report: HostReport) => {
      if (report.status !== 'succeeded' && report.detail) {
        log.warning(`[${report.label}] ${report.status}: ${report.detail}`);
      }
      if (live) return;
      const lines = buffers.get(report.label) ?? [];
      buffers.delete(report.label);
      if (lines.length === 0) return;
      await log.group(`${report.label}: ${report.status}`, async () => {
        for (const line of lines) log.info(line);
        const left = dropped.get(report.label);
        if (left) log.info(`[${report.label}] ... ${left} more line(s) not kept`);
      });
    },
  };
}
