import { ApiError, conflict, notFound, validationFailed } from '../api-error.js';
import type { EmulatorContext, Repository } from '../context.js';
import type { CommitInfo } from '../git-repository.js';
import { linkHeader, pageOf, paginate } from '../pagination.js';
import * as json from '../representations.js';
import { type EmulatorRequest, type Reply, route } from '../router.js';

/** Repositories, branches, refs, commits, comparisons and contents: all read live from git. */

export function repoOf(request: EmulatorRequest, ctx: EmulatorContext): Repository {
  return ctx.repository(request.params.owner!, request.params.repo!);
}

/** A commit for a branch, tag or sha, or GitHub's 422 "No commit found". */
export async function commitFor(repo: Repository, ref: string): Promise<string> {
  const sha = await repo.git.resolveCommit(ref);
  if (!sha) {
    throw new ApiError(422, {
      message: `No commit found for SHA: ${ref}`,
      documentation_url: 'https://docs.github.com/rest/commits/commits#get-a-commit',
      status: '422',
    });
  }
  return sha;
}

async function emptyRepositoryGuard(repo: Repository): Promise<string> {
  const defaultBranch = await repo.git.defaultBranch();
  if (!(await repo.git.branchSha(defaultBranch)) && (await repo.git.branches()).length === 0) {
    throw conflict('Git Repository is empty.');
  }
  return defaultBranch;
}

export function ok(body: unknown, headers: Record<string, string> = {}): Reply {
  return { status: 200, body, headers };
}

function gitRef(ctx: EmulatorContext, repo: Repository, ref: { ref: string; sha: string; type: string }) {
  const url = ctx.repoApiUrl(repo);
  const kind = ref.type === 'tag' ? 'tags' : ref.type === 'commit' ? 'commits' : `${ref.type}s`;
  return {
    ref: ref.ref,
    node_id: Buffer.from(`REF_${repo.state.id}:${ref.ref}`).toString('base64'),
    url: `${url}/git/${ref.ref}`,
    object: { sha: ref.sha, type: ref.type, url: `${url}/git/${kind}/${ref.sha}` },
  };
}

async function branchBody(ctx: EmulatorContext, repo: Repository, name: string, sha: string) {
  const url = ctx.repoApiUrl(repo);
  const info = await repo.git.commit(sha);
  return {
    name,
    commit: json.commit(ctx, repo, info),
    _links: {
      self: `${url}/branches/${encodeURIComponent(name)}`,
      html: `${ctx.repoHtmlUrl(repo)}/tree/${name}`,
    },
    protected: false,
    protection: {
      enabled: false,
      required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
    },
    protection_url: `${url}/branches/${encodeURIComponent(name)}/protection`,
  };
}

