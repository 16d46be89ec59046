/**
 * Repository roles as GitHub orders them. A token is a login (`Authorization: token alice`);
 * the repository's owner is admin, collaborators get the role they were granted, everyone
 * else can read (every emulated repository is public).
 */
export type Role = 'read' | 'triage' | 'write' | 'maintain' | 'admin';

const ORDER: Role[] = ['read', 'triage', 'write', 'maintain', 'admin'];

/** Accepts the names the REST API takes (pull, push) and the role names (read, write, ...). */
export function parseRole(name: string): Role | undefined {
  const normalized = name.toLowerCase();
  if (normalized === 'pull') return 'read';
  if (normalized === 'push') return 'write';
  return ORDER.includes(normalized as Role) ? (normalized as Role) : undefined;
}

export function atLeast(role: Role | undefined, required: Role): boolean {
  return role !== undefined && ORDER.indexOf(role) >= ORDER.indexOf(required);
}

/** The `permissions` object GitHub puts in a repository for the authenticated user. */
export function permissionFlags(role: Role | undefined) {
  return {
    admin: atLeast(role, 'admin'),
    maintain: atLeast(role, 'maintain'),
    push: atLeast(role, 'write'),
    triage: atLeast(role, 'triage'),
    pull: atLeast(role, 'read'),
  };
}

/** The legacy `permission` of GET collaborators/{u}/permission: maintain maps to write, triage to read. */
export function legacyPermission(role: Role | undefined): 'admin' | 'write' | 'read' | 'none' {
  if (role === undefined) return 'none';
  if (role === 'admin') return 'admin';
  if (role === 'maintain' || role === 'write') return 'write';
  return 'read';
}
