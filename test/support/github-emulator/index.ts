import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { EmulatorContext } from './context.js';
import { collaboratorRoutes, grantRole } from './endpoints/collaborators.js';
import { deploymentRoutes } from './endpoints/deployments.js';
import { gitDataRoutes } from './endpoints/git-data.js';
import { issueRoutes } from './endpoints/issues.js';
import { pullRoutes } from './endpoints/pulls.js';
import { releaseRoutes } from './endpoints/releases.js';
import { repositoryRoutes } from './endpoints/repos.js';
import { searchRoutes } from './endpoints/search.js';
import { statusRoutes } from './endpoints/statuses.js';
import { type Fault, type FaultSpec, Faults } from './faults.js';
import { findIssue, recordEvent } from './issue-activity.js';
import type { SchemaViolation } from './openapi.js';
import type { Route } from './router.js';
import { createApiServer, type RequestRecord } from './server.js';
import { EmulatorState } from './state.js';
import {
  type PullRequestEventOptions,
  type PushEventOptions,
  pullRequestPayload,
  pushPayload,
} from './webhooks.js';

export { ApiError } from './api-error.js';
export type { EmulatorContext } from './context.js';
export type { Fault, FaultSpec } from './faults.js';
export type { SchemaViolation } from './openapi.js';
export { type EmulatorRequest, type Reply, type Route, route } from './router.js';
export type { RequestRecord } from './server.js';

const run = promisify(execFile);

export interface GitHubEmulatorOptions {
  /** Serves every bare repository gitDir/OWNER/NAME.git as OWNER/NAME. */
  gitDir: string;
  /** 0 (the default) lets the OS pick a free port. */
  port?: number;
  /** Validate every response against GitHub's OpenAPI description (default true). */
  validate?: boolean;
  /** Where html_url links point (default https://github.com). */
  serverUrl?: string;
  /** Fixes the clock (created_at, merged_at, commit dates of merges) from the start. */
  now?: Date | string;
  /** Logins that are organizations (shown with type Organization). */
  organizations?: string[];
  /**
   * Endpoints served before the emulator's own (same template = replaced). For a test that needs
   * an endpoint the emulator lacks, or a deliberately wrong answer.
   */
  extraRoutes?: Route[];
}

/** Every endpoint, most specific first (the first template that matches serves the request). */
export const routes: Route[] = [
  ...pullRoutes,
  ...statusRoutes,
  ...issueRoutes,
  ...collaboratorRoutes,
  ...releaseRoutes,
  ...deploymentRoutes,
  ...searchRoutes,
  ...gitDataRoutes,
  // Last: GET commits/{ref} and friends take the rest of the path.
  ...repositoryRoutes,
];

/** A running emulator of GitHub's REST API, backed by the bare repositories under gitDir. */
export class GitHubEmulator {
  /** Every request served, in order: method, path, query, status, user, operation. */
  readonly requests: RequestRecord[] = [];
  /** Responses that did not match GitHub's OpenAPI description (each was answered with a 500). */
  readonly schemaViolations: SchemaViolation[] = [];
  /** `METHOD PATH` of requests for endpoints the emulator does not serve (answered with 501). */
  readonly unimplemented: string[] = [];
  validate: boolean;
  private readonly state = new EmulatorState();
  private readonly faults = new Faults();
  private readonly ctx: EmulatorContext;
  private server: Server | undefined;

  constructor(private readonly options: GitHubEmulatorOptions) {
    this.validate = options.validate ?? true;
    this.ctx = new EmulatorContext(this.state, options.gitDir, options.serverUrl ?? 'https://github.com');
    if (options.now) this.state.setNow(options.now);
    for (const login of options.organizations ?? []) this.state.organizations.add(login.toLowerCase());
  }

  /** The API base URL (http://127.0.0.1:PORT): use it as GITHUB_API_URL or Octokit's baseUrl. */
  get url(): string {
    return this.ctx.apiUrl;
  }

