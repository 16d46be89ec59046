import { z } from 'zod';
import { ReleaseTrainError } from '../../action/failure.js';
import { booleanInput, durationInput, listInput } from '../../action/input-types.js';
import { blocks, table } from '../../action/markdown.js';
import type { ActionOutcome } from '../../action/result.js';
import type { ActionDefinition } from '../../action/run-action.js';
import {
  defaultWindowId,
  findHandMadeWindow,
  findWindow,
  type MaintenanceStep,
  markerKey,
  planMaintenance,
  readable,
  type WindowIncident,
} from '../../core/maintenance-window.js';
import { type IncidentFields, StatuspageClient } from '../../statuspage/client.js';

const inputs = z.object({
  phase: z.enum(['schedule', 'start', 'complete']),
  'page-id': z.string().regex(/^[A-Za-z0-9]+$/, { message: 'expected a Statuspage page id' }),
  'api-key': z.string().min(1),
  'api-url': z.url({ protocol: /^https?$/ }).default('https://api.statuspage.io/v1'),
  name: z.string().min(1).max(200),
  'window-id': z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, { message: 'letters, digits, ".", "-" and "_" only' })
    .optional(),
  'component-ids': listInput.optional(),
  'starts-at': z.iso.datetime({ offset: true }).optional(),
  duration: durationInput.default(3_600_000),
  message: z.string().optional(),
  'notify-subscribers': booleanInput.default(true),
  'dry-run': booleanInput.default(false),
});

type Inputs = z.output<typeof inputs>;

const defaultMessages = {
  schedule: 'Scheduled maintenance.',
  start: 'Maintenance is in progress.',
  complete: 'Maintenance is complete.',
};

export const maintenanceAction: ActionDefinition<typeof inputs> = {
  name: 'maintenance',
  inputs,
  secrets: ['api-key'],
  async main({ inputs, runner, log }): Promise<ActionOutcome> {
    const now = currentTime();
    const windowId = inputs['window-id'] ?? defaultWindowId(inputs.name, runner.runId);
    const statuspage = new StatuspageClient({
      apiUrl: inputs['api-url'],
      apiKey: inputs['api-key'],
      pageId: inputs['page-id'],
      log: (line) => log.warning(line),
    });
    // 1. find the window this id (or, for a hand-made one, this name) already has
    const candidates = await statuspage.windowCandidates(inputs.name);
    const window = findWindow(candidates, windowId);
    const handMade = findHandMadeWindow(candidates, inputs.name);
    // 2. decide: create it, move it on, or leave it as it is
    const step = planMaintenance(inputs.phase, window, handMade);
    if (step.kind === 'refuse') {
      throw new ReleaseTrainError(
        step.reasonCode,
        `Cannot ${inputs.phase} maintenance "${inputs.name}" (window ${windowId}): ${step.why}. Nothing was changed on the status page. ` +
          'Give the `window-id` the schedule or start step used.',
        { window_id: windowId },
      );
    }
    const fields = step.kind === 'nothing' ? undefined : incidentFields(step, inputs, windowId, now);
    // 3. dry run: say what would change
    if (inputs['dry-run']) {
      return outcome(
        inputs,
        windowId,
        step,
        step.kind === 'nothing' ? step.incident : undefined,
        fields,
        true,
        statuspage.requests,
      );
    }
    // 4. write it (one request), then report
    let incident: WindowIncident | undefined;
    if (step.kind === 'create') incident = await statuspage.createIncident(fields!);
    else if (step.kind === 'update') incident = await statuspage.updateIncident(step.incident.id, fields!);
    else incident = step.incident;
    return outcome(inputs, windowId, step, incident, fields, false, statuspage.requests);
  },
};

function currentTime(): Date {
  const fixed = process.env.RELEASE_TRAIN_NOW;
  if (fixed) {
    const parsed = new Date(fixed);
    if (Number.isNaN(parsed.getTime()))
      throw new ReleaseTrainError('bad-input', `RELEASE_TRAIN_NOW="${fixed}" is not a time.`);
    return parsed;
  }
  return new Date();
}

