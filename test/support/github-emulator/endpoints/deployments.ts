import { ApiError, notFound, validationFailed } from '../api-error.js';
import type { EmulatorContext, Repository } from '../context.js';
import { paginate } from '../pagination.js';
import * as json from '../representations.js';
import { noreplyEmail } from '../representations.js';
import { type EmulatorRequest, route } from '../router.js';
import type { DeploymentRecord, DeploymentState, DeploymentStatusRecord } from '../state.js';
import { ok, repoOf } from './repos.js';
import { latestStatuses } from './statuses.js';

/** Deployments and deployment statuses, with GitHub's auto_merge, required_contexts and auto_inactive. */

const STATES: DeploymentState[] = [
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success',
];

function deploymentOf(repo: Repository, request: EmulatorRequest): DeploymentRecord {
  const deployment = repo.state.deployments.find(
    (candidate) => candidate.id === Number(request.params.deployment_id),
  );
  if (!deployment) throw notFound();
  return deployment;
}

function unprocessable(message: string): ApiError {
  return new ApiError(422, {
    message,
    documentation_url: 'https://docs.github.com/rest/deployments',
    status: '422',
  });
}

/**
 * auto_merge: a branch behind the default branch gets the default branch merged into it, and
 * GitHub answers 202 without creating a deployment (the caller asks again).
 */
async function autoMerge(ctx: EmulatorContext, repo: Repository, ref: string, actor: string) {
  const defaultBranch = await repo.git.defaultBranch();
  const refTip = await repo.git.branchSha(ref);
  const defaultTip = await repo.git.branchSha(defaultBranch);
  if (!refTip || !defaultTip || ref === defaultBranch || (await repo.git.isAncestor(defaultTip, refTip)))
    return undefined;
  const merge = await repo.git.mergeTrees(refTip, defaultTip);
  if (!merge.clean) {
    throw new ApiError(409, {
      message: `Conflict merging ${defaultBranch} into ${ref}.`,
      documentation_url: 'https://docs.github.com/rest/deployments',
      status: '409',
    });
  }
  const now = ctx.state.now();
  const sha = await repo.git.commitTree(
    merge.tree,
    [refTip, defaultTip],
    `Merge ${defaultBranch} into ${ref}`,
    { name: actor, email: noreplyEmail(ctx, actor), date: now },
    { name: 'GitHub', email: 'noreply@github.com', date: now },
  );
  if (!(await repo.git.updateRef(`refs/heads/${ref}`, sha, refTip))) {
    throw new ApiError(409, { message: `Conflict merging ${defaultBranch} into ${ref}.`, status: '409' });
  }
  return { status: 202, body: { message: `Auto-merged ${defaultBranch} into ${ref} on deployment.` } };
}

/** required_contexts: the commit statuses that must be `success` (default: every context reported). */
function checkContexts(repo: Repository, sha: string, ref: string, required: unknown) {
  const latest = latestStatuses(repo, sha);
  const contexts = Array.isArray(required) ? required.map(String) : latest.map((status) => status.context);
  const failing = contexts.filter(
    (context) => latest.find((status) => status.context === context)?.state !== 'success',
  );
  if (failing.length > 0) {
    throw new ApiError(409, {
      message: `Conflict: Commit status checks failed for ${ref}.`,
      errors: [
        {
          contexts: failing.map((context) => ({
            context,
            state: latest.find((s) => s.context === context)?.state ?? 'missing',
          })),
          resource: 'Deployment',
          field: 'required_contexts',
        },
      ],
      documentation_url: 'https://docs.github.com/rest/deployments',
      status: '409',
    });
  }
}

function addStatus(
  ctx: EmulatorContext,
  deployment: DeploymentRecord,
  status: Omit<DeploymentStatusRecord, 'id' | 'createdAt'>,
): DeploymentStatusRecord {
  const record = { id: ctx.state.nextId(), createdAt: ctx.state.now(), ...status };
  deployment.statuses.push(record);
  deployment.updatedAt = record.createdAt;
  return record;
}

