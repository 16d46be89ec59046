/**
 * A scheduled maintenance window on a status page (the runbook's "schedule downtime for the
 * VPN"), and what each phase does to it. Windows are found again by a marker in the incident's
 * metadata (`release_train.window`), so every phase is idempotent: scheduling twice keeps one
 * window, starting one already in progress is fine, completing a completed one does nothing.
 */

export type MaintenancePhase = 'schedule' | 'start' | 'complete';

export type WindowStatus = 'scheduled' | 'in_progress' | 'verifying' | 'completed';

export interface WindowIncident {
  id: string;
  name: string;
  status: string;
  scheduled_for?: string | null;
  scheduled_until?: string | null;
  shortlink?: string | null;
  metadata?: Record<string, unknown> | null;
  components?: { id: string; name?: string }[] | null;
  created_at?: string | null;
}

export const markerKey = 'release_train';

export function windowMarker(incident: WindowIncident): string | undefined {
  const marker = incident.metadata?.[markerKey];
  if (typeof marker !== 'object' || marker === null) return undefined;
  const window = (marker as Record<string, unknown>).window;
  return typeof window === 'string' ? window : undefined;
}

/** A window id from a name and a run: `vpn-maintenance-run-4242`. */
export function defaultWindowId(name: string, runId: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return `${slug || 'maintenance'}${runId ? `-run-${runId}` : ''}`;
}

const active = new Set(['in_progress', 'verifying']);

/** Our window by its marker: an active one first, then a scheduled one, then the newest completed. */
export function findWindow(incidents: WindowIncident[], windowId: string): WindowIncident | undefined {
  const ours = incidents.filter((incident) => windowMarker(incident) === windowId);
  const newest = (list: WindowIncident[]) =>
    [...list].sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? ''))[0];
  return (
    newest(ours.filter((incident) => active.has(incident.status))) ??
    newest(ours.filter((incident) => incident.status === 'scheduled')) ??
    newest(ours.filter((incident) => incident.status === 'completed'))
  );
}

/**
 * A window scheduled by hand on the status page (no marker) with exactly this name, still open:
 * `start` and `complete` adopt it instead of opening a second one.
 */
export function findHandMadeWindow(incidents: WindowIncident[], name: string): WindowIncident | undefined {
  return incidents.find(
    (incident) =>
      windowMarker(incident) === undefined &&
      incident.name === name &&
      (incident.status === 'scheduled' || active.has(incident.status)),
  );
}

export type MaintenanceStep =
  | { kind: 'create'; status: 'scheduled' | 'in_progress'; why: string }
  | { kind: 'update'; incident: WindowIncident; status: 'in_progress' | 'completed'; why: string }
  | { kind: 'nothing'; incident: WindowIncident; why: string }
  | { kind: 'refuse'; reasonCode: string; why: string };

export function planMaintenance(
  phase: MaintenancePhase,
  window: WindowIncident | undefined,
  handMade: WindowIncident | undefined,
): MaintenanceStep {
  switch (phase) {
    case 'schedule':
      if (window)
        return { kind: 'nothing', incident: window, why: `the window is already ${readable(window.status)}` };
      return { kind: 'create', status: 'scheduled', why: 'no window with this id yet' };
    case 'start': {
      const open = window && window.status !== 'completed' ? window : (handMade ?? undefined);
      if (open && active.has(open.status)) {
        return { kind: 'nothing', incident: open, why: `the window is already ${readable(open.status)}` };
      }
      if (open)
        return { kind: 'update', incident: open, status: 'in_progress', why: 'the scheduled window begins' };
      return {
        kind: 'create',
        status: 'in_progress',
        why: window
          ? 'the window with this id was completed; a new one opens (a rerun)'
          : 'no window was scheduled',
      };
    }
    case 'complete': {
      const open = window && window.status !== 'completed' ? window : (handMade ?? undefined);
      if (open)
        return {
          kind: 'update',
          incident: open,
          status: 'completed',
          why: `the window was ${readable(open.status)}`,
        };
      if (window) return { kind: 'nothing', incident: window, why: 'the window is already completed' };
      return {
        kind: 'refuse',
        reasonCode: 'maintenance-not-found',
        why: 'there is no window with this id (or an open one with this name) to complete',
      };
    }
  }
}

export function readable(status: string): string {
  return status.replace(/_/g, ' ');
}
