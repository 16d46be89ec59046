/**
 * What happened on each host, and what that means for the step: every command's exit status
 * counts, a host-key problem anywhere is a refusal, and the reason code names the worst thing
 * that happened.
 */

export type HostStatus = 'succeeded' | 'failed' | 'timed-out' | 'refused' | 'unreachable' | 'skipped';

export interface CommandReport {
  shown: string;
  exitCode: number | null;
  /** `SIGKILL` ... when the command died of a signal. */
  signal?: string;
  timedOut: boolean;
  /** An `expectOutput` that was missing from the output (the command then counts as failed). */
  missingOutput?: string;
  durationMs: number;
}

export interface HostReport {
  label: string;
  status: HostStatus;
  /** Why a host did not succeed: the reason code of its own failure. */
  reasonCode?: string;
  /** One line for the summary: the failing command, the refused key, why it was skipped. */
  detail?: string;
  /** The host key it offered, when the connection got that far. */
  fingerprint?: string;
  durationMs: number;
  commands: CommandReport[];
}

export function commandSucceeded(command: CommandReport): boolean {
  return command.exitCode === 0 && !command.timedOut && command.missingOutput === undefined;
}

/** The exit status to show for a host: its failing command's, else its last command's. */
export function hostExitStatus(report: HostReport): string {
  const failing = report.commands.find((command) => !commandSucceeded(command));
  const shown = failing ?? report.commands.at(-1);
  if (!shown) return report.status === 'succeeded' ? '0' : '-';
  if (shown.timedOut) return 'timeout';
  if (shown.signal) return shown.signal;
  return shown.exitCode === null ? '?' : String(shown.exitCode);
}

// Worst first: a key problem is a security refusal, then hosts we could not reach, then commands.
const severity = [
  'host-key-mismatch',
  'host-key-revoked',
  'host-key-missing',
  'auth-failed',
  'host-unreachable',
  'command-timeout',
  'command-failed',
];

export interface RemoteOutcome {
  ok: boolean;
  reasonCode: string;
  counts: Record<HostStatus, number>;
}

export function remoteOutcome(reports: HostReport[]): RemoteOutcome {
  const counts: Record<HostStatus, number> = {
    succeeded: 0,
    failed: 0,
    'timed-out': 0,
    refused: 0,
    unreachable: 0,
    skipped: 0,
  };
  for (const report of reports) counts[report.status]++;
  const codes = reports
    .map((report) => report.reasonCode)
    .filter((code): code is string => code !== undefined);
  const worst = severity.find((code) => codes.includes(code)) ?? codes[0];
  const ok = counts.succeeded === reports.length && reports.length > 0;
  return { ok, reasonCode: ok ? 'ok' : (worst ?? 'command-failed'), counts };
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${Math.round((ms % 60_000) / 1000)
    .toString()
    .padStart(2, '0')}s`;
}