function incidentFields(
  step: Exclude<MaintenanceStep, { kind: 'refuse' | 'nothing' }>,
  inputs: Inputs,
  windowId: string,
  now: Date,
): IncidentFields {
  const body = inputs.message ?? defaultMessages[inputs.phase];
  const componentIds =
    inputs['component-ids'] ??
    (step.kind === 'update' ? (step.incident.components ?? []).map((component) => component.id) : []);
  const componentStatus = step.status === 'completed' ? 'operational' : 'under_maintenance';
  const components =
    step.status === 'scheduled'
      ? undefined
      : Object.fromEntries(componentIds.map((id) => [id, componentStatus]));
  if (step.kind === 'update') {
    return {
      status: step.status,
      body,
      deliver_notifications: inputs['notify-subscribers'],
      ...(componentIds.length > 0 && { component_ids: componentIds, components }),
    };
  }
  const startsAt = step.status === 'scheduled' && inputs['starts-at'] ? new Date(inputs['starts-at']) : now;
  return {
    name: inputs.name,
    status: step.status,
    impact_override: 'maintenance',
    scheduled_for: startsAt.toISOString(),
    scheduled_until: new Date(startsAt.getTime() + inputs.duration).toISOString(),
    // release-train moves the window itself; Statuspage must not start or end it on the clock.
    scheduled_auto_in_progress: false,
    scheduled_auto_completed: false,
    scheduled_remind_prior: step.status === 'scheduled',
    body,
    deliver_notifications: inputs['notify-subscribers'],
    metadata: { [markerKey]: { window: windowId } },
    ...(componentIds.length > 0 && { component_ids: componentIds, ...(components && { components }) }),
  };
}

function outcome(
  inputs: Inputs,
  windowId: string,
  step: Exclude<MaintenanceStep, { kind: 'refuse' }>,
  incident: WindowIncident | undefined,
  fields: IncidentFields | undefined,
  dryRun: boolean,
  requests: number,
): ActionOutcome {
  const before = step.kind === 'create' ? '(none)' : readable(step.incident.status);
  const after = step.kind === 'nothing' ? before : readable(step.status);
  const did =
    step.kind === 'create'
      ? `${dryRun ? 'would create' : 'created'} the window as ${readable(step.status)}`
      : step.kind === 'update'
        ? `${dryRun ? 'would move' : 'moved'} the window from ${before} to ${after}`
        : 'left the window as it is';
  const link = incident?.shortlink ? ` (${incident.shortlink})` : '';
  const message = `Maintenance "${inputs.name}" (window ${windowId}): ${did}, since ${step.why}.${link}${dryRun ? ' Nothing was changed.' : ''}`;
  const scheduledFor = fields?.scheduled_for ?? incident?.scheduled_for ?? '';
  const scheduledUntil = fields?.scheduled_until ?? incident?.scheduled_until ?? '';
  const components = fields?.component_ids ?? (incident?.components ?? []).map((component) => component.id);
  return {
    ok: true,
    reasonCode: dryRun ? 'dry-run' : step.kind === 'nothing' ? 'already-done' : 'ok',
    message,
    summary: blocks(
      table(
        ['Window', 'Status', 'Change', 'Scheduled', 'Components'],
        [
          [
            `${inputs.name}${incident?.shortlink ? ` ([link](${incident.shortlink}))` : ''}<br>\`${windowId}\``,
            before === after ? after : `${before} → ${after}`,
            did,
            scheduledFor ? `${scheduledFor} → ${scheduledUntil}` : '',
            components.join(', '),
          ],
        ],
      ),
      `${requests} Statuspage request(s).`,
    ),
    details: {
      phase: inputs.phase,
      window_id: windowId,
      incident_id: incident?.id ?? null,
      status: step.kind === 'nothing' ? step.incident.status : step.status,
      change: step.kind,
    },
    outputs: { 'incident-id': incident?.id ?? '', 'window-id': windowId },
  };
}
