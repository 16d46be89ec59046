import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSandbox, type Sandbox } from '../support/git.js';
import { check, type LocalServer, type ReceivedRequest, startLocalServer } from '../support/local-server.js';
import { runAction } from '../support/run-action.js';

const token = 'Bearer devices-admin-token-123';

/** The admin page: checks every request, answers the next value of a scripted series. */
async function adminPage(series: (number | 'down' | 'garbage')[]): Promise<LocalServer> {
  return startLocalServer((request: ReceivedRequest, index: number) => {
    check('method', request.method, 'GET');
    check('path', request.path, '/api/stats');
    check('authorization', request.headers.authorization, token);
    check('accept', request.headers.accept, 'application/json');
    const next = series[Math.min(index, series.length - 1)]!;
    if (next === 'down') return { status: 503, body: 'restarting' };
    if (next === 'garbage') return { body: '<html>maintenance</html>' };
    return { body: { devices: { online: next, total: 1200 } } };
  });
}

describe('the guard action', () => {
  let sandbox: Sandbox;
  let server: LocalServer | undefined;
  beforeEach(async () => {
    sandbox = await createSandbox('release-train-guard-');
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await sandbox.cleanup();
  });

  const guard = (inputs: Record<string, string>) =>
    runAction('guard', {
      inputs: {
        url: `${server!.url}/api/stats`,
        'json-path': '$.devices.online',
        'auth-header': token,
        ...inputs,
      },
      env: { RUNNER_TEMP: sandbox.root },
    });

  it('before saves the value as an output and in a state file; after waits until it is back within tolerance', async () => {
    server = await adminPage([1000, 900, 950, 'down', 990]);
    const before = await guard({ phase: 'before', name: 'online devices' });
    expect(before.exitCode).toBe(0);
    expect(before.outputs.value).toBe('1000');
    const saved = JSON.parse(await readFile(join(sandbox.root, 'release-train-guard-metric.json'), 'utf8'));
    expect(saved).toMatchObject({ value: 1000, json_path: '$.devices.online' });

    const after = await guard({
      phase: 'after',
      name: 'online devices',
      tolerance: '2%',
      interval: '20ms',
      timeout: '5s',
    });
    expect(after.exitCode).toBe(0);
    expect(after.result).toMatchObject({ ok: true, baseline: 1000, value: 990, bounds: { low: 980 } });
    expect((after.result!.samples as { value: number | null }[]).map((sample) => sample.value)).toEqual([
      900,
      950,
      null,
      990,
    ]);
    expect(after.summary).toContain(
      '| online devices | 1000 | 990 | at least 980 (2%, at-least) | 4 (1 unreadable) |',
    );
    expect(after.summary).toContain('xychart-beta');
    expect(after.summary).toContain('line [1000, 1000, 1000]');
    expect(after.summary).toContain('line [900, 950, 990]');
    expect(server.requests).toHaveLength(5);
    expect(server.problems).toEqual([]);
    // The token is masked and never printed.
    expect(after.masked).toContain(token);
    expect(`${before.stdout}${after.stdout}`.replace(/::add-mask::.*/g, '')).not.toContain(
      'devices-admin-token',
    );
  });

  it('after fails with the numbers when the metric does not come back in time', async () => {
    server = await adminPage([950, 900, 940]);
    const run = await guard({
      phase: 'after',
      baseline: '1000',
      tolerance: '2%',
      interval: '50ms',
      timeout: '400ms',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['reason-code']).toBe('metric-not-recovered');
    expect(run.errors.join('\n')).toMatch(
      /did not recover in 400ms: last 940, before 1000, needed at least 980; lowest 900, highest 950 over \d+ reading\(s\)/,
    );
    expect(server.requests.length).toBeGreaterThanOrEqual(3);
    expect(server.problems).toEqual([]);
  });

  it('within wants the value near before on both sides; an absolute tolerance is an amount', async () => {
    server = await adminPage([1010, 1003]);
    const run = await guard({
      phase: 'after',
      baseline: '1000',
      tolerance: '5',
      direction: 'within',
      interval: '20ms',
      timeout: '3s',
    });
    expect(run.exitCode).toBe(0);
    expect(run.result).toMatchObject({ value: 1003, bounds: { low: 995, high: 1005 } });
  });

  it('an endpoint that never answers a number is metric-unreadable, before and after', async () => {
    server = await adminPage(['garbage']);
    const before = await guard({ phase: 'before' });
    expect(before.outputs['reason-code']).toBe('metric-unreadable');
    expect(before.errors.join('\n')).toMatch(/body is not JSON, 3 attempt\(s\)\)\. No baseline was saved/);

    const after = await guard({ phase: 'after', baseline: '10', interval: '50ms', timeout: '200ms' });
    expect(after.outputs['reason-code']).toBe('metric-unreadable');
  });

  it('a json-path that is not there is named in the refusal', async () => {
    server = await adminPage([1000]);
    const run = await guard({ phase: 'before', 'json-path': '$.devices.offline' });
    expect(run.outputs['reason-code']).toBe('metric-unreadable');
    expect(run.errors.join('\n')).toContain('$.devices.offline is missing');
  });

  it('after without a before step or a baseline input refuses to guess', async () => {
    server = await adminPage([1000]);
    const run = await guard({ phase: 'after', id: 'vpn-clients' });
    expect(run.outputs['reason-code']).toBe('baseline-missing');
    expect(server.requests).toHaveLength(0);
  });
});
