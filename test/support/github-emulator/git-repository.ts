import { execFile } from 'node:child_process';

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

  run(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<GitResult> {
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
      if (options.input !== undefined) child.stdin?.end(options.input);
    });
  }

  private async out(args: string[], options?: { input?: string; env?: Record<string, string> }) {
    const result = await this.run(args, options);
    if (result.code !== 0)
      throw new Error(`git ${args.join(' ')} failed (${result.code}): ${result.stderr.trim()}`);
    return result.stdout;
  }

  /** The branch HEAD names (the repository's default branch). */
  async defaultBranch(): Promise<string> {
    const result = await this.run(['symbolic-ref', '--quiet', '--short', 'HEAD']);
    return result.code === 0 ? result.stdout.trim() : 'main';
  }

  /** The commit a branch, tag, full ref or (abbreviated) sha names, or undefined. */
  async resolveCommit(name: string): Promise<string | undefined> {
    if (!name || name.startsWith('-') || name.includes('..')) return undefined;
    const candidates = /^[0-9a-f]{4,40}$/i.test(name)
      ? [name, `refs/heads/${name}`, `refs/tags/${name}`]
      : [`refs/heads/${name}`, `refs/tags/${name}`, name];
    for (const candidate of candidates) {
      const result = await this.run([
        'rev-parse',
        '--verify',
        '--quiet',
        '--end-of-options',
        `${candidate}^{commit}`,
      ]);
      if (result.code === 0) return result.stdout.trim();
    }
    return undefined;
  }

  async branchSha(branch: string): Promise<string | undefined> {
    const result = await this.run([
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `refs/heads/${branch}^{commit}`,
    ]);
    return result.code === 0 ? result.stdout.trim() : undefined;
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
    const result = await this.run(['merge-base', a, b]);
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return (await this.run(['merge-base', '--is-ancestor', ancestor, descendant])).code === 0;
  }

  async hasObject(sha: string): Promise<boolean> {
    return (await this.run(['cat-file', '-e', `${sha}^{commit}`])).code === 0;
  }

  /** Three-way merge of two commits (their merge base is the base), written as a tree only. */
  async mergeTrees(ours: string, theirs: string): Promise<TreeMerge> {
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

  async readPath(commit: string, path: string): Promise<PathEntry | undefined> {
    const clean = path.replace(/^\/+|\/+$/g, '');
    const spec = clean ? `${commit}:${clean}` : `${commit}^{tree}`;
    const typeResult = await this.run(['cat-file', '-t', spec]);
    if (typeResult.code !== 0) return undefined;
    const type = typeResult.stdout.trim();
    const sha = (await this.out(['rev-parse', spec])).trim();
    if (type === 'blob') {
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