  get gitDir(): string {
    return this.options.gitDir;
  }

  async listen(): Promise<this> {
    const server = createApiServer({
      ctx: this.ctx,
      routes: [...(this.options.extraRoutes ?? []), ...routes],
      faults: this.faults,
      validate: () => this.validate,
      requests: this.requests,
      violations: this.schemaViolations,
      unimplemented: this.unimplemented,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.ctx.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Makes gitDir/OWNER/NAME.git, a bare repository whose HEAD names `defaultBranch`. */
  async createRepo(owner: string, name: string, options: { defaultBranch?: string } = {}): Promise<string> {
    const path = join(this.options.gitDir, owner, `${name}.git`);
    await mkdir(path, { recursive: true });
    await run('git', [
      'init',
      '--bare',
      '--quiet',
      `--initial-branch=${options.defaultBranch ?? 'main'}`,
      path,
    ]);
    this.state.repo(owner, name);
    return path;
  }

  /** Forks OWNER/NAME to FORK_OWNER/NAME (a bare clone under gitDir) and returns its path. */
  async createFork(owner: string, name: string, forkOwner: string): Promise<string> {
    const source = this.ctx.repository(owner, name);
    const path = join(this.options.gitDir, forkOwner, `${source.name}.git`);
    await mkdir(dirname(path), { recursive: true });
    await run('git', ['clone', '--bare', '--quiet', source.git.path, path]);
    this.state.repo(forkOwner, source.name).parent = `${source.owner}/${source.name}`;
    return path;
  }

  /** Grants `login` a role (pull|triage|push|maintain|admin, or read/write), as PUT collaborators does. */
  grant(owner: string, name: string, login: string, permission: string): void {
    grantRole(this.ctx.repository(owner, name), login, permission);
  }

  /** Makes matching requests fail; returns the fault, whose `hits` counts the requests it answered. */
  injectFault(spec: FaultSpec): Fault {
    return this.faults.add(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Fixes the clock used for created_at, merged_at, events and the commits merges make. */
  setNow(date: Date | string): void {
    this.state.setNow(date);
  }

  /** Moves the (fixed) clock forward. */
  advance(ms: number): void {
    this.state.advance(ms);
  }

  now(): Date {
    return this.state.now();
  }

  /**
   * Links a pull request to an issue the way the "Development" sidebar does: a `connected`
   * event on both timelines (GitHub's REST API shows no other trace of such a link); merging the
   * pull request into the default branch closes the issue.
   */
  linkIssue(
    owner: string,
    name: string,
    pullNumber: number,
    issueNumber: number,
    options: { actor?: string } = {},
  ) {
    const repo = this.ctx.repository(owner, name);
    const pull = findIssue(repo, pullNumber);
    const issue = findIssue(repo, issueNumber);
    const actor = options.actor ?? pull.user;
    const at = (number: number) => ({ owner: repo.owner, repo: repo.name, number });
    recordEvent(this.ctx, repo, issue, {
      event: 'connected',
      actor,
      timelineOnly: true,
      source: at(pullNumber),
    });
    recordEvent(this.ctx, repo, pull, {
      event: 'connected',
      actor,
      timelineOnly: true,
      source: at(issueNumber),
    });
  }

  /** A `pull_request` (or `pull_request_target`) webhook payload for the pull request as it is now. */
  pullRequestEvent(
    owner: string,
    name: string,
    number: number,
    action: string,
    options?: PullRequestEventOptions,
  ) {
    return pullRequestPayload(this.ctx, this.ctx.repository(owner, name), number, action, options);
  }

  /** A `push` webhook payload for a ref moving from `before` to `after`. */
  pushEvent(owner: string, name: string, before: string, after: string, options?: PushEventOptions) {
    return pushPayload(this.ctx, this.ctx.repository(owner, name), before, after, options);
  }
}

export async function startGitHubEmulator(options: GitHubEmulatorOptions): Promise<GitHubEmulator> {
  return new GitHubEmulator(options).listen();
}
