/**
 * The deploy record: what a surge changed on a group, written as tags on the group itself BEFORE
 * the first change, removed AFTER the last restore. A group carrying it is mid-deploy: a rerun
 * refuses it, and `release-train doctor --repair` reads it to put the group back exactly.
 *
 * Auto Scaling tags belong to the group (the API cannot tag instances), and each value holds at most
 * 256 characters, so the old instance ids are spread over numbered tags.
 */

export const TAG_PREFIX = 'release-train:';
export const RECORD_TAG = `${TAG_PREFIX}deploy`;
export const OLD_INSTANCES_TAG = `${TAG_PREFIX}old-instances`;
const MAX_VALUE = 256;
const IDS_PER_TAG = 12;

export interface DeployRecord {
  strategy: 'surge' | 'one-by-one';
  /** The group's desired capacity, minimum and maximum before the deploy. */
  desired: number;
  min: number;
  max: number;
  /** Processes release-train suspended (only these are resumed). */
  suspended: string[];
  /** The instances serving before the deploy, in the order they are to leave. */
  oldInstances: string[];
  /** Old instances release-train protected from scale in (only these are unprotected). */
  protectedByUs: string[];
  startedAt: string;
  /** The workflow run that started the deploy. */
  run: string;
}

export interface Tag {
  key: string;
  value: string;
}

function oldInstancesKey(index: number): string {
  return index === 0 ? OLD_INSTANCES_TAG : `${OLD_INSTANCES_TAG}:${index + 1}`;
}

export function recordTags(record: DeployRecord): Tag[] {
  const fields = [
    `strategy=${record.strategy}`,
    `desired=${record.desired}`,
    `min=${record.min}`,
    `max=${record.max}`,
    `suspended=${record.suspended.join(',')}`,
    `started=${record.startedAt}`,
  ];
  let value = fields.join(' ');
  if (record.run) value = `${value} run=${record.run}`.slice(0, MAX_VALUE);
  const protectedIds = new Set(record.protectedByUs);
  const marked = record.oldInstances.map((id) => (protectedIds.has(id) ? `+${id}` : id));
  const tags: Tag[] = [{ key: RECORD_TAG, value }];
  for (let i = 0; i * IDS_PER_TAG < marked.length || i === 0; i++) {
    tags.push({
      key: oldInstancesKey(i),
      value: marked.slice(i * IDS_PER_TAG, (i + 1) * IDS_PER_TAG).join(' '),
    });
  }
  return tags;
}

export type RecordReading =
  | { found: false }
  | { found: true; record: DeployRecord }
  | { found: true; problem: string };

export function readRecord(tags: Record<string, string>): RecordReading {
  const value = tags[RECORD_TAG];
  if (value === undefined) {
    return recordTagKeys(tags).length > 0
      ? { found: true, problem: `tags ${recordTagKeys(tags).join(', ')} without ${RECORD_TAG}` }
      : { found: false };
  }
  const fields = new Map<string, string>();
  for (const part of value.split(' ')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at), part.slice(at + 1));
  }
  const number = (name: string) => {
    const text = fields.get(name);
    return text !== undefined && /^\d+$/.test(text) ? Number.parseInt(text, 10) : undefined;
  };
  const strategy = fields.get('strategy');
  const desired = number('desired');
  const min = number('min');
  const max = number('max');
  if (
    (strategy !== 'surge' && strategy !== 'one-by-one') ||
    desired === undefined ||
    min === undefined ||
    max === undefined
  ) {
    return { found: true, problem: `${RECORD_TAG} is unreadable: "${value}"` };
  }
  const marked: string[] = [];
  for (let i = 0; tags[oldInstancesKey(i)] !== undefined; i++) {
    marked.push(...tags[oldInstancesKey(i)]!.split(' ').filter((id) => id !== ''));
  }
  return {
    found: true,
    record: {
      strategy,
      desired,
      min,
      max,
      suspended: (fields.get('suspended') ?? '').split(',').filter((name) => name !== ''),
      oldInstances: marked.map((id) => id.replace(/^\+/, '')),
      protectedByUs: marked.filter((id) => id.startsWith('+')).map((id) => id.slice(1)),
      startedAt: fields.get('started') ?? '',
      run: fields.get('run') ?? '',
    },
  };
}

/** Every tag release-train wrote on the group (what a finished deploy deletes). */
export function recordTagKeys(tags: Record<string, string>): string[] {
  return Object.keys(tags)
    .filter((key) => key.startsWith(TAG_PREFIX))
    .sort();
}
