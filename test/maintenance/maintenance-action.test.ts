import { runAction } from '../support/run-action.js';
import { type StatuspageEmulator, startStatuspage } from '../support/statuspage.js';

const apiKey = 'sp-api-key-0123456789';

describe('the maintenance action against a Statuspage emulator', () => {
  let statuspage: StatuspageEmulator;
  beforeEach(async () => {
    statuspage = await startStatuspage('pg1', apiKey);
  });
  afterEach(async () => {
    expect(statuspage.server.problems).toEqual([]);
    await statuspage.close();
  });

  const maintenance = (inputs: Record<string, string | boolean>) =>
    runAction('maintenance', {
      inputs: {
        'page-id': 'pg1',
        'api-key': apiKey,
        'api-url': statuspage.url,
        name: 'VPN maintenance',
        ...inputs,
      },
      env: { RELEASE_TRAIN_NOW: '2024-05-01T10:00:00Z' },
      runId: '777',
    });

  it('schedule, start and complete walk one window through its states, and repeating a phase changes nothing', async () => {
    const scheduled = await maintenance({
      phase: 'schedule',
      'component-ids': 'cmp_vpn',
      'starts-at': '2024-05-02T22:00:00Z',
      duration: '45m',
      message: 'The VPN will be unavailable for a few minutes.',
    });
    expect(scheduled.exitCode).toBe(0);
    expect(scheduled.outputs['window-id']).toBe('vpn-maintenance-run-777');
    expect(statuspage.incidents).toHaveLength(1);
    expect(statuspage.incidents[0]).toMatchObject({
      name: 'VPN maintenance',
      status: 'scheduled',
      scheduled_for: '2024-05-02T22:00:00.000Z',
      scheduled_until: '2024-05-02T22:45:00.000Z',
      metadata: { release_train: { window: 'vpn-maintenance-run-777' } },
      components: [{ id: 'cmp_vpn' }],
    });
    expect(statuspage.components.cmp_vpn).toBe('operational');

    const again = await maintenance({ phase: 'schedule', 'component-ids': 'cmp_vpn' });
    expect(again.outputs['reason-code']).toBe('already-done');
    expect(statuspage.writes()).toHaveLength(1);

    const started = await maintenance({ phase: 'start' });
    expect(started.exitCode).toBe(0);
    expect(started.result).toMatchObject({ change: 'update', status: 'in_progress', incident_id: 'inc1' });
    expect(statuspage.incidents[0]!.status).toBe('in_progress');
    expect(statuspage.components.cmp_vpn).toBe('under_maintenance');
    expect(started.summary).toContain('scheduled → in progress');

    const startedAgain = await maintenance({ phase: 'start' });
    expect(startedAgain.exitCode).toBe(0);
    expect(startedAgain.outputs['reason-code']).toBe('already-done');
    expect(startedAgain.result).toMatchObject({ change: 'nothing', status: 'in_progress' });

    const completed = await maintenance({ phase: 'complete' });
    expect(completed.result).toMatchObject({ change: 'update', status: 'completed' });
    expect(statuspage.components.cmp_vpn).toBe('operational');
    const completedAgain = await maintenance({ phase: 'complete' });
    expect(completedAgain.outputs['reason-code']).toBe('already-done');

    expect(statuspage.incidents).toHaveLength(1);
    expect(statuspage.writes().map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /v1/pages/pg1/incidents',
      'PATCH /v1/pages/pg1/incidents/inc1',
      'PATCH /v1/pages/pg1/incidents/inc1',
    ]);
    expect(statuspage.incidents[0]!.incident_updates.map((update) => update.status)).toEqual([
      'scheduled',
      'in_progress',
      'completed',
    ]);
  });

  it('start without a scheduled window opens one in progress, with its components under maintenance', async () => {
    const run = await maintenance({ phase: 'start', 'component-ids': 'cmp_vpn, cmp_git', duration: '30m' });
    expect(run.exitCode).toBe(0);
    expect(statuspage.incidents[0]).toMatchObject({
      status: 'in_progress',
      scheduled_for: '2024-05-01T10:00:00.000Z',
      scheduled_until: '2024-05-01T10:30:00.000Z',
    });
    expect(statuspage.components).toEqual({ cmp_vpn: 'under_maintenance', cmp_git: 'under_maintenance' });
    expect((statuspage.writes()[0]!.json as { incident: Record<string, unknown> }).incident).toMatchObject({
      scheduled_auto_in_progress: false,
      scheduled_auto_completed: false,
    });
  });

  it('a window scheduled by hand with the same name is started instead of opening a second one', async () => {
    statuspage.incidents.push({
      id: 'manual1',
      name: 'VPN maintenance',
      status: 'scheduled',
      impact: 'maintenance',
      scheduled_for: '2024-05-01T09:55:00Z',
      scheduled_until: '2024-05-01T11:00:00Z',
      shortlink: 'https://stspg.io/manual1',
      metadata: {},
      components: [{ id: 'cmp_vpn', name: 'VPN', status: 'operational' }],
      incident_updates: [],
      created_at: '2024-04-30T08:00:00Z',
    });
    const run = await maintenance({ phase: 'start' });
    expect(run.result).toMatchObject({ change: 'update', incident_id: 'manual1' });
    expect(statuspage.incidents).toHaveLength(1);
    // Its own components are put under maintenance when none are given.
    expect(statuspage.components.cmp_vpn).toBe('under_maintenance');
  });

  it('complete without a window refuses with maintenance-not-found and writes nothing', async () => {
    const run = await maintenance({ phase: 'complete', 'window-id': 'vpn-2024-05-01' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['reason-code']).toBe('maintenance-not-found');
    expect(run.errors.join('\n')).toMatch(/Nothing was changed on the status page/);
    expect(statuspage.writes()).toHaveLength(0);
  });

  it('a dry run looks the window up and changes nothing', async () => {
    const run = await maintenance({ phase: 'start', 'dry-run': true });
    expect(run.exitCode).toBe(0);
    expect(run.result).toMatchObject({ reason_code: 'dry-run', change: 'create', status: 'in_progress' });
    expect(run.summary).toContain('would create the window as in progress');
    expect(statuspage.writes()).toHaveLength(0);
  });

  it('a rate-limited write is retried once; a failing write is not retried and says a rerun will find it', async () => {
    statuspage.fault('POST', {
      status: 429,
      body: { error: 'rate limited' },
      headers: { 'retry-after': '0' },
    });
    const run = await maintenance({ phase: 'schedule' });
    expect(run.exitCode).toBe(0);
    expect(statuspage.incidents).toHaveLength(1);
    expect(statuspage.writes()).toHaveLength(2);

    statuspage.fault('PATCH', { status: 502, body: 'bad gateway' });
    const failed = await maintenance({ phase: 'start' });
    expect(failed.outputs['reason-code']).toBe('statuspage-failed');
    expect(failed.errors.join('\n')).toMatch(
      /PATCH \/incidents\/inc1 with HTTP 502.*running the step again finds it/,
    );
    expect(statuspage.writes().filter((request) => request.method === 'PATCH')).toHaveLength(1);
    // The rerun finishes the job.
    const rerun = await maintenance({ phase: 'start' });
    expect(rerun.result).toMatchObject({ change: 'update', status: 'in_progress' });
  });

  it('the API key is masked and never printed', async () => {
    const run = await maintenance({ phase: 'schedule' });
    expect(run.masked).toContain(apiKey);
    expect(`${run.stdout}${run.summary}`.replace(/::add-mask::.*/g, '')).not.toContain(apiKey);
  });
});
