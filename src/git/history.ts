import type { HistoryCommit } from '../core/train.js';
import type { Git } from './git.js';

/** What the remote has: branch and tag names with their commits (tags peeled). */
export interface RemoteRefs {
  branches: Map<string, string>;
  tags: Map<string, string>;
}

export async function readRemoteRefs(git: Git, remote: string): Promise<RemoteRefs> {
  const out = await git.run(['ls-remote', '--heads', '--tags', remote]);
  const branches = new Map<string, string>();
  const tags = new Map<string, string>();
  for (const line of out.split('\n').filter(Boolean)) {
    const [sha, ref] = line.split('\t') as [string, string];
    if (ref.startsWith('refs/heads/')) branches.set(ref.slice('refs/heads/'.length), sha);
    else if (ref.startsWith('refs/tags/')) {
      const name = ref.slice('refs/tags/'.length);
      // An annotated tag is listed twice: the tag object, then `name^{}` with the commit it points at.
      if (name.endsWith('^{}')) tags.set(name.slice(0, -3), sha);
      else if (!tags.has(name)) tags.set(name, sha);
    }
  }
  return { branches, tags };
}

/** The remote-tracking ref release-train reads a branch from. */
export function trackingRef(remote: string, branch: string): string {
  return `refs/remotes/${remote}/${branch}`;
}

/**
 * Brings the default and production branches and every tag from the remote. A shallow checkout
 * (actions/checkout's default) is deepened: the train needs the history back to the merge base.
 */
export async function fetchDeployRefs(git: Git, remote: string, branches: readonly string[]): Promise<void> {
  const shallow = (await git.run(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  await git.run([
    'fetch',
    '--quiet',
    '--no-tags',
    ...(shallow ? ['--unshallow'] : []),
    remote,
    ...branches.map((branch) => `+refs/heads/${branch}:${trackingRef(remote, branch)}`),
    '+refs/tags/*:refs/tags/*',
  ]);
}

export async function fetchBranch(git: Git, remote: string, branch: string): Promise<string> {
  await git.run([
    'fetch',
    '--quiet',
    '--no-tags',
    remote,
    `+refs/heads/${branch}:${trackingRef(remote, branch)}`,
  ]);
  return revParse(git, trackingRef(remote, branch));
}

export async function revParse(git: Git, ref: string): Promise<string> {
  return (await git.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
}

export async function mergeBase(git: Git, a: string, b: string): Promise<string | undefined> {
  const result = await git.attempt(['merge-base', a, b]);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

export async function isAncestor(git: Git, ancestor: string, descendant: string): Promise<boolean> {
  const result = await git.attempt(['merge-base', '--is-ancestor', ancestor, descendant]);
  if (result.code > 1) throw new Error(`git merge-base --is-ancestor failed: ${result.stderr.trim()}`);
  return result.code === 0;
}

const FIELD = '\x1f';
const RECORD = '\x1e';

/** The first-parent commits of `tip` after `base`, oldest first, with subjects and bodies. */
export async function firstParentHistory(git: Git, base: string, tip: string): Promise<HistoryCommit[]> {
  const out = await git.run([
    'log',
    '--first-parent',
    '--reverse',
    `--format=%H${FIELD}%P${FIELD}%cI${FIELD}%s${FIELD}%b${RECORD}`,
    `${base}..${tip}`,
  ]);
  return out
    .split(RECORD)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.trim() !== '')
    .map((record) => {
      const [sha, parents, committedAt, subject, body] = record.split(FIELD) as [
        string,
        string,
        string,
        string,
        string,
      ];
      return { sha, parents: parents.split(' ').filter(Boolean), committedAt, subject, body: body.trimEnd() };
    });
}

/** The files a (non-merge) commit changes. */
export async function changedFiles(git: Git, sha: string): Promise<string[]> {
  const out = await git.run(['diff-tree', '--no-commit-id', '--name-only', '-r', sha]);
  return out.split('\n').filter(Boolean);
}

/**
 * The default-branch commits an earlier replay already put on production: each replayed commit
 * carries `(cherry picked from commit <sha>)`.
 */
export async function replayedCommits(git: Git, base: string, production: string): Promise<Set<string>> {
  const out = await git.run(['log', `--format=%B${RECORD}`, `${base}..${production}`]);
  return new Set(
    [...out.matchAll(/\(cherry picked from commit ([0-9a-f]{40})\)/g)].map((match) => match[1]!),
  );
}

/** The commit a replayed commit was cherry-picked from (the last such line), or itself. */
export async function originalCommit(git: Git, sha: string): Promise<string> {
  const message = await git.run(['log', '-1', '--format=%B', sha]);
  const picks = [...message.matchAll(/\(cherry picked from commit ([0-9a-f]{40})\)/g)];
  return picks.at(-1)?.[1] ?? sha;
}

/** Tags (local, as fetched) merged into `ref`, newest first. */
export async function tagsMergedInto(git: Git, ref: string): Promise<string[]> {
  const out = await git.run(['tag', '--merged', ref, '--sort=-creatordate']);
  return out.split('\n').filter(Boolean);
}

/** The message of an annotated tag, exactly; undefined for a lightweight tag. */
export async function tagMessage(git: Git, tag: string): Promise<string | undefined> {
  const type = await git.attempt(['cat-file', '-t', `refs/tags/${tag}`]);
  if (type.code !== 0 || type.stdout.trim() !== 'tag') return undefined;
  const raw = await git.run(['cat-file', 'tag', `refs/tags/${tag}`]);
  const start = raw.indexOf('\n\n');
  return start === -1 ? '' : raw.slice(start + 2);
}

/** When an annotated tag was made (its tagger date), or undefined for a lightweight or missing tag. */
export async function tagDate(git: Git, tag: string): Promise<Date | undefined> {
  const result = await git.attempt(['for-each-ref', '--format=%(taggerdate:unix)', `refs/tags/${tag}`]);
  const seconds = Number.parseInt(result.stdout.trim(), 10);
  return result.code === 0 && Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined;
}

/** A file's content at a commit, or undefined when it has no such file. */
export async function readFileAt(git: Git, ref: string, path: string): Promise<string | undefined> {
  const result = await git.attempt(['cat-file', 'blob', `${ref}:${path}`]);
  return result.code === 0 ? result.stdout : undefined;
}
