import { forbidden, notFound, validationFailed } from '../api-error.js';
import type { EmulatorContext, Repository } from '../context.js';
import {
  addComment,
  addLabels,
  closeIssue,
  createLabel,
  findIssue,
  findLabel,
  issueNumber,
  labelNames,
  newIssue,
  normalizeColor,
  recordReferences,
  removeLabel,
  renameIssue,
  reopenIssue,
  setLabels,
} from '../issue-activity.js';
import { direction, paginate } from '../pagination.js';
import { atLeast } from '../permissions.js';
import { isPull, pullCommits, syncPull } from '../pull-requests.js';
import * as json from '../representations.js';
import { type EmulatorRequest, route } from '../router.js';
import type { IssueEventRecord, IssueRecord } from '../state.js';
import { ok, repoOf } from './repos.js';

/** Issues, labels, comments, issue events and the timeline. */

function issueOf(repo: Repository, request: EmulatorRequest): IssueRecord {
  return findIssue(repo, issueNumber(request.params.issue_number));
}

function canTriage(ctx: EmulatorContext, repo: Repository, login: string | undefined) {
  return atLeast(ctx.roleOf(repo, login), 'triage');
}

const LABEL_REFUSAL = 'Must have triage access to add or remove labels on issues and pull requests';

function requireTriage(ctx: EmulatorContext, repo: Repository, request: EmulatorRequest): string {
  return ctx.requireRole(repo, request.user, 'triage', LABEL_REFUSAL);
}

function requireWrite(
  ctx: EmulatorContext,
  repo: Repository,
  request: EmulatorRequest,
  what: string,
): string {
  return ctx.requireRole(repo, request.user, 'write', `Must have push access to ${what}`);
}

function since(request: EmulatorRequest): Date | undefined {
  const value = request.query.get('since');
  return value ? new Date(value) : undefined;
}

function sortIssues(issues: IssueRecord[], repo: Repository, sort: string, order: 'asc' | 'desc') {
  const comments = (issue: IssueRecord) =>
    repo.state.comments.filter((c) => c.issueNumber === issue.number).length;
  const key = (issue: IssueRecord) =>
    sort === 'updated'
      ? issue.updatedAt.getTime()
      : sort === 'comments'
        ? comments(issue)
        : issue.createdAt.getTime();
  const sorted = [...issues].sort((a, b) => key(a) - key(b) || a.number - b.number);
  return order === 'asc' ? sorted : sorted.reverse();
}

/** An event as GET issues/{n}/timeline shows it. */
async function timelineEvent(ctx: EmulatorContext, repo: Repository, event: IssueEventRecord) {
  if (event.event === 'cross-referenced' && event.source) {
    const sourceRepo = ctx.findRepository(event.source.owner, event.source.repo);
    const sourceIssue = sourceRepo?.state.issues.get(event.source.number);
    if (!sourceRepo || !sourceIssue) return undefined;
    return {
      event: 'cross-referenced',
      actor: json.user(ctx, event.actor),
      created_at: json.timestamp(event.createdAt),
      updated_at: json.timestamp(event.createdAt),
      source: {
        type: 'issue',
        issue: {
          ...json.issue(ctx, sourceRepo, sourceIssue),
          repository: json.repository(ctx, sourceRepo, await sourceRepo.git.defaultBranch()),
        },
      },
    };
  }
  return json.issueEvent(ctx, repo, event);
}

