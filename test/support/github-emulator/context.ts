import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { forbidden, notFound, unauthorized } from './api-error.js';
import { BareRepository } from './git-repository.js';
import { atLeast, type Role } from './permissions.js';
import type { EmulatorState, RepoState } from './state.js';

/** A repository served by the emulator: its bare git repository and what the emulator remembers. */
export interface Repository {
  owner: string;
  name: string;
  git: BareRepository;
  state: RepoState;
}

/** What every endpoint is given: the state, the git repositories and the URLs to write into bodies. */
export class EmulatorContext {
  /** The API base URL, known once the server listens. */
  apiUrl = 'http://127.0.0.1';

  constructor(
    readonly state: EmulatorState,
    readonly gitDir: string,
    /** Where html_url links point (GitHub's web UI). */
    readonly serverUrl: string,
  ) {}

  /** The bare repository DIR/OWNER/NAME.git (names are case-insensitive, as on GitHub). */
  findRepository(owner: string, name: string): Repository | undefined {
    const located = locate(this.gitDir, owner, name);
    if (!located) return undefined;
    return {
      owner: located.owner,
      name: located.name,
      git: new BareRepository(located.path),
      state: this.state.repo(located.owner, located.name),
    };
  }

  repository(owner: string, name: string): Repository {
    const repository = this.findRepository(owner, name);
    if (!repository) throw notFound();
    return repository;
  }

  /** The role `login` holds on a repository; undefined for anonymous requests. */
  roleOf(repository: Repository, login: string | undefined): Role | undefined {
    if (!login) return undefined;
    if (login.toLowerCase() === repository.owner.toLowerCase()) return 'admin';
    return repository.state.collaborators.get(login.toLowerCase()) ?? 'read';
  }

  /** Refuses the request unless `login` holds `role`, with GitHub's kind of message. */
  requireRole(repository: Repository, login: string | undefined, role: Role, message: string): string {
    if (!login) throw unauthorized();
    if (!atLeast(this.roleOf(repository, login), role)) throw forbidden(message);
    return login;
  }

  requireUser(login: string | undefined): string {
    if (!login) throw unauthorized();
    return login;
  }

  repoApiUrl(repository: { owner: string; name: string }): string {
    return `${this.apiUrl}/repos/${repository.owner}/${repository.name}`;
  }

  repoHtmlUrl(repository: { owner: string; name: string }): string {
    return `${this.serverUrl}/${repository.owner}/${repository.name}`;
  }
}

function locate(gitDir: string, owner: string, name: string) {
  const direct = join(gitDir, owner, `${name}.git`);
  if (existsSync(join(direct, 'HEAD'))) return { owner, name, path: direct };
  const ownerDir = matchEntry(gitDir, owner);
  if (!ownerDir) return undefined;
  const repoDir = matchEntry(join(gitDir, ownerDir), `${name}.git`);
  if (!repoDir) return undefined;
  const path = join(gitDir, ownerDir, repoDir);
  if (!existsSync(join(path, 'HEAD'))) return undefined;
  return { owner: ownerDir, name: repoDir.slice(0, -'.git'.length), path };
}

function matchEntry(dir: string, wanted: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir).find((entry) => entry.toLowerCase() === wanted.toLowerCase());
}

/** Every OWNER/NAME served under gitDir. */
export function listRepositories(gitDir: string): Array<{ owner: string; name: string }> {
  if (!existsSync(gitDir)) return [];
  const found: Array<{ owner: string; name: string }> = [];
  for (const owner of readdirSync(gitDir, { withFileTypes: true })) {
    if (!owner.isDirectory()) continue;
    for (const repo of readdirSync(join(gitDir, owner.name), { withFileTypes: true })) {
      if (
        repo.isDirectory() &&
        repo.name.endsWith('.git') &&
        existsSync(join(gitDir, owner.name, repo.name, 'HEAD'))
      ) {
        found.push({ owner: owner.name, name: repo.name.slice(0, -4) });
      }
    }
  }
  return found.sort((a, b) => `${a.owner}/${a.name}`.localeCompare(`${b.owner}/${b.name}`));
}
