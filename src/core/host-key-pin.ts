import { createHash, createHmac } from 'node:crypto';

/**
 * Host keys the remote action trusts. A pin comes from an OpenSSH known_hosts line or from a
 * `SHA256:` fingerprint; a host is only ever talked to after the key it offers matches a pin
 * for its name. There is no "accept any key": no pin for a host is a refusal, like a mismatch.
 */
export interface HostKeyPin {
  /** known_hosts host patterns (`web1,10.0.0.5`, `[web1]:2222`, `*.example.com`, `|1|salt|hash`); `*` for a bare fingerprint. */
  hosts: string;
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`, ... when known (known_hosts lines). */
  keyType?: string;
  fingerprint: string;
  /** An `@revoked` line: this key is refused for these hosts. */
  revoked: boolean;
  /** Where the pin came from, for messages (`known-hosts line 3`). */
  source: string;
}

export interface PinReading {
  pins: HostKeyPin[];
  /** Lines that were not understood, with why. */
  problems: string[];
}

/** `SHA256:` + unpadded base64 of the SHA-256 of the key blob, as `ssh-keygen -l` prints it. */
export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (its first string). */
export function keyTypeOf(keyBlob: Buffer): string | undefined {
  if (keyBlob.length < 4) return undefined;
  const length = keyBlob.readUInt32BE(0);
  if (length === 0 || length > 64 || keyBlob.length < 4 + length) return undefined;
  return keyBlob.subarray(4, 4 + length).toString('latin1');
}

export function parseKnownHosts(text: string, origin = 'known-hosts'): PinReading {
  const pins: HostKeyPin[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const source = `${origin} line ${index + 1}`;
    const fields = line.split(/\s+/);
    let marker: string | undefined;
    if (fields[0]!.startsWith('@')) marker = fields.shift();
    const [hosts, keyType, keyBase64] = fields;
    if (!hosts || !keyType || !keyBase64) {
      problems.push(`${source}: expected "hosts key-type base64-key"`);
      return;
    }
    if (marker === '@cert-authority') {
      problems.push(`${source}: @cert-authority lines are not supported; pin the host keys themselves`);
      return;
    }
    if (marker !== undefined && marker !== '@revoked') {
      problems.push(`${source}: unknown marker ${marker}`);
      return;
    }
    const blob = Buffer.from(keyBase64, 'base64');
    if (blob.length === 0 || blob.toString('base64').replace(/=+$/, '') !== keyBase64.replace(/=+$/, '')) {
      problems.push(`${source}: the key is not base64`);
      return;
    }
    if (keyTypeOf(blob) !== keyType) {
      problems.push(`${source}: the key does not hold a ${keyType} key`);
      return;
    }
    pins.push({ hosts, keyType, fingerprint: fingerprintOf(blob), revoked: marker === '@revoked', source });
  });
  return { pins, problems };
}

/**
 * Fingerprint pins, one per line: `SHA256:...` (trusted for every host), or `HOST SHA256:...`
 * with HOST a known_hosts pattern. `ssh-keygen -l` output (`256 SHA256:... comment (ED25519)`)
 * is read as a fingerprint for every host.
 */
export function parseFingerprintPins(lines: string[], origin = 'host-key-fingerprints'): PinReading {
  const pins: HostKeyPin[] = [];
  const problems: string[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const source = `${origin} line ${index + 1}`;
    const tokens = line.split(/\s+/);
    const fingerprint = tokens.find((token) => /^SHA256:/i.test(token));
    if (!fingerprint) {
      const md5 = tokens.some((token) => /^MD5:|^([0-9a-f]{2}:){15}[0-9a-f]{2}$/i.test(token));
      problems.push(
        `${source}: ${md5 ? 'MD5 fingerprints are not accepted; use' : 'expected'} a SHA256:... fingerprint (ssh-keygen -lf key.pub)`,
      );
      return;
    }
    const value = fingerprint.slice('SHA256:'.length).replace(/=+$/, '');
    if (!/^[A-Za-z0-9+/]{43}$/.test(value)) {
      problems.push(`${source}: ${fingerprint} is not a SHA256 fingerprint (43 base64 characters)`);
      return;
    }
    const first = tokens[0]!;
    const hosts = first !== fingerprint && !/^\d+$/.test(first) ? first : '*';
    pins.push({ hosts, fingerprint: `SHA256:${value}`, revoked: false, source });
  });
  return { pins, problems };
}

/** The name a host is looked up by in known_hosts: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function wildcardMatch(pattern: string, name: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(name);
}

function hashedMatch(pattern: string, name: string): boolean {
  const [, magic, salt, hash] = pattern.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
  return digest === hash;
}

/** Whether a known_hosts host field names this host (OpenSSH rules: any positive match, no negated one). */
export function pinCoversHost(hosts: string, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  if (hosts.startsWith('|')) return hashedMatch(hosts, name);
  let matched = false;
  for (const pattern of hosts.split(',')) {
    if (pattern.startsWith('!')) {
      if (wildcardMatch(pattern.slice(1), name)) return false;
    } else if (wildcardMatch(pattern, name)) matched = true;
  }
  return matched;
}

export type HostKeyVerdict =
  | { ok: true; fingerprint: string; keyType?: string; pin: HostKeyPin }
  | {
      ok: false;
      reason: 'host-key-missing' | 'host-key-mismatch' | 'host-key-revoked';
      fingerprint: string;
      keyType?: string;
      /** The fingerprints pinned for this host. */
      expected: string[];
    };

/** Decides whether the key a host offered is one pinned for it. */
export function verifyHostKey(
  pins: HostKeyPin[],
  host: string,
  port: number,
  offered: Buffer,
): HostKeyVerdict {
  const fingerprint = fingerprintOf(offered);
  const keyType = keyTypeOf(offered);
  const forHost = pins.filter((pin) => pinCoversHost(pin.hosts, host, port));
  const revoked = forHost.find((pin) => pin.revoked && pin.fingerprint === fingerprint);
  const trusted = forHost.filter((pin) => !pin.revoked);
  const expected = trusted.map((pin) => pin.fingerprint);
  if (revoked) return { ok: false, reason: 'host-key-revoked', fingerprint, keyType, expected };
  const match = trusted.find((pin) => pin.fingerprint === fingerprint);
  if (match) return { ok: true, fingerprint, keyType, pin: match };
  return {
    ok: false,
    reason: trusted.length === 0 ? 'host-key-missing' : 'host-key-mismatch',
    fingerprint,
    keyType,
    expected,
  };
}

const algorithmsForKeyType: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

/**
 * The host key algorithms to ask a host for, so that it offers a key of a type that is pinned
 * (a host with ed25519 and RSA keys, pinned by its RSA line, must not be asked for ed25519 first).
 * Undefined when a pin for the host has no known type (a bare fingerprint): then the defaults.
 */
export function hostKeyAlgorithmsFor(pins: HostKeyPin[], host: string, port: number): string[] | undefined {
  const forHost = pins.filter((pin) => !pin.revoked && pinCoversHost(pin.hosts, host, port));
  if (forHost.length === 0 || forHost.some((pin) => pin.keyType === undefined)) return undefined;
  const algorithms = forHost.flatMap((pin) => algorithmsForKeyType[pin.keyType!] ?? []);
  return algorithms.length > 0 ? [...new Set(algorithms)] : undefined;
}