export const deploymentRoutes = [
  route('POST', '/repos/{owner}/{repo}/deployments', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const actor = ctx.requireRole(repo, request.user, 'write', 'Must have push access to create deployments');
    const body = request.body ?? {};
    if (typeof body.ref !== 'string' || !body.ref) {
      throw validationFailed({ resource: 'Deployment', code: 'missing_field', field: 'ref' });
    }
    if (!(await repo.git.resolveCommit(body.ref))) throw unprocessable(`No ref found for: ${body.ref}`);
    if (body.auto_merge !== false) {
      const merged = await autoMerge(ctx, repo, body.ref, actor);
      if (merged) return merged;
    }
    const sha = (await repo.git.resolveCommit(body.ref))!;
    checkContexts(repo, sha, body.ref, body.required_contexts);
    const environment =
      typeof body.environment === 'string' && body.environment ? body.environment : 'production';
    let payload: DeploymentRecord['payload'] = {};
    if (typeof body.payload === 'string') {
      try {
        payload = JSON.parse(body.payload) as Record<string, unknown>;
      } catch {
        payload = body.payload;
      }
    } else if (body.payload && typeof body.payload === 'object') {
      payload = body.payload;
    }
    const now = ctx.state.now();
    const deployment: DeploymentRecord = {
      id: ctx.state.nextId(),
      sha,
      ref: body.ref,
      task: typeof body.task === 'string' && body.task ? body.task : 'deploy',
      payload,
      environment,
      originalEnvironment: environment,
      description: typeof body.description === 'string' || body.description === null ? body.description : '',
      creator: actor,
      transientEnvironment: body.transient_environment === true,
      productionEnvironment:
        typeof body.production_environment === 'boolean'
          ? body.production_environment
          : environment === 'production',
      createdAt: now,
      updatedAt: now,
      statuses: [],
    };
    repo.state.deployments.push(deployment);
    return { status: 201, body: json.deployment(ctx, repo, deployment) };
  }),

  route('GET', '/repos/{owner}/{repo}/deployments', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const filter = (name: string) => request.query.get(name) ?? undefined;
    const matching = repo.state.deployments
      .filter(
        (deployment) =>
          (!filter('sha') || deployment.sha === filter('sha')) &&
          (!filter('ref') || deployment.ref === filter('ref')) &&
          (!filter('task') || deployment.task === filter('task')) &&
          (!filter('environment') || deployment.environment === filter('environment')),
      )
      .reverse();
    const page = paginate(matching, request.url, request.query);
    return ok(
      page.items.map((deployment) => json.deployment(ctx, repo, deployment)),
      page.headers,
    );
  }),

  route('GET', '/repos/{owner}/{repo}/deployments/{deployment_id}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    return ok(json.deployment(ctx, repo, deploymentOf(repo, request)));
  }),

  route('DELETE', '/repos/{owner}/{repo}/deployments/{deployment_id}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    ctx.requireRole(repo, request.user, 'write', 'Must have push access to delete deployments');
    const deployment = deploymentOf(repo, request);
    const inEnvironment = repo.state.deployments.filter((d) => d.environment === deployment.environment);
    const active = deployment.statuses.at(-1)?.state !== 'inactive';
    if (active && inEnvironment.length > 1) {
      throw unprocessable(
        'We cannot delete an active deployment unless it is the only deployment in a given environment.',
      );
    }
    repo.state.deployments = repo.state.deployments.filter((candidate) => candidate !== deployment);
    return { status: 204 };
  }),

  route('POST', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const actor = ctx.requireRole(
      repo,
      request.user,
      'write',
      'Must have push access to create deployment statuses',
    );
    const deployment = deploymentOf(repo, request);
    const body = request.body ?? {};
    if (!STATES.includes(body.state)) {
      throw validationFailed({ resource: 'DeploymentStatus', code: 'invalid', field: 'state' });
    }
    const logUrl =
      typeof body.log_url === 'string'
        ? body.log_url
        : typeof body.target_url === 'string'
          ? body.target_url
          : '';
    if (typeof body.environment === 'string' && body.environment) deployment.environment = body.environment;
    const status = addStatus(ctx, deployment, {
      state: body.state,
      creator: actor,
      description: typeof body.description === 'string' ? body.description : '',
      environment: deployment.environment,
      targetUrl: typeof body.target_url === 'string' ? body.target_url : logUrl,
      logUrl,
      environmentUrl: typeof body.environment_url === 'string' ? body.environment_url : '',
    });
    // auto_inactive: a success makes the earlier successful, non-transient, non-production
    // deployments to the same environment inactive.
    if (body.state === 'success' && body.auto_inactive !== false) {
      for (const other of repo.state.deployments) {
        if (other === deployment || other.environment !== deployment.environment) continue;
        if (other.transientEnvironment || other.productionEnvironment || other.id > deployment.id) continue;
        if (other.statuses.at(-1)?.state !== 'success') continue;
        addStatus(ctx, other, {
          state: 'inactive',
          creator: actor,
          description: '',
          environment: other.environment,
          targetUrl: '',
          logUrl: '',
          environmentUrl: '',
        });
      }
    }
    return { status: 201, body: json.deploymentStatus(ctx, repo, deployment, status) };
  }),

  route('GET', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const deployment = deploymentOf(repo, request);
    const page = paginate([...deployment.statuses].reverse(), request.url, request.query);
    return ok(
      page.items.map((status) => json.deploymentStatus(ctx, repo, deployment, status)),
      page.headers,
    );
  }),

  route('GET', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const deployment = deploymentOf(repo, request);
    const status = deployment.statuses.find((candidate) => candidate.id === Number(request.params.status_id));
    if (!status) throw notFound();
    return ok(json.deploymentStatus(ctx, repo, deployment, status));
  }),
];
