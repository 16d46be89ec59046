import type { ClientChannel } from 'ssh2';
import type { CommandReport } from '../core/remote-outcome.js';
import type { RemoteCommand } from '../core/remote-recipe.js';
import type { SshConnection } from './connection.js';

/**
 * Runs one command in its own remote shell (one `exec` channel), streams its output line by
 * line, and reports its exit status. A command that outlives its timeout is sent SIGTERM, then
 * its channel is closed; it counts as failed.
 */

export type OutputStream = 'stdout' | 'stderr';

export interface RunCommandOptions {
  timeoutMs: number;
  onLine(stream: OutputStream, line: string): void;
}

/** Splits a byte stream into lines; the last partial line comes out on `flush`. */
class LineSplitter {
  private pending = '';
  constructor(private readonly emit: (line: string) => void) {}
  push(chunk: Buffer): void {
    const text = this.pending + chunk.toString('utf8');
    const lines = text.split(/\r?\n/);
    this.pending = lines.pop()!;
    for (const line of lines) this.emit(line);
  }
  flush(): void {
    if (this.pending !== '') this.emit(this.pending);
    this.pending = '';
  }
}

function openChannel(connection: SshConnection, command: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    connection.client.exec(command, (error, channel) => (error ? reject(error) : resolve(channel)));
  });
}

/**
 * Asks the remote side to send `name` to the command (RFC 4254 section 6.9). ssh2's
 * `channel.signal()` only does so before our end of the channel reached EOF, but every command
 * gets EOF on its standard input right away; the protocol allows the request after EOF too.
 */
function sendSignal(channel: ClientChannel, name: string): void {
  const internals = channel as unknown as {
    outgoing?: { id?: number; state?: string };
    _client?: { _protocol?: { signal?(id: number, signal: string): void } };
  };
  try {
    if (internals.outgoing?.id !== undefined && internals.outgoing.state !== 'closed') {
      internals._client?._protocol?.signal?.(internals.outgoing.id, name);
    }
  } catch {
    // The channel or connection is gone already; closing below is all that is left.
  }
}

export async function runCommand(
  connection: SshConnection,
  command: RemoteCommand,
  options: RunCommandOptions,
): Promise<CommandReport> {
  const started = performance.now();
  let channel: ClientChannel;
  try {
    channel = await openChannel(connection, command.run);
  } catch (error) {
    options.onLine('stderr', `could not start the command: ${(error as Error).message}`);
    return { shown: command.shown, exitCode: null, timedOut: false, durationMs: performance.now() - started };
  }
  // Only what an expectation needs is kept; everything else streams through.
  let captured = '';
  const capture = command.expectOutput !== undefined;
  const out = new LineSplitter((line) => {
    if (capture && captured.length < 1_000_000) captured += `${line}\n`;
    options.onLine('stdout', line);
  });
  const err = new LineSplitter((line) => options.onLine('stderr', line));
  channel.on('data', (chunk: Buffer) => out.push(chunk));
  channel.stderr.on('data', (chunk: Buffer) => err.push(chunk));

  let exitCode: number | null = null;
  let signal: string | undefined;
  let timedOut = false;
  channel.on('exit', (code: number | null, signalName?: string) => {
    exitCode = code;
    if (signalName) signal = signalName;
  });
  let giveUp: (() => void) | undefined;
  let grace: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    sendSignal(channel, 'TERM');
    channel.close();
    // sshd refuses signals for root logins and waits for the command before closing the channel;
    // after a grace period we stop waiting (the caller drops the connection).
    grace = setTimeout(() => giveUp?.(), 2000);
  }, options.timeoutMs);

  if (command.stdin !== undefined) channel.end(command.stdin);
  else channel.end();

  await new Promise<void>((resolve) => {
    giveUp = resolve;
    channel.once('close', () => resolve());
  });
  clearTimeout(timer);
  clearTimeout(grace);
  out.flush();
  err.flush();
  const report: CommandReport = {
    shown: command.shown,
    exitCode,
    timedOut,
    durationMs: performance.now() - started,
  };
  if (signal) report.signal = signal;
  if (capture && exitCode === 0 && !captured.includes(command.expectOutput!)) {
    report.missingOutput = command.expectOutput!;
  }
  return report;
}
