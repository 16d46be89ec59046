import { notFound, validationFailed } from './api-error.js';
import type { EmulatorContext, Repository } from './context.js';
import type { IssueEventRecord, IssueRecord, LabelRecord } from './state.js';

/**
 * What happens to issues and pull requests, with the events GitHub records for it: labels
 * applied and removed (with their actor), closing and reopening, renames, comments, and
 * cross-references from other issues' text.
 */

export function findIssue(repo: Repository, number: number): IssueRecord {
  const issue = Number.isInteger(number) ? repo.state.issues.get(number) : undefined;
  if (!issue) throw notFound();
  return issue;
}

/** A new open issue (or the issue half of a new pull request), numbered in the repository's sequence. */
export function newIssue(
  ctx: EmulatorContext,
  repo: Repository,
  fields: { title: string; body: unknown; user: string },
): IssueRecord {
  const now = ctx.state.now();
  return {
    id: ctx.state.nextId(),
    number: repo.state.nextNumber++,
    title: fields.title.trim(),
    body: typeof fields.body === 'string' ? fields.body : null,
    state: 'open',
    stateReason: null,
    user: fields.user,
    labelIds: [],
    assignees: [],
    locked: false,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closedBy: null,
  };
}

export function issueNumber(value: string | undefined): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw notFound();
  return number;
}

export function findLabel(repo: Repository, name: string): LabelRecord | undefined {
  const wanted = name.toLowerCase();
  return repo.state.labels.find((label) => label.name.toLowerCase() === wanted);
}

const COLOR = /^[0-9a-fA-F]{6}$/;

export function normalizeColor(color: unknown, fallback: string): string {
  if (color === undefined || color === null) return fallback;
  const value = String(color).replace(/^#/, '');
  if (!COLOR.test(value)) throw validationFailed({ resource: 'Label', code: 'invalid', field: 'color' });
  return value.toLowerCase();
}

export function createLabel(
  ctx: EmulatorContext,
  repo: Repository,
  name: string,
  color: string,
  description: string | null,
): LabelRecord {
  if (findLabel(repo, name))
    throw validationFailed({ resource: 'Label', code: 'already_exists', field: 'name' });
  const label: LabelRecord = { id: ctx.state.nextId(), name, color, description };
  repo.state.labels.push(label);
  return label;
}

/** A label by name; adding an unknown label to an issue creates it, as GitHub does. */
function labelForIssue(ctx: EmulatorContext, repo: Repository, name: string): LabelRecord {
  return findLabel(repo, name) ?? createLabel(ctx, repo, name, 'ededed', null);
}

export function recordEvent(
  ctx: EmulatorContext,
  repo: Repository,
  issue: IssueRecord,
  event: Omit<IssueEventRecord, 'id' | 'issueNumber' | 'createdAt'>,
): IssueEventRecord {
  const record: IssueEventRecord = {
    id: ctx.state.nextId(),
    issueNumber: issue.number,
    createdAt: ctx.state.now(),
    ...event,
  };
  repo.state.events.push(record);
  return record;
}

function touch(ctx: EmulatorContext, issue: IssueRecord) {
  issue.updatedAt = ctx.state.now();
}

/** Label names as requests give them: ["a"], [{name: "a"}], or a single string. */
export function labelNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((entry) => {
    const name = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : entry;
    if (typeof name !== 'string' || name.trim() === '') {
      throw validationFailed({ resource: 'Label', code: 'invalid', field: 'name' });
    }
    return name.trim();
  });
}

export function addLabels(
  ctx: EmulatorContext,
  repo: Repository,
  issue: IssueRecord,
  names: string[],
  actor: string,
) {
  for (const name of names) {
    const label = labelForIssue(ctx, repo, name);
    if (issue.labelIds.includes(label.id)) continue;
    issue.labelIds.push(label.id);
    recordEvent(ctx, repo, issue, {
      event: 'labeled',
      actor,
      label: { name: label.name, color: label.color },
    });
    touch(ctx, issue);
  }
}

export function removeLabel(
  ctx: EmulatorContext,
  repo: Repository,
  issue: IssueRecord,
  label: LabelRecord,
  actor: string,
) {
  if (!issue.labelIds.includes(label.id)) return false;
  issue.labelIds = issue.labelIds.filter((id) => id !== label.id);
  recordEvent(ctx, repo, issue, {
    event: 'unlabeled',
    actor,
    label: { name: label.name, color: label.color },
  });
  touch(ctx, issue);
  return true;
}

/** Replaces the labels: removes those not named, adds the new ones (events for each change). */
export function setLabels(
  ctx: EmulatorContext,
  repo: Repository,
  issue: IssueRecord,
  names: string[],
  actor: string,
) {
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  for (const id of [...issue.labelIds]) {
    const label = repo.state.labels.find((candidate) => candidate.id === id);
    if (label && !wanted.has(label.name.toLowerCase())) removeLabel(ctx, repo, issue, label, actor);
  }
  addLabels(ctx, repo, issue, names, actor);
}

export function closeIssue(
  ctx: EmulatorContext,
  repo: Repository,
  issue: IssueRecord,
  actor: string,
  reason: IssueRecord['stateReason'] = 'completed',
  commitId: string | null = null,
) {
  if (issue.state === 'closed') return;
  issue.state = 'closed';
  issue.stateReason = issue.pull ? null : reason;
  issue.closedAt = ctx.state.now();
  issue.closedBy = actor;
  recordEvent(ctx, repo, issue, {
    event: 'closed',
    actor,
    commitId,
    stateReason: issue.pull ? null : reason,
  });
  touch(ctx, issue);
}

