import { conflict, invalidRequest, notFound, validationFailed } from '../api-error.js';
import type { EmulatorContext, Repository } from '../context.js';
import type { CommitInfo, Identity } from '../git-repository.js';
import { paginate } from '../pagination.js';
import * as json from '../representations.js';
import { type EmulatorRequest, route } from '../router.js';
import { ok, repoOf } from './repos.js';

/** Tags, git objects, and writing files through the contents API (a real commit on a branch). */

function gitCommit(ctx: EmulatorContext, repo: Repository, info: CommitInfo) {
  const url = ctx.repoApiUrl(repo);
  const html = ctx.repoHtmlUrl(repo);
  const actor = (who: CommitInfo['author']) => ({
    name: who.name,
    email: who.email,
    date: json.timestamp(who.date),
  });
  return {
    sha: info.sha,
    node_id: Buffer.from(`GC_${info.sha}`).toString('base64').replace(/=+$/, ''),
    url: `${url}/git/commits/${info.sha}`,
    html_url: `${html}/commit/${info.sha}`,
    author: actor(info.author),
    committer: actor(info.committer),
    tree: { sha: info.tree, url: `${url}/git/trees/${info.tree}` },
    message: info.message,
    parents: info.parents.map((sha) => ({
      sha,
      url: `${url}/git/commits/${sha}`,
      html_url: `${html}/commit/${sha}`,
    })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

/** author/committer of a contents write: as given, else the authenticated user. */
function identity(ctx: EmulatorContext, given: unknown, fallback: Identity): Identity {
  const value = given as { name?: unknown; email?: unknown; date?: unknown } | undefined;
  if (!value || typeof value.name !== 'string' || typeof value.email !== 'string') return fallback;
  const date = typeof value.date === 'string' ? new Date(value.date) : ctx.state.now();
  return { name: value.name, email: value.email, date };
}

async function writeFile(request: EmulatorRequest, ctx: EmulatorContext, remove: boolean) {
  const repo = repoOf(request, ctx);
  const actor = ctx.requireRole(repo, request.user, 'write', 'Must have push access to write files');
  const path = request.params.path!.replace(/^\/+|\/+$/g, '');
  const body = request.body ?? {};
  if (typeof body.message !== 'string') throw invalidRequest(`"message" wasn't supplied.`);
  const branch =
    typeof body.branch === 'string' && body.branch ? body.branch : await repo.git.defaultBranch();
  const parent = await repo.git.branchSha(branch);
  if (!parent && remove) throw notFound(`Branch ${branch} not found`);
  if (!parent && branch !== (await repo.git.defaultBranch())) throw notFound(`Branch ${branch} not found`);

  const existing = parent ? await repo.git.readPath(parent, path) : undefined;
  if (existing?.type === 'dir')
    throw validationFailed({ resource: 'Content', code: 'invalid', field: 'path' });
  if (remove && !existing) throw notFound();
  if (existing) {
    if (typeof body.sha !== 'string') throw invalidRequest(`"sha" wasn't supplied.`);
    if (body.sha !== existing.sha) throw conflict(`${path} does not match ${body.sha}`);
  }

  const now = ctx.state.now();
  const user: Identity = { name: actor, email: json.noreplyEmail(ctx, actor), date: now };
  const committer = identity(ctx, body.committer, user);
  const author = identity(ctx, body.author, committer);
  let blob: string | undefined;
  if (!remove) {
    if (typeof body.content !== 'string') throw invalidRequest(`"content" wasn't supplied.`);
    blob = await repo.git.writeBlob(Buffer.from(body.content, 'base64'));
  }
  const tree = await repo.git.treeWith(parent, path, blob);
  const sha = await repo.git.commitTree(tree, parent ? [parent] : [], body.message, author, committer);
  if (!(await repo.git.updateRef(`refs/heads/${branch}`, sha, parent))) {
    throw conflict(`${branch} moved while the file was written: is at a new commit, expected ${parent}`);
  }
  const info = await repo.git.commit(sha);
  const url = ctx.repoApiUrl(repo);
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const content = blob
    ? {
        name: path.slice(path.lastIndexOf('/') + 1),
        path,
        sha: blob,
        size: Buffer.from(body.content, 'base64').length,
        url: `${url}/contents/${encoded}?ref=${encodeURIComponent(branch)}`,
        html_url: `${ctx.repoHtmlUrl(repo)}/blob/${encodeURIComponent(branch)}/${encoded}`,
        git_url: `${url}/git/blobs/${blob}`,
        download_url: `${ctx.apiUrl}/raw/${repo.owner}/${repo.name}/${branch}/${encoded}`,
        type: 'file',
        _links: {
          self: `${url}/contents/${encoded}?ref=${encodeURIComponent(branch)}`,
          git: `${url}/git/blobs/${blob}`,
          html: `${ctx.repoHtmlUrl(repo)}/blob/${encodeURIComponent(branch)}/${encoded}`,
        },
      }
    : null;
  return { status: existing || remove ? 200 : 201, body: { content, commit: gitCommit(ctx, repo, info) } };
}

export const gitDataRoutes = [
  route('GET', '/repos/{owner}/{repo}/tags', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const url = ctx.repoApiUrl(repo);
    const tags = [];
    for (const ref of (await repo.git.refs('refs/tags/')).reverse()) {
      const name = ref.ref.slice('refs/tags/'.length);
      const sha = await repo.git.resolveCommit(ref.ref);
      if (!sha) continue;
      tags.push({
        name,
        commit: { sha, url: `${url}/commits/${sha}` },
        zipball_url: `${url}/zipball/refs/tags/${encodeURIComponent(name)}`,
        tarball_url: `${url}/tarball/refs/tags/${encodeURIComponent(name)}`,
        node_id: Buffer.from(`TAG_${repo.state.id}:${name}`).toString('base64'),
      });
    }
    const page = paginate(tags, request.url, request.query);
    return ok(page.items, page.headers);
  }),

  route('GET', '/repos/{owner}/{repo}/git/tags/{tag_sha}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const tag = await repo.git.tag(request.params.tag_sha!);
    if (!tag) throw notFound();
    const url = ctx.repoApiUrl(repo);
    return ok({
      node_id: Buffer.from(`TG_${tag.sha}`).toString('base64').replace(/=+$/, ''),
      tag: tag.tag,
      sha: tag.sha,
      url: `${url}/git/tags/${tag.sha}`,
      message: tag.message,
      tagger: { name: tag.tagger.name, email: tag.tagger.email, date: json.timestamp(tag.tagger.date) },
      object: { type: tag.type, sha: tag.object, url: `${url}/git/${tag.type}s/${tag.object}` },
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    });
  }),

  route('POST', '/repos/{owner}/{repo}/git/tags', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const actor = ctx.requireRole(repo, request.user, 'write', 'Must have push access to create tags');
    const body = request.body ?? {};
    if (!(await repo.git.hasObject(body.object))) {
      throw validationFailed({ resource: 'Tag', code: 'invalid', field: 'object' });
    }
    const tagger = identity(ctx, body.tagger, {
      name: actor,
      email: json.noreplyEmail(ctx, actor),
      date: ctx.state.now(),
    });
    const sha = await repo.git.writeTag(
      body.tag,
      body.object,
      body.type ?? 'commit',
      tagger,
      body.message ?? '',
    );
    const tag = (await repo.git.tag(sha))!;
    const url = ctx.repoApiUrl(repo);
    return {
      status: 201,
      body: {
        node_id: Buffer.from(`TG_${sha}`).toString('base64').replace(/=+$/, ''),
        tag: tag.tag,
        sha,
        url: `${url}/git/tags/${sha}`,
        message: tag.message,
        tagger: { name: tag.tagger.name, email: tag.tagger.email, date: json.timestamp(tag.tagger.date) },
        object: { type: tag.type, sha: tag.object, url: `${url}/git/${tag.type}s/${tag.object}` },
        verification: {
          verified: false,
          reason: 'unsigned',
          signature: null,
          payload: null,
          verified_at: null,
        },
      },
    };
  }),

  route('GET', '/repos/{owner}/{repo}/git/commits/{commit_sha}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const sha = request.params.commit_sha!;
    if (!/^[0-9a-f]{40}$/.test(sha) || !(await repo.git.hasObject(sha))) throw notFound();
    return ok(gitCommit(ctx, repo, await repo.git.commit(sha)));
  }),

  route('PUT', '/repos/{owner}/{repo}/contents/{path}', (request, ctx) => writeFile(request, ctx, false)),

  route('DELETE', '/repos/{owner}/{repo}/contents/{path}', (request, ctx) => writeFile(request, ctx, true)),
];
