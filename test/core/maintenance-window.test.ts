import {
  defaultWindowId,
  findHandMadeWindow,
  findWindow,
  planMaintenance,
  type WindowIncident,
} from '../../src/core/maintenance-window.js';

const window = (
  id: string,
  status: string,
  marker?: string,
  created = '2024-05-01T10:00:00Z',
): WindowIncident => ({
  id,
  name: 'VPN maintenance',
  status,
  created_at: created,
  metadata: marker ? { release_train: { window: marker } } : {},
});

describe('maintenance windows', () => {
  it('a window is found by its marker, an open one before a completed one', () => {
    const incidents = [
      window('old', 'completed', 'w1', '2024-04-01T00:00:00Z'),
      window('open', 'in_progress', 'w1'),
      window('other', 'scheduled', 'w2'),
    ];
    expect(findWindow(incidents, 'w1')?.id).toBe('open');
    expect(findWindow([incidents[0]!], 'w1')?.id).toBe('old');
    expect(findWindow(incidents, 'w3')).toBeUndefined();
  });

  it('only an open, unmarked window with the same name counts as made by hand', () => {
    expect(findHandMadeWindow([window('m', 'scheduled')], 'VPN maintenance')?.id).toBe('m');
    expect(findHandMadeWindow([window('m', 'completed')], 'VPN maintenance')).toBeUndefined();
    expect(findHandMadeWindow([window('m', 'scheduled', 'w1')], 'VPN maintenance')).toBeUndefined();
  });

  it('each phase is idempotent', () => {
    expect(planMaintenance('schedule', undefined, undefined)).toMatchObject({
      kind: 'create',
      status: 'scheduled',
    });
    expect(planMaintenance('schedule', window('a', 'scheduled', 'w'), undefined)).toMatchObject({
      kind: 'nothing',
    });
    expect(planMaintenance('start', window('a', 'scheduled', 'w'), undefined)).toMatchObject({
      kind: 'update',
      status: 'in_progress',
    });
    expect(planMaintenance('start', window('a', 'in_progress', 'w'), undefined)).toMatchObject({
      kind: 'nothing',
    });
    expect(planMaintenance('complete', window('a', 'verifying', 'w'), undefined)).toMatchObject({
      kind: 'update',
      status: 'completed',
    });
    expect(planMaintenance('complete', window('a', 'completed', 'w'), undefined)).toMatchObject({
      kind: 'nothing',
    });
  });

  it('a rerun after completion opens a new window; completing nothing is refused', () => {
    expect(planMaintenance('start', window('a', 'completed', 'w'), undefined)).toMatchObject({
      kind: 'create',
      status: 'in_progress',
    });
    expect(planMaintenance('complete', undefined, undefined)).toMatchObject({
      kind: 'refuse',
      reasonCode: 'maintenance-not-found',
    });
  });

  it('the default window id is the name and the run', () => {
    expect(defaultWindowId('VPN / Git maintenance!', '4242')).toBe('vpn-git-maintenance-run-4242');
  });
});