export const issueRoutes = [
  route('POST', '/repos/{owner}/{repo}/issues', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const actor = ctx.requireUser(request.user);
    const body = request.body ?? {};
    const title = typeof body.title === 'number' ? String(body.title) : body.title;
    if (typeof title !== 'string' || !title.trim()) {
      throw validationFailed({ resource: 'Issue', code: 'missing_field', field: 'title' });
    }
    const issue = newIssue(ctx, repo, { title, body: body.body, user: actor });
    repo.state.issues.set(issue.number, issue);
    // GitHub silently drops labels and assignees from people who cannot triage.
    if (canTriage(ctx, repo, actor)) {
      addLabels(ctx, repo, issue, labelNames(body.labels), actor);
      if (Array.isArray(body.assignees)) issue.assignees = body.assignees.map(String);
    }
    recordReferences(ctx, repo, issue, issue.body, actor);
    return { status: 201, body: json.issue(ctx, repo, issue) };
  }),

  route('GET', '/repos/{owner}/{repo}/issues', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const state = request.query.get('state') ?? 'open';
    const labels = (request.query.get('labels') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean);
    const creator = request.query.get('creator')?.toLowerCase();
    const after = since(request);
    const matching = [...repo.state.issues.values()].filter((issue) => {
      if (state !== 'all' && issue.state !== state) return false;
      if (creator && issue.user.toLowerCase() !== creator) return false;
      if (after && issue.updatedAt < after) return false;
      const names = json.issueLabels(ctx, repo, issue).map((label) => label.name.toLowerCase());
      return labels.every((name) => names.includes(name));
    });
    const sort = request.query.get('sort') ?? 'created';
    const page = paginate(
      sortIssues(matching, repo, sort, direction(request.query, 'desc')),
      request.url,
      request.query,
    );
    return ok(
      page.items.map((issue) => json.issue(ctx, repo, issue)),
      page.headers,
    );
  }),

  route('GET', '/repos/{owner}/{repo}/issues/events', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const events = repo.state.events.filter((event) => !event.timelineOnly).reverse();
    const page = paginate(events, request.url, request.query);
    return ok(
      page.items.map((event) => ({
        ...json.issueEvent(ctx, repo, event),
        issue: json.issue(ctx, repo, repo.state.issues.get(event.issueNumber)!),
      })),
      page.headers,
    );
  }),

  route('GET', '/repos/{owner}/{repo}/issues/comments', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const after = since(request);
    const comments = repo.state.comments.filter((comment) => !after || comment.updatedAt >= after);
    const ordered = direction(request.query, 'asc') === 'asc' ? comments : [...comments].reverse();
    const page = paginate(ordered, request.url, request.query);
    return ok(
      page.items.map((comment) => json.comment(ctx, repo, comment)),
      page.headers,
    );
  }),

  route('GET', '/repos/{owner}/{repo}/issues/comments/{comment_id}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const comment = repo.state.comments.find((c) => c.id === Number(request.params.comment_id));
    if (!comment) throw notFound();
    return ok(json.comment(ctx, repo, comment));
  }),

  route('PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const actor = ctx.requireUser(request.user);
    const comment = repo.state.comments.find((c) => c.id === Number(request.params.comment_id));
    if (!comment) throw notFound();
    if (comment.user.toLowerCase() !== actor.toLowerCase() && !atLeast(ctx.roleOf(repo, actor), 'write')) {
      throw forbidden("Must have push access to edit other people's comments");
    }
    if (typeof request.body?.body !== 'string') {
      throw validationFailed({ resource: 'IssueComment', code: 'missing_field', field: 'body' });
    }
    comment.body = request.body.body;
    comment.updatedAt = ctx.state.now();
    return ok(json.comment(ctx, repo, comment));
  }),

  route('DELETE', '/repos/{owner}/{repo}/issues/comments/{comment_id}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const actor = ctx.requireUser(request.user);
    const index = repo.state.comments.findIndex((c) => c.id === Number(request.params.comment_id));
    if (index < 0) throw notFound();
    const comment = repo.state.comments[index]!;
    if (comment.user.toLowerCase() !== actor.toLowerCase() && !atLeast(ctx.roleOf(repo, actor), 'write')) {
      throw forbidden("Must have push access to delete other people's comments");
    }
    repo.state.comments.splice(index, 1);
    return { status: 204 };
  }),

  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    return ok(json.issue(ctx, repo, issueOf(repo, request)));
  }),

  route('PATCH', '/repos/{owner}/{repo}/issues/{issue_number}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const issue = issueOf(repo, request);
    const actor = ctx.requireUser(request.user);
    const triage = canTriage(ctx, repo, actor);
    if (!triage && actor.toLowerCase() !== issue.user.toLowerCase()) {
      throw forbidden('Must have triage access to edit issues opened by others');
    }
    const body = request.body ?? {};
    if (body.title !== undefined && body.title !== null) {
      const title = String(body.title).trim();
      if (!title) throw validationFailed({ resource: 'Issue', code: 'missing_field', field: 'title' });
      renameIssue(ctx, repo, issue, title, actor);
    }
    if (body.body !== undefined) {
      issue.body = body.body;
      recordReferences(ctx, repo, issue, issue.body, actor);
    }
    if (body.state !== undefined) {
      if (body.state === 'closed') {
        if (isPull(issue) && issue.state === 'open') {
          await syncPull(ctx, repo, issue);
          issue.pull.commits = await pullCommits(repo, issue);
        }
        closeIssue(
          ctx,
          repo,
          issue,
          actor,
          body.state_reason === 'not_planned' ? 'not_planned' : 'completed',
        );
      } else if (body.state === 'open') {
        if (issue.pull?.merged) {
          throw validationFailed({
            resource: 'Issue',
            code: 'custom',
            field: 'state',
            message: 'state cannot be changed.',
          });
        }
        reopenIssue(ctx, repo, issue, actor);
      } else {
        throw validationFailed({ resource: 'Issue', code: 'invalid', field: 'state' });
      }
    }
    if (triage && body.labels !== undefined) setLabels(ctx, repo, issue, labelNames(body.labels), actor);
    if (triage && Array.isArray(body.assignees)) issue.assignees = body.assignees.map(String);
    issue.updatedAt = ctx.state.now();
    return ok(json.issue(ctx, repo, issue));
  }),

  route('GET', '/repos/{owner}/{repo}/labels', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const page = paginate(repo.state.labels, request.url, request.query);
    return ok(
      page.items.map((label) => json.label(ctx, repo, label)),
      page.headers,
    );
  }),

  route('POST', '/repos/{owner}/{repo}/labels', (request, ctx) => {
    const repo = repoOf(request, ctx);
    requireWrite(ctx, repo, request, 'create labels');
    const body = request.body ?? {};
    if (typeof body.name !== 'string' || !body.name.trim()) {
      throw validationFailed({ resource: 'Label', code: 'missing_field', field: 'name' });
    }
    const description = typeof body.description === 'string' ? body.description : null;
    const label = createLabel(ctx, repo, body.name.trim(), normalizeColor(body.color, 'ededed'), description);
    return { status: 201, body: json.label(ctx, repo, label) };
  }),

  route('GET', '/repos/{owner}/{repo}/labels/{name}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const label = findLabel(repo, request.params.name!);
    if (!label) throw notFound();
    return ok(json.label(ctx, repo, label));
  }),

  route('PATCH', '/repos/{owner}/{repo}/labels/{name}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    requireWrite(ctx, repo, request, 'update labels');
    const label = findLabel(repo, request.params.name!);
    if (!label) throw notFound();
    const body = request.body ?? {};
    if (typeof body.new_name === 'string' && body.new_name.trim()) {
      const other = findLabel(repo, body.new_name.trim());
      if (other && other !== label)
        throw validationFailed({ resource: 'Label', code: 'already_exists', field: 'name' });
      label.name = body.new_name.trim();
    }
    label.color = normalizeColor(body.color, label.color);
    if (body.description !== undefined) label.description = body.description;
    return ok(json.label(ctx, repo, label));
  }),

  route('DELETE', '/repos/{owner}/{repo}/labels/{name}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    requireWrite(ctx, repo, request, 'delete labels');
    const label = findLabel(repo, request.params.name!);
    if (!label) throw notFound();
    repo.state.labels = repo.state.labels.filter((candidate) => candidate !== label);
    for (const issue of repo.state.issues.values())
      issue.labelIds = issue.labelIds.filter((id) => id !== label.id);
    return { status: 204 };
  }),

  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/labels', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const page = paginate(json.issueLabels(ctx, repo, issueOf(repo, request)), request.url, request.query);
    return ok(page.items, page.headers);
  }),

  route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/labels', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const issue = issueOf(repo, request);
    const actor = requireTriage(ctx, repo, request);
    const names = labelNames(Array.isArray(request.body) ? request.body : request.body?.labels);
    addLabels(ctx, repo, issue, names, actor);
    return ok(json.issueLabels(ctx, repo, issue));
  }),

  route('PUT', '/repos/{owner}/{repo}/issues/{issue_number}/labels', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const issue = issueOf(repo, request);
    const actor = requireTriage(ctx, repo, request);
    setLabels(
      ctx,
      repo,
      issue,
      labelNames(Array.isArray(request.body) ? request.body : request.body?.labels),
      actor,
    );
    return ok(json.issueLabels(ctx, repo, issue));
  }),

  route('DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/labels', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const issue = issueOf(repo, request);
    const actor = requireTriage(ctx, repo, request);
    setLabels(ctx, repo, issue, [], actor);
    return { status: 204 };
  }),

  route('DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const issue = issueOf(repo, request);
    const actor = requireTriage(ctx, repo, request);
    const label = findLabel(repo, request.params.name!);
    if (!label || !removeLabel(ctx, repo, issue, label, actor)) throw notFound('Label does not exist');
    return ok(json.issueLabels(ctx, repo, issue));
  }),

  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const issue = issueOf(repo, request);
    const after = since(request);
    const comments = repo.state.comments.filter(
      (comment) => comment.issueNumber === issue.number && (!after || comment.updatedAt >= after),
    );
    const page = paginate(comments, request.url, request.query);
    return ok(
      page.items.map((comment) => json.comment(ctx, repo, comment)),
      page.headers,
    );
  }),

  route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const issue = issueOf(repo, request);
    const actor = ctx.requireUser(request.user);
    if (issue.locked && !atLeast(ctx.roleOf(repo, actor), 'write')) {
      throw forbidden('Must have push access to comment on a locked issue');
    }
    if (typeof request.body?.body !== 'string' || !request.body.body) {
      throw validationFailed({ resource: 'IssueComment', code: 'missing_field', field: 'body' });
    }
    const comment = addComment(ctx, repo, issue, request.body.body, actor);
    return { status: 201, body: json.comment(ctx, repo, comment) };
  }),

  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/events', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const issue = issueOf(repo, request);
    const events = repo.state.events.filter(
      (event) => event.issueNumber === issue.number && !event.timelineOnly,
    );
    const page = paginate(events, request.url, request.query);
    return ok(
      page.items.map((event) => json.issueEvent(ctx, repo, event)),
      page.headers,
    );
  }),

  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/timeline', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const issue = issueOf(repo, request);
    const entries: Array<{ at: Date; id: number; body: unknown }> = [];
    for (const event of repo.state.events.filter((candidate) => candidate.issueNumber === issue.number)) {
      const body = await timelineEvent(ctx, repo, event);
      if (body) entries.push({ at: event.createdAt, id: event.id, body });
    }
    for (const comment of repo.state.comments.filter((candidate) => candidate.issueNumber === issue.number)) {
      entries.push({
        at: comment.createdAt,
        id: comment.id,
        body: {
          ...json.comment(ctx, repo, comment),
          event: 'commented',
          actor: json.user(ctx, comment.user),
        },
      });
    }
    entries.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
    const page = paginate(entries, request.url, request.query);
    return ok(
      page.items.map((entry) => entry.body),
      page.headers,
    );
  }),
];
