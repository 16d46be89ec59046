import { notFound } from './api-error.js';
import type { EmulatorContext, Repository } from './context.js';
import { isPull, pullJson, syncPull } from './pull-requests.js';
import * as json from './representations.js';

/** Webhook payloads shaped like GitHub's, for the events an action is run with. */

const ZERO = '0'.repeat(40);

export interface PullRequestEventOptions {
  /** Who triggered the event (default: the pull request's author). */
  sender?: string;
  /** The label of a labeled/unlabeled event. */
  label?: string;
}

export async function pullRequestPayload(
  ctx: EmulatorContext,
  repo: Repository,
  number: number,
  action: string,
  options: PullRequestEventOptions = {},
) {
  const issue = repo.state.issues.get(number);
  if (!isPull(issue)) throw notFound(`No pull request #${number} in ${repo.owner}/${repo.name}`);
  await syncPull(ctx, repo, issue);
  const wanted = options.label?.toLowerCase();
  const labelRecord = wanted ? repo.state.labels.find((l) => l.name.toLowerCase() === wanted) : undefined;
  if (wanted && !labelRecord) throw notFound(`No label "${options.label}" in ${repo.owner}/${repo.name}`);
  const label = labelRecord ? json.label(ctx, repo, labelRecord) : undefined;
  return {
    action,
    number,
    pull_request: await pullJson(ctx, repo, issue, true),
    ...(label ? { label } : {}),
    repository: json.repository(ctx, repo, await repo.git.defaultBranch()),
    sender: json.user(ctx, options.sender ?? issue.user),
  };
}

export interface PushEventOptions {
  /** Default: refs/heads/<default branch>. */
  ref?: string;
  pusher?: string;
}

export async function pushPayload(
  ctx: EmulatorContext,
  repo: Repository,
  before: string,
  after: string,
  options: PushEventOptions = {},
) {
  const defaultBranch = await repo.git.defaultBranch();
  const ref = options.ref ?? `refs/heads/${defaultBranch}`;
  const pusher = options.pusher ?? repo.owner;
  const deleted = after === ZERO;
  const created = before === ZERO;
  const shas = deleted ? [] : (await repo.git.revList(after, created ? [] : [before])).slice(-20);
  const infos = await repo.git.commits(shas);
  const html = ctx.repoHtmlUrl(repo);
  const commits = [];
  for (const info of infos) {
    const files = await repo.git.diff(info.parents[0], info.sha);
    const identity = (who: typeof info.author) => ({
      name: who.name,
      email: who.email,
      ...(json.loginForEmail(who.email) ? { username: json.loginForEmail(who.email) } : {}),
    });
    commits.push({
      id: info.sha,
      tree_id: info.tree,
      distinct: true,
      message: info.message,
      timestamp: json.timestamp(info.committer.date),
      url: `${html}/commit/${info.sha}`,
      author: identity(info.author),
      committer: identity(info.committer),
      added: files.filter((f) => f.status === 'added').map((f) => f.filename),
      removed: files.filter((f) => f.status === 'removed').map((f) => f.filename),
      modified: files.filter((f) => f.status !== 'added' && f.status !== 'removed').map((f) => f.filename),
    });
  }
  const forced = !created && !deleted && !(await repo.git.isAncestor(before, after).catch(() => false));
  return {
    ref,
    before,
    after,
    created,
    deleted,
    forced,
    base_ref: null,
    compare: `${html}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits,
    head_commit: commits.at(-1) ?? null,
    repository: json.repository(ctx, repo, defaultBranch),
    pusher: { name: pusher, email: json.noreplyEmail(ctx, pusher) },
    sender: json.user(ctx, pusher),
  };
}
