import { notFound, validationFailed } from '../api-error.js';
import type { EmulatorContext, Repository } from '../context.js';
import { paginate } from '../pagination.js';
import { atLeast } from '../permissions.js';
import * as json from '../representations.js';
import { type EmulatorRequest, route } from '../router.js';
import type { ReleaseRecord } from '../state.js';
import { ok, repoOf } from './repos.js';

/**
 * Releases. Publishing a release whose tag does not exist yet creates the tag (a lightweight
 * tag on target_commitish) in the bare repository, as GitHub does; deleting a release keeps it.
 */

function releaseOf(repo: Repository, request: EmulatorRequest): ReleaseRecord {
  const release = repo.state.releases.find((candidate) => candidate.id === Number(request.params.release_id));
  if (!release) throw notFound();
  return release;
}

function visible(ctx: EmulatorContext, repo: Repository, request: EmulatorRequest) {
  // Drafts are shown only to people who can push.
  const canPush = atLeast(ctx.roleOf(repo, request.user), 'write');
  return repo.state.releases.filter((release) => canPush || !release.draft);
}

function newestFirst(releases: ReleaseRecord[]) {
  return [...releases].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
}

function invalid(field: string, code: 'invalid' | 'already_exists' | 'missing_field' = 'invalid') {
  return validationFailed({ resource: 'Release', code, field });
}

/** Creates refs/tags/TAG on target_commitish when the tag does not exist yet. */
async function ensureTag(repo: Repository, release: ReleaseRecord) {
  if (await repo.git.resolveCommit(`refs/tags/${release.tagName}`)) return;
  const sha = await repo.git.resolveCommit(release.targetCommitish);
  if (!sha) throw invalid('target_commitish');
  await repo.git.updateRef(`refs/tags/${release.tagName}`, sha, undefined);
}

export const releaseRoutes = [
  route('POST', '/repos/{owner}/{repo}/releases', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const actor = ctx.requireRole(repo, request.user, 'write', 'Must have push access to create releases');
    const body = request.body ?? {};
    if (typeof body.tag_name !== 'string' || !body.tag_name.trim())
      throw invalid('tag_name', 'missing_field');
    const tagName = body.tag_name.trim();
    if (repo.state.releases.some((release) => release.tagName === tagName))
      throw invalid('tag_name', 'already_exists');
    const targetCommitish =
      typeof body.target_commitish === 'string' && body.target_commitish
        ? body.target_commitish
        : await repo.git.defaultBranch();
    if (!(await repo.git.resolveCommit(targetCommitish))) throw invalid('target_commitish');
    const now = ctx.state.now();
    const release: ReleaseRecord = {
      id: ctx.state.nextId(),
      tagName,
      targetCommitish,
      name: typeof body.name === 'string' ? body.name : null,
      body: typeof body.body === 'string' ? body.body : null,
      draft: body.draft === true,
      prerelease: body.prerelease === true,
      author: actor,
      createdAt: now,
      publishedAt: body.draft === true ? null : now,
      updatedAt: now,
    };
    if (!release.draft) await ensureTag(repo, release);
    repo.state.releases.push(release);
    return { status: 201, body: json.release(ctx, repo, release) };
  }),

  route('GET', '/repos/{owner}/{repo}/releases', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const page = paginate(newestFirst(visible(ctx, repo, request)), request.url, request.query);
    return ok(
      page.items.map((release) => json.release(ctx, repo, release)),
      page.headers,
    );
  }),

  route('GET', '/repos/{owner}/{repo}/releases/latest', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const latest = newestFirst(repo.state.releases).find((release) => !release.draft && !release.prerelease);
    if (!latest) throw notFound();
    return ok(json.release(ctx, repo, latest));
  }),

  route('GET', '/repos/{owner}/{repo}/releases/tags/{tag}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const release = repo.state.releases.find(
      (candidate) => candidate.tagName === request.params.tag && !candidate.draft,
    );
    if (!release) throw notFound();
    return ok(json.release(ctx, repo, release));
  }),

  route('GET', '/repos/{owner}/{repo}/releases/{release_id}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const release = releaseOf(repo, request);
    if (!visible(ctx, repo, request).includes(release)) throw notFound();
    return ok(json.release(ctx, repo, release));
  }),

  route('PATCH', '/repos/{owner}/{repo}/releases/{release_id}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    ctx.requireRole(repo, request.user, 'write', 'Must have push access to update releases');
    const release = releaseOf(repo, request);
    const body = request.body ?? {};
    if (typeof body.tag_name === 'string' && body.tag_name !== release.tagName) {
      if (repo.state.releases.some((other) => other !== release && other.tagName === body.tag_name)) {
        throw invalid('tag_name', 'already_exists');
      }
      release.tagName = body.tag_name;
    }
    if (typeof body.target_commitish === 'string' && body.target_commitish) {
      if (!(await repo.git.resolveCommit(body.target_commitish))) throw invalid('target_commitish');
      release.targetCommitish = body.target_commitish;
    }
    if (body.name !== undefined) release.name = body.name;
    if (body.body !== undefined) release.body = body.body;
    if (typeof body.prerelease === 'boolean') release.prerelease = body.prerelease;
    if (body.draft === false && release.draft) {
      release.draft = false;
      release.publishedAt = ctx.state.now();
    } else if (body.draft === true) {
      release.draft = true;
    }
    if (!release.draft) await ensureTag(repo, release);
    release.updatedAt = ctx.state.now();
    return ok(json.release(ctx, repo, release));
  }),

  route('DELETE', '/repos/{owner}/{repo}/releases/{release_id}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    ctx.requireRole(repo, request.user, 'write', 'Must have push access to delete releases');
    const release = releaseOf(repo, request);
    repo.state.releases = repo.state.releases.filter((candidate) => candidate !== release);
    return { status: 204 };
  }),
];
