import { validationFailed } from '../api-error.js';
import type { EmulatorContext, Repository } from '../context.js';
import { paginate } from '../pagination.js';
import * as json from '../representations.js';
import { route } from '../router.js';
import type { CommitStatusRecord } from '../state.js';
import { commitFor, ok, repoOf } from './repos.js';

/** Commit statuses (the checks deployments' required_contexts look at). */

const STATES = ['error', 'failure', 'pending', 'success'];

/** The newest status of each context on a commit. */
export function latestStatuses(repo: Repository, sha: string): CommitStatusRecord[] {
  const latest = new Map<string, CommitStatusRecord>();
  for (const status of repo.state.statuses) if (status.sha === sha) latest.set(status.context, status);
  return [...latest.values()].sort((a, b) => b.id - a.id);
}

function statusJson(ctx: EmulatorContext, repo: Repository, status: CommitStatusRecord) {
  const creator = json.user(ctx, status.creator);
  return {
    url: `${ctx.repoApiUrl(repo)}/statuses/${status.sha}`,
    avatar_url: creator.avatar_url,
    id: status.id,
    node_id: Buffer.from(`SC_${status.id}`).toString('base64').replace(/=+$/, ''),
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: json.timestamp(status.createdAt),
    updated_at: json.timestamp(status.createdAt),
    creator,
  };
}

export const statusRoutes = [
  route('POST', '/repos/{owner}/{repo}/statuses/{sha}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const actor = ctx.requireRole(
      repo,
      request.user,
      'write',
      'Must have push access to create commit statuses',
    );
    const sha = await commitFor(repo, request.params.sha!);
    const body = request.body ?? {};
    if (!STATES.includes(body.state))
      throw validationFailed({ resource: 'Status', code: 'invalid', field: 'state' });
    const status: CommitStatusRecord = {
      id: ctx.state.nextId(),
      sha,
      state: body.state,
      context: typeof body.context === 'string' && body.context ? body.context : 'default',
      description: typeof body.description === 'string' ? body.description : null,
      targetUrl: typeof body.target_url === 'string' ? body.target_url : null,
      creator: actor,
      createdAt: ctx.state.now(),
    };
    repo.state.statuses.push(status);
    return { status: 201, body: statusJson(ctx, repo, status) };
  }),

  route('GET', '/repos/{owner}/{repo}/commits/{ref}/statuses', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const sha = await commitFor(repo, request.params.ref!);
    const statuses = repo.state.statuses.filter((status) => status.sha === sha).reverse();
    const page = paginate(statuses, request.url, request.query);
    return ok(
      page.items.map((status) => statusJson(ctx, repo, status)),
      page.headers,
    );
  }),

  route('GET', '/repos/{owner}/{repo}/commits/{ref}/status', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const sha = await commitFor(repo, request.params.ref!);
    const latest = latestStatuses(repo, sha);
    const state = latest.some((status) => status.state === 'error' || status.state === 'failure')
      ? 'failure'
      : latest.length > 0 && latest.every((status) => status.state === 'success')
        ? 'success'
        : 'pending';
    const repository = json.repository(ctx, repo, await repo.git.defaultBranch());
    return ok({
      state,
      statuses: latest.map((status) => {
        const { creator: __, ...simple } = statusJson(ctx, repo, status);
        return simple;
      }),
      sha,
      total_count: latest.length,
      repository,
      commit_url: `${ctx.repoApiUrl(repo)}/commits/${sha}`,
      url: `${ctx.repoApiUrl(repo)}/commits/${sha}/status`,
    });
  }),
];
