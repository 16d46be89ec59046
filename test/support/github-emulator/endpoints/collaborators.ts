import { notFound, validationFailed } from '../api-error.js';
import type { EmulatorContext, Repository } from '../context.js';
import { paginate } from '../pagination.js';
import { legacyPermission, parseRole, permissionFlags, type Role } from '../permissions.js';
import * as json from '../representations.js';
import { route } from '../router.js';
import { ok, repoOf } from './repos.js';

/**
 * Collaborators and their roles. PUT grants the role at once and answers 204, where GitHub would
 * send an invitation (201) that the user must accept first.
 */

/** The role granted to `login` (owner: admin), or undefined when none was. */
function grantedRole(repo: Repository, login: string): Role | undefined {
  if (login.toLowerCase() === repo.owner.toLowerCase()) return 'admin';
  return repo.state.collaborators.get(login.toLowerCase());
}

function collaborator(ctx: EmulatorContext, login: string, role: Role | undefined) {
  return {
    ...json.user(ctx, login),
    name: null,
    email: null,
    permissions: permissionFlags(role),
    role_name: role ?? 'read',
  };
}

/** Grants a role, as PUT collaborators/{username} does (also the JS API's `grant`). */
export function grantRole(repo: Repository, login: string, permission: string): Role {
  const role = parseRole(permission);
  if (!role) {
    throw validationFailed({
      resource: 'Repository',
      code: 'invalid',
      field: 'permission',
      value: permission,
    });
  }
  repo.state.collaborators.set(login.toLowerCase(), role);
  return role;
}

export const collaboratorRoutes = [
  route('GET', '/repos/{owner}/{repo}/collaborators', (request, ctx) => {
    const repo = repoOf(request, ctx);
    ctx.requireRole(repo, request.user, 'write', 'Must have push access to view repository collaborators.');
    const logins = [repo.owner, ...repo.state.collaborators.keys()];
    const page = paginate(logins, request.url, request.query);
    return ok(
      page.items.map((login) => collaborator(ctx, login, grantedRole(repo, login))),
      page.headers,
    );
  }),

  route('GET', '/repos/{owner}/{repo}/collaborators/{username}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    ctx.requireRole(repo, request.user, 'write', 'Must have push access to view repository collaborators.');
    if (!grantedRole(repo, request.params.username!)) throw notFound();
    return { status: 204 };
  }),

  route('PUT', '/repos/{owner}/{repo}/collaborators/{username}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    ctx.requireRole(repo, request.user, 'admin', 'Must have admin rights to Repository.');
    grantRole(repo, request.params.username!, request.body?.permission ?? 'push');
    return { status: 204 };
  }),

  route('DELETE', '/repos/{owner}/{repo}/collaborators/{username}', (request, ctx) => {
    const repo = repoOf(request, ctx);
    ctx.requireRole(repo, request.user, 'admin', 'Must have admin rights to Repository.');
    repo.state.collaborators.delete(request.params.username!.toLowerCase());
    return { status: 204 };
  }),

  route('GET', '/repos/{owner}/{repo}/collaborators/{username}/permission', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const login = request.params.username!;
    // Every emulated repository is public: anyone else can read it.
    const role = grantedRole(repo, login) ?? 'read';
    return ok({
      permission: legacyPermission(role),
      role_name: role,
      user: collaborator(ctx, login, role),
    });
  }),
];