export function reopenIssue(ctx: EmulatorContext, repo: Repository, issue: IssueRecord, actor: string) {
  if (issue.state === 'open') return;
  issue.state = 'open';
  issue.stateReason = issue.pull ? null : 'reopened';
  issue.closedAt = null;
  issue.closedBy = null;
  recordEvent(ctx, repo, issue, { event: 'reopened', actor, stateReason: issue.pull ? null : 'reopened' });
  touch(ctx, issue);
}

export function renameIssue(
  ctx: EmulatorContext,
  repo: Repository,
  issue: IssueRecord,
  title: string,
  actor: string,
) {
  if (issue.title === title) return;
  recordEvent(ctx, repo, issue, { event: 'renamed', actor, rename: { from: issue.title, to: title } });
  issue.title = title;
  touch(ctx, issue);
}

export function addComment(
  ctx: EmulatorContext,
  repo: Repository,
  issue: IssueRecord,
  body: string,
  actor: string,
) {
  const now = ctx.state.now();
  const comment = {
    id: ctx.state.nextId(),
    issueNumber: issue.number,
    user: actor,
    body,
    createdAt: now,
    updatedAt: now,
  };
  repo.state.comments.push(comment);
  touch(ctx, issue);
  recordReferences(ctx, repo, issue, body, actor);
  return comment;
}

/**
 * The issues a text refers to: `#12`, `owner/repo#12`, and issue or pull request URLs on the
 * emulated server. (Closing keywords are a subset of these; GitHub links every reference.)
 */
export function referencesIn(
  text: string | null | undefined,
  repo: { owner: string; name: string },
  serverUrl: string,
  options: { closing?: boolean } = {},
): Array<{ owner: string; repo: string; number: number }> {
  if (!text) return [];
  const found: Array<{ owner: string; repo: string; number: number }> = [];
  const server = serverUrl.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // GitHub's closing keywords: "fixes #12", "Closes: owner/repo#3", "resolved <issue URL>".
  const keyword = options.closing ? '\\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\\s+' : '';
  const pattern = (source: string) => new RegExp(`${keyword}${source}`, options.closing ? 'gi' : 'g');
  const patterns: Array<
    [RegExp, (match: RegExpExecArray) => { owner: string; repo: string; number: number }]
  > = [
    [
      pattern(`${server}/([\\w.-]+)/([\\w.-]+)/(?:issues|pull)/(\\d+)`),
      (m) => ({ owner: m[1]!, repo: m[2]!, number: Number(m[3]) }),
    ],
    [
      pattern('(?<![\\w/])([\\w.-]+)/([\\w.-]+)#(\\d+)\\b'),
      (m) => ({ owner: m[1]!, repo: m[2]!, number: Number(m[3]) }),
    ],
    [
      pattern('(?<![\\w/#])#(\\d+)\\b'),
      (m) => ({ owner: repo.owner, repo: repo.name, number: Number(m[1]) }),
    ],
  ];
  let remaining = text;
  for (const [regex, read] of patterns) {
    for (const match of remaining.matchAll(regex)) found.push(read(match as RegExpExecArray));
    remaining = remaining.replace(regex, ' ');
  }
  const seen = new Set<string>();
  return found.filter((reference) => {
    const key = `${reference.owner}/${reference.repo}#${reference.number}`.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Records a cross-referenced event on every issue `text` mentions (once per source). */
export function recordReferences(
  ctx: EmulatorContext,
  repo: Repository,
  source: IssueRecord,
  text: string | null | undefined,
  actor: string,
) {
  for (const reference of referencesIn(text, repo, ctx.serverUrl)) {
    const targetRepo = ctx.findRepository(reference.owner, reference.repo);
    const target = targetRepo?.state.issues.get(reference.number);
    if (!targetRepo || !target) continue;
    if (targetRepo.state === repo.state && target.number === source.number) continue;
    const already = targetRepo.state.events.some(
      (event) =>
        event.event === 'cross-referenced' &&
        event.issueNumber === target.number &&
        event.source?.number === source.number &&
        event.source.owner.toLowerCase() === repo.owner.toLowerCase() &&
        event.source.repo.toLowerCase() === repo.name.toLowerCase(),
    );
    if (already) continue;
    recordEvent(ctx, targetRepo, target, {
      event: 'cross-referenced',
      actor,
      source: { owner: repo.owner, repo: repo.name, number: source.number },
      timelineOnly: true,
    });
  }
}

/**
 * Merging into the default branch closes the issues the pull request closes: those its body
 * names with a closing keyword, and those linked to it in the sidebar (connected).
 */
export function closeLinkedIssues(
  ctx: EmulatorContext,
  repo: Repository,
  pull: IssueRecord,
  actor: string,
  commitId: string,
) {
  const targets = referencesIn(pull.body, repo, ctx.serverUrl, { closing: true });
  for (const event of repo.state.events) {
    if (event.event === 'connected' && event.issueNumber === pull.number && event.source)
      targets.push(event.source);
  }
  for (const reference of targets) {
    const targetRepo = ctx.findRepository(reference.owner, reference.repo);
    const target = targetRepo?.state.issues.get(reference.number);
    if (!targetRepo || !target || target.pull || target.state === 'closed') continue;
    closeIssue(ctx, targetRepo, target, actor, 'completed', commitId);
  }
}
