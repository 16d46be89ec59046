/**
 * A host the remote action connects to, as the user writes it: `host`, `host:port`,
 * `user@host:port`, or `[2001:db8::1]:2222`.
 */
export interface HostTarget {
  user?: string;
  host: string;
  port: number;
  /** How the host is named in logs and summaries: `host` or `host:port`. */
  label: string;
}

export type HostTargetReading = { ok: true; target: HostTarget } | { ok: false; problem: string };

const hostName = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const userName = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export function readHostTarget(text: string, defaultPort = 22): HostTargetReading {
  const trimmed = text.trim();
  let rest = trimmed;
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at !== -1) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!userName.test(user)) return { ok: false, problem: `"${trimmed}": "${user}" is not a user name` };
  }
  let host: string;
  let portText: string | undefined;
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) {
    host = bracketed[1]!;
    portText = bracketed[2];
  } else {
    const parts = rest.split(':');
    if (parts.length > 2)
      return { ok: false, problem: `"${trimmed}": write an IPv6 address as [address]:port` };
    host = parts[0]!;
    portText = parts[1];
    if (!hostName.test(host))
      return { ok: false, problem: `"${trimmed}": "${host}" is not a host name or address` };
  }
  const port = portText === undefined ? defaultPort : Number.parseInt(portText, 10);
  if (portText !== undefined && (!/^\d+$/.test(portText) || port < 1 || port > 65535)) {
    return { ok: false, problem: `"${trimmed}": port ${portText} is not between 1 and 65535` };
  }
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    ok: true,
    target: {
      ...(user !== undefined && { user }),
      host,
      port,
      label: port === 22 ? host : `${shownHost}:${port}`,
    },
  };
}
