import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What git says about one commit. Dates are the ones written in the commit. */
export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: { name: string; email: string; date: Date };
  committer: { name: string; email: string; date: Date };
  message: string;
}

export interface RefInfo {
  /** Full name: refs/heads/main. */
  ref: string;
  sha: string;
  type: 'commit' | 'tag' | 'tree' | 'blob';
}

export interface FileChange {
  filename: string;
  previousFilename?: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed';
  /** Blob of the new side (the old side for a removal). */
  sha: string;
  additions: number;
  deletions: number;
}

export type PathEntry =
  | { type: 'file'; path: string; sha: string; size: number; content: Buffer; mode: string }
  | { type: 'dir'; path: string; sha: string; entries: TreeEntry[] };

export interface TreeEntry {
  type: 'file' | 'dir' | 'symlink' | 'submodule';
  name: string;
  path: string;
  sha: string;
  size: number;
}

/** An annotated tag object. */
export interface TagInfo {
  sha: string;
  tag: string;
  object: string;
  type: string;
  tagger: Identity;
  message: string;
}

export interface Identity {
  name: string;
  email: string;
  date: Date;
}

/** The outcome of a three-way merge computed without touching any ref. */
export type TreeMerge = { clean: true; tree: string } | { clean: false; conflicts: string[] };

interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

const FIELD = '\x00';
const RECORD = '\x1e';
const COMMIT_FORMAT = `${['%H', '%T', '%P', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%B'].join('%x00')}%x1e`;

const knownCommits = new Set<string>();

let processes = 0;

/** How many git processes the emulator started so far (a machine-independent cost). */
export function gitProcessCount(): number {
  return processes;
}

/**
 * Answers that depend only on object ids never change (objects are immutable), so they are
 * kept: a list of pull requests asks the same questions about the same commits again and again.
 */
const answers = new Map<string, Promise<unknown>>();
const SHA = /^[0-9a-f]{40}$/;

function remembered<T>(
  path: string,
  parts: Array<string | undefined>,
  compute: () => Promise<T>,
): Promise<T> {
  if (!parts.slice(1).every((part) => part === undefined || SHA.test(part))) return compute();
  const key = `${path}\0${parts.join('\0')}`;
  let answer = answers.get(key) as Promise<T> | undefined;
  if (!answer) {
    if (answers.size > 20_000) answers.clear();
    answer = compute();
    answers.set(key, answer);
    answer.catch(() => answers.delete(key));
  }
  return answer;
}

/** git's date syntax for an exact instant, so commits the emulator writes carry its clock. */
function gitDate(date: Date): string {
  return `@${Math.floor(date.getTime() / 1000)} +0000`;
}

/**
 * A bare repository read and written with git plumbing only: nothing is cached, so a `git push`
 * into it is visible to the very next request.
 */
export class BareRepository {
  constructor(readonly path: string) {}

