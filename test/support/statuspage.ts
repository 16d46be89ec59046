import {
  check,
  type LocalServer,
  type ReceivedRequest,
  type Reply,
  startLocalServer,
} from './local-server.js';

/**
 * A stateful emulator of the Statuspage incidents endpoints used by the maintenance action, on
 * 127.0.0.1. Every request is checked (method, path, `Authorization: OAuth KEY`, body shape);
 * `faults` answers the next matching requests with an error instead.
 */

export interface EmulatedIncident {
  id: string;
  name: string;
  status: string;
  impact: string;
  scheduled_for: string | null;
  scheduled_until: string | null;
  shortlink: string;
  metadata: Record<string, unknown>;
  components: { id: string; name: string; status: string }[];
  incident_updates: { status: string; body: string; deliver_notifications: boolean }[];
  created_at: string;
}

export interface StatuspageEmulator {
  url: string;
  server: LocalServer;
  incidents: EmulatedIncident[];
  components: Record<string, string>;
  /** Writes (POST/PATCH) received. */
  writes(): ReceivedRequest[];
  fault(method: string, reply: Reply): void;
  close(): Promise<void>;
}

const statuses = ['scheduled', 'in_progress', 'verifying', 'completed'];

export async function startStatuspage(pageId: string, apiKey: string): Promise<StatuspageEmulator> {
  const incidents: EmulatedIncident[] = [];
  const components: Record<string, string> = { cmp_vpn: 'operational', cmp_git: 'operational' };
  const faults: { method: string; reply: Reply }[] = [];
  let clock = Date.parse('2024-05-01T10:00:00Z');
  const prefix = `/v1/pages/${pageId}`;

  const applyComponents = (incident: EmulatedIncident, body: Record<string, unknown>) => {
    const ids = body.component_ids as string[] | undefined;
    const states = (body.components ?? {}) as Record<string, string>;
    for (const id of ids ?? []) {
      check(`component ${id}`, id in components, true);
      if (!incident.components.some((component) => component.id === id))
        incident.components.push({ id, name: id, status: components[id]! });
    }
    for (const [id, state] of Object.entries(states)) {
      check(`component status ${state}`, ['operational', 'under_maintenance'].includes(state), true);
      components[id] = state;
      for (const component of incident.components) if (component.id === id) component.status = state;
    }
  };

  const server = await startLocalServer((request) => {
    check('authorization', request.headers.authorization, `OAuth ${apiKey}`);
    const fault = faults.findIndex((entry) => entry.method === request.method);
    if (fault !== -1) return faults.splice(fault, 1)[0]!.reply;
    const path = request.path;
    if (!path.startsWith(prefix)) throw new Error(`unknown page in ${path}`);
    const rest = path.slice(prefix.length);
    if (request.method === 'GET' && rest === '/incidents/scheduled') {
      return { body: incidents.filter((incident) => incident.status === 'scheduled') };
    }
    if (request.method === 'GET' && rest === '/incidents/active_maintenance') {
      return { body: incidents.filter((incident) => ['in_progress', 'verifying'].includes(incident.status)) };
    }
    if (request.method === 'GET' && rest === '/incidents') {
      const q = (request.query.get('q') ?? '').toLowerCase();
      return { body: incidents.filter((incident) => incident.name.toLowerCase().includes(q)).reverse() };
    }
    if (request.method === 'POST' && rest === '/incidents') {
      check('content-type', request.headers['content-type'], 'application/json');
      const body = (request.json as { incident: Record<string, unknown> }).incident;
      check('status', statuses.includes(body.status as string), true);
      check('impact_override', body.impact_override, 'maintenance');
      for (const key of ['name', 'scheduled_for', 'scheduled_until', 'body'])
        check(`${key} is a string`, typeof body[key], 'string');
      clock += 1000;
      const id = `inc${incidents.length + 1}`;
      const incident: EmulatedIncident = {
        id,
        name: body.name as string,
        status: body.status as string,
        impact: 'maintenance',
        scheduled_for: body.scheduled_for as string,
        scheduled_until: body.scheduled_until as string,
        shortlink: `https://stspg.io/${id}`,
        metadata: (body.metadata ?? {}) as Record<string, unknown>,
        components: [],
        incident_updates: [
          {
            status: body.status as string,
            body: body.body as string,
            deliver_notifications: body.deliver_notifications !== false,
          },
        ],
        created_at: new Date(clock).toISOString(),
      };
      applyComponents(incident, body);
      incidents.push(incident);
      return { status: 201, body: incident };
    }
    const patch = /^\/incidents\/([a-z0-9]+)$/.exec(rest);
    if (request.method === 'PATCH' && patch) {
      const incident = incidents.find((entry) => entry.id === patch[1]);
      if (!incident) return { status: 404, body: { error: 'not found' } };
      const body = (request.json as { incident: Record<string, unknown> }).incident;
      check('status', statuses.includes(body.status as string), true);
      incident.status = body.status as string;
      incident.incident_updates.push({
        status: incident.status,
        body: String(body.body ?? ''),
        deliver_notifications: body.deliver_notifications !== false,
      });
      applyComponents(incident, body);
      return { body: incident };
    }
    throw new Error(`unexpected ${request.method} ${path}`);
  });

  return {
    url: `${server.url}/v1`,
    server,
    incidents,
    components,
    writes: () => server.requests.filter((request) => request.method !== 'GET'),
    fault: (method, reply) => faults.push({ method, reply }),
    close: () => server.close(),
  };
}
