import { type HostReport, hostExitStatus, remoteOutcome } from '../../src/core/remote-outcome.js';

const ok = (label: string): HostReport => ({
  label,
  status: 'succeeded',
  durationMs: 10,
  commands: [{ shown: 'true', exitCode: 0, timedOut: false, durationMs: 5 }],
});

describe('the outcome of a remote run', () => {
  it('succeeds only when every host succeeded', () => {
    expect(remoteOutcome([ok('a'), ok('b')])).toMatchObject({ ok: true, reasonCode: 'ok' });
    expect(remoteOutcome([])).toMatchObject({ ok: false });
  });

  it('a refused host key outranks a failing command in the reason code', () => {
    const failed: HostReport = {
      label: 'b',
      status: 'failed',
      reasonCode: 'command-failed',
      durationMs: 1,
      commands: [{ shown: 'false', exitCode: 1, timedOut: false, durationMs: 1 }],
    };
    const refused: HostReport = {
      label: 'c',
      status: 'refused',
      reasonCode: 'host-key-mismatch',
      durationMs: 1,
      commands: [],
    };
    expect(remoteOutcome([ok('a'), failed, refused])).toMatchObject({
      ok: false,
      reasonCode: 'host-key-mismatch',
      counts: { succeeded: 1, failed: 1, refused: 1 },
    });
  });

  it("a host's exit status is its failing command's", () => {
    const report: HostReport = {
      label: 'a',
      status: 'failed',
      durationMs: 1,
      commands: [
        { shown: 'true', exitCode: 0, timedOut: false, durationMs: 1 },
        { shown: 'kill -9 $$', exitCode: null, signal: 'SIGKILL', timedOut: false, durationMs: 1 },
      ],
    };
    expect(hostExitStatus(report)).toBe('SIGKILL');
    expect(
      hostExitStatus({
        ...report,
        commands: [{ shown: 'x', exitCode: 0, timedOut: false, missingOutput: 'SHA256:x', durationMs: 1 }],
      }),
    ).toBe('0');
  });
});
