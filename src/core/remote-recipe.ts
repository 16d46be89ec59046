/**
 * The runbook's host steps as command lists: restart a container on a new image, and load a
 * key into the ssh-agent on a host. Every value put into a command line is checked first, so
 * nothing a shell would interpret (`;`, `|`, `$()`, quotes, spaces, a leading `-`) reaches the
 * remote shell; what is refused is named with the reason code `bad-recipe-input`.
 */

export interface RemoteCommand {
  /** The command line the remote shell runs. */
  run: string;
  /** What the log and summary show (secrets left out). */
  shown: string;
  /** Sent on the command's standard input, then closed. Never shown. */
  stdin?: string;
  /** When set, the command only counts as succeeded if its output contains this. */
  expectOutput?: string;
}

export class RecipeInputError extends Error {
  override readonly name = 'RecipeInputError';
  constructor(
    readonly input: string,
    readonly value: string,
    readonly why: string,
  ) {
    super(`input \`${input}\`: ${JSON.stringify(value)} ${why}`);
  }
}

// Docker's reference grammar: an optional registry host[:port]/, then lowercase path components.
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const imagePattern = new RegExp(
  `^(?:[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*(?::[0-9]+)?/)?${pathComponent}(?:/${pathComponent})*$`,
);
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const digestPattern = /^sha256:[a-f0-9]{64}$/;
// systemd unit names, without the backslash escapes a shell would read.
const unitPattern = /^[A-Za-z0-9_:.@][A-Za-z0-9_:.@-]{0,254}$/;
const socketPattern = /^\/[A-Za-z0-9_./@%+=:,-]{0,1023}$/;

function requireMatch(input: string, value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) {
    const metacharacter = /[^A-Za-z0-9_./@%+=:,-]/.exec(value);
    const why = metacharacter
      ? `contains ${JSON.stringify(metacharacter[0])}, which is not allowed in ${what}`
      : `is not ${what}`;
    throw new RecipeInputError(input, value, why);
  }
  return value;
}

export interface ContainerRestart {
  image: string;
  tag: string;
  unit: string;
}

/** `docker pull IMAGE:TAG`, `systemctl restart UNIT`, `systemctl is-active UNIT`. */
export function containerRestartCommands(recipe: ContainerRestart): RemoteCommand[] {
  const image = requireMatch('image', recipe.image, imagePattern, 'an image name (registry/name)');
  const tag = recipe.tag;
  const reference = digestPattern.test(tag)
    ? `${image}@${tag}`
    : `${image}:${requireMatch('tag', tag, tagPattern, 'an image tag or sha256: digest')}`;
  const unit = requireMatch('unit', recipe.unit, unitPattern, 'a systemd unit name');
  return [
    { run: `docker pull ${reference}`, shown: `docker pull ${reference}` },
    { run: `systemctl restart ${unit}`, shown: `systemctl restart ${unit}` },
    { run: `systemctl is-active ${unit}`, shown: `systemctl is-active ${unit}` },
  ];
}

export interface AgentKey {
  /** The private key to load (OpenSSH or PEM, without a passphrase). */
  privateKey: string;
  /** Its public fingerprint, checked in the agent afterwards. */
  fingerprint: string;
  /** SSH_AUTH_SOCK of the agent on the host. */
  socket: string;
  /** Seconds the agent keeps the key (ssh-add -t), when set. */
  lifetimeSeconds?: number;
}

/**
 * `ssh-add -` reads the key from standard input, so it never touches the host's disk (the
 * runbook wrote it to a file first); `ssh-add -l` then shows the agent holds it.
 */
export function agentKeyCommands(recipe: AgentKey): RemoteCommand[] {
  const socket = requireMatch('agent-socket', recipe.socket, socketPattern, 'an absolute socket path');
  if (!/^SHA256:[A-Za-z0-9+/]{43}$/.test(recipe.fingerprint)) {
    throw new RecipeInputError('agent-key', '(secret)', 'has no SHA256 fingerprint');
  }
  const lifetime = recipe.lifetimeSeconds !== undefined ? ` -t ${Math.floor(recipe.lifetimeSeconds)}` : '';
  const environment = `SSH_AUTH_SOCK=${socket}`;
  const key = recipe.privateKey.endsWith('\n') ? recipe.privateKey : `${recipe.privateKey}\n`;
  return [
    {
      run: `${environment} ssh-add -q${lifetime} -`,
      shown: `${environment} ssh-add -q${lifetime} - < (agent-key, ${recipe.fingerprint})`,
      stdin: key,
    },
    {
      run: `${environment} ssh-add -l`,
      shown: `${environment} ssh-add -l (expects ${recipe.fingerprint})`,
      expectOutput: recipe.fingerprint,
    },
  ];
}

/** Commands given by the user run as written, one remote shell each. */
export function userCommands(lines: string[]): RemoteCommand[] {
  return lines.map((line) => ({ run: line, shown: line }));
}