  run(
    args: string[],
    options: { input?: string; binary?: boolean; env?: Record<string, string> } = {},
  ): Promise<GitResult> {
    processes++;
    return new Promise((resolve, reject) => {
      const child = execFile(
        'git',
        ['-c', 'commit.gpgsign=false', '-c', 'core.quotePath=false', ...args],
        {
          cwd: this.path,
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            GIT_DIR: this.path,
            GIT_CONFIG_NOSYSTEM: '1',
            GIT_CONFIG_GLOBAL: '/dev/null',
            GIT_TERMINAL_PROMPT: '0',
            LANG: 'C',
            ...options.env,
          },
          maxBuffer: 256 * 1024 * 1024,
          encoding: 'utf8',
        },
        (error, stdout, stderr) => {
          if (error && typeof error.code !== 'number') {
            reject(new Error(`git ${args.join(' ')}: ${error.message}`));
            return;
          }
          resolve({ stdout, stderr, code: error ? (error.code as number) : 0 });
        },
      );
      if (options.input !== undefined) child.stdin?.end(options.input, options.binary ? 'binary' : 'utf8');
    });
  }

  private async out(
    args: string[],
    options?: { input?: string; binary?: boolean; env?: Record<string, string> },
  ) {
    const result = await this.run(args, options);
    if (result.code !== 0)
      throw new Error(`git ${args.join(' ')} failed (${result.code}): ${result.stderr.trim()}`);
    return result.stdout;
  }

  /** The branch HEAD names (the repository's default branch). */
  async defaultBranch(): Promise<string> {
    // Read the file git reads: far cheaper than a process per request, and just as live.
    const head = readFileSync(join(this.path, 'HEAD'), 'utf8').trim();
    return /^ref: refs\/heads\/(.+)$/.exec(head)?.[1] ?? 'main';
  }

  /** The commit a branch, tag, full ref or (abbreviated) sha names, or undefined. */
  async resolveCommit(name: string): Promise<string | undefined> {
    if (!name || name.startsWith('-') || name.includes('..')) return undefined;
    if (SHA.test(name) && (await this.hasObject(name))) return name;
    const branch = await this.branchSha(name.replace(/^refs\/heads\//, ''));
    if (branch) return branch;
    const result = await this.run([
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${name}^{commit}`,
    ]);
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  /** A branch's tip, read from the ref files as git does (loose ref first, then packed-refs). */
  async branchSha(branch: string): Promise<string | undefined> {
    if (!branch || branch.includes('..') || branch.startsWith('/')) return undefined;
    const ref = `refs/heads/${branch}`;
    const loose = join(this.path, ref);
    // A folder when other branches are named `${branch}/...`.
    if (existsSync(loose) && statSync(loose).isFile()) {
      const content = readFileSync(loose, 'utf8').trim();
      if (/^[0-9a-f]{40}$/.test(content)) return content;
    }
    const packed = join(this.path, 'packed-refs');
    if (!existsSync(packed)) return undefined;
    for (const line of readFileSync(packed, 'utf8').split('\n')) {
      const [sha, name] = line.split(' ');
      if (name === ref && sha && /^[0-9a-f]{40}$/.test(sha)) return sha;
    }
    return undefined;
  }

  /** Every ref under `prefix` (e.g. refs/tags/), sorted by name. */
  async refs(prefix = 'refs/'): Promise<RefInfo[]> {
    const out = await this.out([
      'for-each-ref',
      '--format=%(refname)%00%(objectname)%00%(objecttype)',
      prefix,
    ]);
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [ref, sha, type] = line.split(FIELD) as [string, string, RefInfo['type']];
        return { ref, sha, type };
      });
  }

  async branches(): Promise<Array<{ name: string; sha: string }>> {
    const refs = await this.refs('refs/heads/');
    return refs.map((ref) => ({ name: ref.ref.slice('refs/heads/'.length), sha: ref.sha }));
  }

  private parseCommits(out: string): CommitInfo[] {
    return out
      .split(RECORD)
      .map((record) => record.replace(/^\n/, ''))
      .filter((record) => record.length > 0)
      .map((record) => {
        const [sha, tree, parents, an, ae, ad, cn, ce, cd, ...message] = record.split(FIELD);
        return {
          sha: sha!,
          tree: tree!,
          parents: parents ? parents.split(' ') : [],
          author: { name: an!, email: ae!, date: new Date(ad!) },
          committer: { name: cn!, email: ce!, date: new Date(cd!) },
          message: message.join(FIELD).replace(/\n$/, ''),
        };
      });
  }

  async commit(sha: string): Promise<CommitInfo> {
    const [commit] = await this.commits([sha]);
    if (!commit) throw new Error(`no commit ${sha}`);
    return commit;
  }

  /** The commits named, in the order given. */
  async commits(shas: string[]): Promise<CommitInfo[]> {
    if (shas.length === 0) return [];
    if (shas.length === 1) return remembered(this.path, ['commit', shas[0]], () => this.readCommits(shas));
    return this.readCommits(shas);
  }

  private async readCommits(shas: string[]): Promise<CommitInfo[]> {
    const out = await this.out(['log', '--no-walk=unsorted', `--format=${COMMIT_FORMAT}`, '--stdin'], {
      input: `${shas.join('\n')}\n`,
    });
    const bySha = new Map(this.parseCommits(out).map((commit) => [commit.sha, commit]));
    return shas.map((sha) => bySha.get(sha)).filter((commit): commit is CommitInfo => commit !== undefined);
  }

  /** `git log` from `tip`, newest first, as GitHub's commit list walks it. */
  async log(
    tip: string,
    options: { skip?: number; limit?: number; path?: string; since?: string; until?: string } = {},
  ): Promise<CommitInfo[]> {
    const args = ['log', `--format=${COMMIT_FORMAT}`];
    if (options.skip) args.push(`--skip=${options.skip}`);
    if (options.limit !== undefined) args.push(`--max-count=${options.limit}`);
    if (options.since) args.push(`--since=${options.since}`);
    if (options.until) args.push(`--until=${options.until}`);
    args.push(tip, '--');
    if (options.path) args.push(options.path);
    return this.parseCommits(await this.out(args));
  }

  async countCommits(tip: string, options: { path?: string; since?: string; until?: string } = {}) {
    const args = ['rev-list', '--count'];
    if (options.since) args.push(`--since=${options.since}`);
    if (options.until) args.push(`--until=${options.until}`);
    args.push(tip, '--');
    if (options.path) args.push(options.path);
    return Number((await this.out(args)).trim());
  }

  /** Shas reachable from `include` but not from any of `exclude`, oldest first. */
  async revList(include: string, exclude: string[] = []): Promise<string[]> {
    return remembered(this.path, ['revList', include, ...exclude], () => this.walk(include, exclude));
  }

  private async walk(include: string, exclude: string[]): Promise<string[]> {
    const out = await this.out([
      'rev-list',
      '--reverse',
      '--topo-order',
      include,
      ...exclude.map((e) => `^${e}`),
    ]);
    return out.split('\n').filter(Boolean);
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    return remembered(this.path, ['mergeBase', a, b], async () => {
      const result = await this.run(['merge-base', a, b]);
      return result.code === 0 ? result.stdout.trim() : undefined;
    });
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return remembered(
      this.path,
      ['isAncestor', ancestor, descendant],
      async () => (await this.run(['merge-base', '--is-ancestor', ancestor, descendant])).code === 0,
    );
  }

  async hasObject(sha: string): Promise<boolean> {
    const key = `${this.path}\0${sha}`;
    if (knownCommits.has(key)) return true;
    const found = (await this.run(['cat-file', '-e', `${sha}^{commit}`])).code === 0;
    // Objects never go away while the emulator runs (nothing prunes them), so a hit is kept.
    if (found) knownCommits.add(key);
    return found;
  }

  /** Three-way merge of two commits (their merge base is the base), written as a tree only. */
  async mergeTrees(ours: string, theirs: string): Promise<TreeMerge> {
    return remembered(this.path, ['mergeTrees', ours, theirs], () => this.computeMerge(ours, theirs));
  }

  private async computeMerge(ours: string, theirs: string): Promise<TreeMerge> {
    const result = await this.run([
      'merge-tree',
      '--write-tree',
      '--name-only',
      '--no-messages',
      ours,
      theirs,
    ]);
    if (result.code > 1) throw new Error(`git merge-tree ${ours} ${theirs}: ${result.stderr.trim()}`);
    const lines = result.stdout.split('\n').filter(Boolean);
    if (result.code === 0) return { clean: true, tree: lines[0]! };
    return { clean: false, conflicts: [...new Set(lines.slice(1))] };
  }

  /**
   * Applies `commit` (relative to its first parent) on top of `onto`, as `git cherry-pick` would.
   * merge-tree of git < 2.40 cannot be told the merge base, so two throw-away commits whose only
   * parent is that base make it the merge base.
   */
  async cherryPickTree(commit: CommitInfo, onto: string): Promise<TreeMerge> {
    const parent = commit.parents[0];
    if (!parent) throw new Error(`cannot replay root commit ${commit.sha}`);
    const identity: Identity = { name: 'emulator', email: 'emulator@localhost', date: new Date(0) };
    const ontoTree = (await this.out(['rev-parse', `${onto}^{tree}`])).trim();
    const ours = await this.commitTree(ontoTree, [parent], 'ours', identity, identity);
    const theirs = await this.commitTree(commit.tree, [parent], 'theirs', identity, identity);
    return this.mergeTrees(ours, theirs);
  }

  async commitTree(
    tree: string,
    parents: string[],
    message: string,
    author: Identity,
    committer: Identity,
  ): Promise<string> {
    const args = ['commit-tree', tree, ...parents.flatMap((parent) => ['-p', parent]), '-F', '-'];
    const out = await this.out(args, {
      input: message.endsWith('\n') ? message : `${message}\n`,
      env: {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_AUTHOR_DATE: gitDate(author.date),
        GIT_COMMITTER_NAME: committer.name,
        GIT_COMMITTER_EMAIL: committer.email,
        GIT_COMMITTER_DATE: gitDate(committer.date),
      },
    });
    return out.trim();
  }

  /**
   * Moves `ref` to `sha` only if it still points at `expected` (undefined: only if it does not
   * exist yet). Returns false when someone else moved it first.
   */
  async updateRef(ref: string, sha: string, expected: string | undefined): Promise<boolean> {
    const zero = '0'.repeat(40);
    const result = await this.run(['update-ref', ref, sha, expected ?? zero]);
    return result.code === 0;
  }

  async deleteRef(ref: string, expected: string): Promise<boolean> {
    const result = await this.run(['update-ref', '-d', ref, expected]);
    return result.code === 0;
  }

  /** Copies the objects of `ref` in another repository (a fork) into this one, under `localRef`. */
  async fetchRef(from: string, ref: string, localRef: string): Promise<void> {
    await this.out(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', from, `+${ref}:${localRef}`]);
  }

  /** Reads an annotated tag object, or undefined when `sha` is not one. */
  async tag(sha: string): Promise<TagInfo | undefined> {
    if ((await this.run(['cat-file', '-t', sha])).stdout.trim() !== 'tag') return undefined;
    const raw = await this.out(['cat-file', 'tag', sha]);
    const split = raw.indexOf('\n\n');
    const headers = raw.slice(0, split < 0 ? raw.length : split).split('\n');
    const field = (name: string) =>
      headers.find((line) => line.startsWith(`${name} `))?.slice(name.length + 1) ?? '';
    const tagger = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(field('tagger'));
    return {
      sha,
      tag: field('tag'),
      object: field('object'),
      type: field('type'),
      tagger: {
        name: tagger?.[1] ?? '',
        email: tagger?.[2] ?? '',
        date: new Date(Number(tagger?.[3] ?? 0) * 1000),
      },
      message: split < 0 ? '' : raw.slice(split + 2),
    };
  }

  /** Writes an annotated tag object (no ref), as POST git/tags does. */
  async writeTag(
    tag: string,
    object: string,
    type: string,
    tagger: Identity,
    message: string,
  ): Promise<string> {
    const body = [
      `object ${object}`,
      `type ${type}`,
      `tag ${tag}`,
      `tagger ${tagger.name} <${tagger.email}> ${Math.floor(tagger.date.getTime() / 1000)} +0000`,
      '',
      message.endsWith('\n') ? message : `${message}\n`,
    ].join('\n');
    return (await this.out(['mktag'], { input: body })).trim();
  }

  async writeBlob(content: Buffer): Promise<string> {
    return (
      await this.out(['hash-object', '-w', '--stdin'], { input: content.toString('binary'), binary: true })
    ).trim();
  }

  /**
   * The tree of `commit` with `path` set to `blob` (or removed when blob is undefined), built in a
   * throw-away index so the repository's own state is untouched until a ref moves.
   */
  async treeWith(commit: string | undefined, path: string, blob: string | undefined): Promise<string> {
    const folder = await mkdtemp(join(tmpdir(), 'github-emulator-index-'));
    const env = { GIT_INDEX_FILE: join(folder, 'index') };
    try {
      if (commit) await this.out(['read-tree', commit], { env });
      if (blob) await this.out(['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`], { env });
      // --index-info with mode 0 drops the path; --force-remove would want a work tree.
      else await this.out(['update-index', '--index-info'], { env, input: `0 ${'0'.repeat(40)}\t${path}\n` });
      return (await this.out(['write-tree'], { env })).trim();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  async readPath(commit: string, path: string): Promise<PathEntry | undefined> {
    const clean = path.replace(/^\/+|\/+$/g, '');
    const spec = clean ? `${commit}:${clean}` : `${commit}^{tree}`;
    const typeResult = await this.run(['cat-file', '-t', spec]);
    if (typeResult.code !== 0) return undefined;
    const type = typeResult.stdout.trim();
    const sha = (await this.out(['rev-parse', spec])).trim();
    if (type === 'blob') {
      processes++;
      const content = await new Promise<Buffer>((resolve, reject) => {
        execFile(
          'git',
          ['cat-file', 'blob', sha],
          {
            cwd: this.path,
            env: { ...process.env, GIT_DIR: this.path },
            encoding: 'buffer',
            maxBuffer: 1 << 30,
          },
          (error, stdout) => (error ? reject(error) : resolve(stdout)),
        );
      });
      const parent = clean.includes('/') ? clean.slice(0, clean.lastIndexOf('/')) : '';
      const listing = await this.out(['ls-tree', parent ? `${commit}:${parent}` : `${commit}^{tree}`]);
      const name = clean.slice(clean.lastIndexOf('/') + 1);
      const mode = listing
        .split('\n')
        .map((line) => line.split('\t'))
        .find(([, entryName]) => entryName === name)?.[0]
        ?.split(' ')[0];
      return { type: 'file', path: clean, sha, size: content.length, content, mode: mode ?? '100644' };
    }
    if (type !== 'tree') return undefined;
    const out = await this.out(['ls-tree', '-l', '-z', spec]);
    const entries = out
      .split('\x00')
      .filter(Boolean)
      .map((line): TreeEntry => {
        const [meta, name] = line.split('\t') as [string, string];
        const [mode, kind, entrySha, size] = meta.split(/\s+/) as [string, string, string, string];
        const entryType =
          kind === 'tree' ? 'dir' : kind === 'commit' ? 'submodule' : mode === '120000' ? 'symlink' : 'file';
        return {
          type: entryType,
          name,
          path: clean ? `${clean}/${name}` : name,
          sha: entrySha,
          size: size === '-' ? 0 : Number(size),
        };
      });
    return { type: 'dir', path: clean, sha, entries };
  }

  /** The files changed between two commits, with line counts. */
  async diff(from: string | undefined, to: string): Promise<FileChange[]> {
    return remembered(this.path, ['diff', from, to], () => this.computeDiff(from, to));
  }

  private async computeDiff(from: string | undefined, to: string): Promise<FileChange[]> {
    const base = from ?? (await this.out(['hash-object', '-t', 'tree', '/dev/null'])).trim();
    const raw = await this.out(['diff-tree', '-r', '-z', '-M', '--raw', '--no-abbrev', base, to]);
    const numstat = await this.out(['diff-tree', '-r', '-z', '-M', '--numstat', base, to]);
    const changes: FileChange[] = [];
    const rawParts = raw.split('\x00');
    for (let i = 0; i < rawParts.length - 1; ) {
      const meta = rawParts[i++]!;
      if (!meta.startsWith(':')) continue;
      const [, , oldSha, newSha, statusField] = meta.slice(1).split(' ') as [
        string,
        string,
        string,
        string,
        string,
      ];
      const letter = statusField[0];
      if (letter === 'R' || letter === 'C') {
        const previous = rawParts[i++]!;
        const filename = rawParts[i++]!;
        changes.push({
          filename,
          previousFilename: previous,
          status: letter === 'R' ? 'renamed' : 'copied',
          sha: newSha,
          additions: 0,
          deletions: 0,
        });
      } else {
        const filename = rawParts[i++]!;
        const status =
          letter === 'A' ? 'added' : letter === 'D' ? 'removed' : letter === 'M' ? 'modified' : 'changed';
        changes.push({ filename, status, sha: letter === 'D' ? oldSha : newSha, additions: 0, deletions: 0 });
      }
    }
    // numstat -z: "add\tdel\tpath\0" or, for renames, "add\tdel\t\0old\0new\0".
    const parts = numstat.split('\x00');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const match = /^(\d+|-)\t(\d+|-)\t(.*)$/s.exec(part);
      if (!match) continue;
      let filename = match[3]!;
      if (filename === '') {
        i += 2;
        filename = parts[i]!;
      }
      const change = changes.find((c) => c.filename === filename);
      if (change) {
        change.additions = match[1] === '-' ? 0 : Number(match[1]);
        change.deletions = match[2] === '-' ? 0 : Number(match[2]);
      }
    }
    return changes;
  }
}