function contentEntry(
  ctx: EmulatorContext,
  repo: Repository,
  ref: string,
  entry: { type: string; name: string; path: string; sha: string; size: number },
) {
  const url = ctx.repoApiUrl(repo);
  const encoded = entry.path.split('/').map(encodeURIComponent).join('/');
  const self = `${url}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
  const git = entry.type === 'dir' ? `${url}/git/trees/${entry.sha}` : `${url}/git/blobs/${entry.sha}`;
  const html = `${ctx.repoHtmlUrl(repo)}/${entry.type === 'dir' ? 'tree' : 'blob'}/${encodeURIComponent(ref)}/${encoded}`;
  return {
    type: entry.type,
    size: entry.size,
    name: entry.name,
    path: entry.path,
    sha: entry.sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url:
      entry.type === 'file' ? `${ctx.apiUrl}/raw/${repo.owner}/${repo.name}/${ref}/${encoded}` : null,
    _links: { self, git, html },
  };
}

function wantsRaw(request: EmulatorRequest): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(String(request.headers.accept ?? ''));
}

export const repositoryRoutes = [
  route('GET', '/user', (request, ctx) => ok(json.privateUser(ctx, ctx.requireUser(request.user)))),

  route('GET', '/users/{username}', (request, ctx) => ok(json.publicUser(ctx, request.params.username!))),

  route('GET', '/repos/{owner}/{repo}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const defaultBranch = await repo.git.defaultBranch();
    return ok(json.fullRepository(ctx, repo, defaultBranch, ctx.roleOf(repo, request.user)));
  }),

  route('GET', '/repos/{owner}/{repo}/branches', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const url = ctx.repoApiUrl(repo);
    const branches = (await repo.git.branches()).map((branch) => ({
      name: branch.name,
      commit: { sha: branch.sha, url: `${url}/commits/${branch.sha}` },
      protected: false,
    }));
    const page = paginate(branches, request.url, request.query);
    return ok(page.items, page.headers);
  }),

  route('GET', '/repos/{owner}/{repo}/branches/{branch}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const name = request.params.branch!;
    const sha = await repo.git.branchSha(name);
    if (!sha) throw notFound('Branch not found');
    return ok(await branchBody(ctx, repo, name, sha));
  }),

  route('GET', '/repos/{owner}/{repo}/git/ref/{ref}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const full = `refs/${request.params.ref!.replace(/^refs\//, '')}`;
    const found = (await repo.git.refs(full)).find((ref) => ref.ref === full);
    if (!found) throw notFound();
    return ok(gitRef(ctx, repo, found));
  }),

  route('GET', '/repos/{owner}/{repo}/git/matching-refs/{ref}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const prefix = `refs/${request.params.ref!.replace(/^refs\//, '')}`;
    const refs = (await repo.git.refs()).filter((ref) => ref.ref.startsWith(prefix));
    return ok(refs.map((ref) => gitRef(ctx, repo, ref)));
  }),

  route('POST', '/repos/{owner}/{repo}/git/refs', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    ctx.requireRole(repo, request.user, 'write', 'Must have push access to repository');
    const { ref, sha } = request.body ?? {};
    if (typeof ref !== 'string' || !/^refs\/.+\/.+/.test(ref) || typeof sha !== 'string') {
      throw validationFailed({
        resource: 'Reference',
        code: 'invalid',
        field: typeof ref === 'string' ? 'sha' : 'ref',
      });
    }
    if (!(await repo.git.hasObject(sha))) {
      throw validationFailed({
        resource: 'Reference',
        code: 'custom',
        field: 'sha',
        message: 'Object does not exist',
      });
    }
    if (!(await repo.git.updateRef(ref, sha, undefined))) {
      throw new ApiError(422, {
        message: 'Reference already exists',
        documentation_url: 'https://docs.github.com/rest',
        status: '422',
      });
    }
    const created = (await repo.git.refs(ref)).find((candidate) => candidate.ref === ref)!;
    return { status: 201, body: gitRef(ctx, repo, created) };
  }),

  route('PATCH', '/repos/{owner}/{repo}/git/refs/{ref}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    ctx.requireRole(repo, request.user, 'write', 'Must have push access to repository');
    const full = `refs/${request.params.ref!.replace(/^refs\//, '')}`;
    const { sha, force } = request.body ?? {};
    const current = (await repo.git.refs(full)).find((candidate) => candidate.ref === full);
    if (!current) {
      throw new ApiError(422, {
        message: 'Reference does not exist',
        documentation_url: 'https://docs.github.com/rest',
        status: '422',
      });
    }
    if (typeof sha !== 'string' || !(await repo.git.hasObject(sha))) {
      throw validationFailed({
        resource: 'Reference',
        code: 'custom',
        field: 'sha',
        message: 'Object does not exist',
      });
    }
    if (!force && !(await repo.git.isAncestor(current.sha, sha))) {
      throw new ApiError(422, {
        message: 'Update is not a fast forward',
        documentation_url: 'https://docs.github.com/rest',
        status: '422',
      });
    }
    if (!(await repo.git.updateRef(full, sha, current.sha))) {
      throw conflict('Reference update failed: the reference was moved by someone else');
    }
    const updated = (await repo.git.refs(full)).find((candidate) => candidate.ref === full)!;
    return ok(gitRef(ctx, repo, updated));
  }),

  route('DELETE', '/repos/{owner}/{repo}/git/refs/{ref}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    ctx.requireRole(repo, request.user, 'write', 'Must have push access to repository');
    const full = `refs/${request.params.ref!.replace(/^refs\//, '')}`;
    const current = (await repo.git.refs(full)).find((candidate) => candidate.ref === full);
    if (!current || !(await repo.git.deleteRef(full, current.sha))) {
      throw new ApiError(422, {
        message: 'Reference does not exist',
        documentation_url: 'https://docs.github.com/rest',
        status: '422',
      });
    }
    return { status: 204 };
  }),

  route('GET', '/repos/{owner}/{repo}/commits', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const defaultBranch = await emptyRepositoryGuard(repo);
    const ref = request.query.get('sha') || defaultBranch;
    const tip = await repo.git.resolveCommit(ref);
    if (!tip) throw notFound();
    const filters = {
      path: request.query.get('path') ?? undefined,
      since: request.query.get('since') ?? undefined,
      until: request.query.get('until') ?? undefined,
    };
    const page = pageOf(request.query);
    const commits = await repo.git.log(tip, {
      ...filters,
      skip: (page.page - 1) * page.perPage,
      limit: page.perPage,
    });
    const total = await repo.git.countCommits(tip, filters);
    const link = linkHeader(request.url, page, total);
    return ok(
      commits.map((info) => json.commit(ctx, repo, info)),
      link ? { link } : {},
    );
  }),

  route('GET', '/repos/{owner}/{repo}/commits/{ref}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    await emptyRepositoryGuard(repo);
    const sha = await commitFor(repo, request.params.ref!);
    const info = await repo.git.commit(sha);
    const files = await repo.git.diff(info.parents[0], sha);
    return ok(json.commit(ctx, repo, info, files));
  }),

  route('GET', '/repos/{owner}/{repo}/compare/{basehead}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const [baseName, headName] = request.params.basehead!.split('...');
    if (!baseName || !headName) throw notFound();
    const resolveSide = async (name: string) => {
      const ownerPrefix = /^([^:]+):(.+)$/.exec(name);
      if (ownerPrefix && ownerPrefix[1]!.toLowerCase() !== repo.owner.toLowerCase()) throw notFound();
      const sha = await repo.git.resolveCommit(ownerPrefix ? ownerPrefix[2]! : name);
      if (!sha) throw notFound();
      return sha;
    };
    const base = await resolveSide(baseName);
    const head = await resolveSide(headName);
    const mergeBase = await repo.git.mergeBase(base, head);
    if (!mergeBase) throw notFound(`No common ancestor between ${baseName} and ${headName}.`);
    const aheadShas = await repo.git.revList(head, [base]);
    const behindShas = await repo.git.revList(base, [head]);
    const status =
      base === head
        ? 'identical'
        : behindShas.length === 0
          ? 'ahead'
          : aheadShas.length === 0
            ? 'behind'
            : 'diverged';
    const page = pageOf(request.query, 250);
    const shown = aheadShas.slice((page.page - 1) * page.perPage, page.page * page.perPage);
    const [baseInfo, mergeBaseInfo] = await repo.git.commits([base, mergeBase]);
    const commits = await repo.git.commits(shown);
    const files = await repo.git.diff(mergeBase, head);
    const html = ctx.repoHtmlUrl(repo);
    const url = ctx.repoApiUrl(repo);
    const link =
      request.query.has('page') || request.query.has('per_page')
        ? linkHeader(request.url, page, aheadShas.length)
        : undefined;
    return ok(
      {
        url: `${url}/compare/${encodeURIComponent(baseName)}...${encodeURIComponent(headName)}`,
        html_url: `${html}/compare/${encodeURIComponent(baseName)}...${encodeURIComponent(headName)}`,
        permalink_url: `${html}/compare/${repo.owner}:${base.slice(0, 7)}...${repo.owner}:${head.slice(0, 7)}`,
        diff_url: `${html}/compare/${encodeURIComponent(baseName)}...${encodeURIComponent(headName)}.diff`,
        patch_url: `${html}/compare/${encodeURIComponent(baseName)}...${encodeURIComponent(headName)}.patch`,
        base_commit: json.commit(ctx, repo, baseInfo as CommitInfo),
        merge_base_commit: json.commit(ctx, repo, (mergeBaseInfo ?? baseInfo) as CommitInfo),
        status,
        ahead_by: aheadShas.length,
        behind_by: behindShas.length,
        total_commits: aheadShas.length,
        commits: commits.map((info) => json.commit(ctx, repo, info)),
        files: files.map((file) => json.diffEntry(ctx, repo, head, file)),
      },
      link ? { link } : {},
    );
  }),

  route('GET', '/repos/{owner}/{repo}/contents/{path}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const defaultBranch = await emptyRepositoryGuard(repo);
    const ref = request.query.get('ref') || defaultBranch;
    const sha = await repo.git.resolveCommit(ref);
    if (!sha) throw notFound(`No commit found for the ref ${ref}`);
    const entry = await repo.git.readPath(sha, request.params.path ?? '');
    if (!entry) throw notFound();
    if (entry.type === 'dir') {
      return ok(entry.entries.map((child) => contentEntry(ctx, repo, ref, child)));
    }
    if (wantsRaw(request)) {
      return {
        status: 200,
        raw: { contentType: 'application/vnd.github.raw; charset=utf-8', data: entry.content },
      };
    }
    const name = entry.path.slice(entry.path.lastIndexOf('/') + 1);
    const base64 = entry.content.toString('base64').replace(/.{60}/g, '$&\n');
    return ok({
      ...contentEntry(ctx, repo, ref, {
        type: 'file',
        name,
        path: entry.path,
        sha: entry.sha,
        size: entry.size,
      }),
      content: base64.endsWith('\n') ? base64 : `${base64}\n`,
      encoding: 'base64',
    });
  }),
];
