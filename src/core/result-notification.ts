import type { Notification, NotificationField } from './notification.js';

/**
 * A notification about a previous step, read from its `result` output (the versioned JSON every
 * release-train action writes): its outcome, message, reason code and its simple details.
 */

export interface StepResult {
  schema: 1;
  action: string;
  ok: boolean;
  reason_code: string;
  message: string;
  dry_run?: boolean;
  [detail: string]: unknown;
}

export type ResultReading = { ok: true; result: StepResult } | { ok: false; problem: string };

export function readStepResult(text: string): ResultReading {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `it is not JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: 'it is not a JSON object' };
  }
  const result = value as Record<string, unknown>;
  if (result.schema !== 1)
    return { ok: false, problem: `its schema is ${String(result.schema)}, expected 1` };
  for (const key of ['action', 'reason_code', 'message'] as const) {
    if (typeof result[key] !== 'string') return { ok: false, problem: `it has no string "${key}"` };
  }
  if (typeof result.ok !== 'boolean') return { ok: false, problem: 'it has no boolean "ok"' };
  return { ok: true, result: result as StepResult };
}

const contractKeys = new Set(['schema', 'action', 'ok', 'reason_code', 'message', 'dry_run']);
const maxDetailFields = 8;

function label(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function notificationFromResult(result: StepResult, link?: string): Notification {
  const outcome = result.ok ? 'succeeded' : 'failed';
  const fields: NotificationField[] = [];
  if (!result.ok || result.reason_code !== 'ok') fields.push({ title: 'Reason', value: result.reason_code });
  if (result.dry_run) fields.push({ title: 'Dry run', value: 'yes, nothing was changed' });
  for (const [key, value] of Object.entries(result)) {
    if (contractKeys.has(key) || fields.length >= maxDetailFields) continue;
    if (typeof value === 'string' && value !== '') fields.push({ title: label(key), value });
    else if (typeof value === 'number' || typeof value === 'boolean')
      fields.push({ title: label(key), value: String(value) });
  }
  return {
    title: `release-train ${result.action} ${outcome}${result.dry_run ? ' (dry run)' : ''}`,
    text: result.message,
    status: result.ok ? 'succeeded' : 'failed',
    fields,
    ...(link ? { url: link } : {}),
  };
}
