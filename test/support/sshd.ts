import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A real OpenSSH sshd on 127.0.0.1 for tests: a throw-away host key, an authorized_keys file and
 * everything else in a temp folder. sshd wants an absolute path, runs in the foreground (-D)
 * logging to stderr (-e), and needs /run/sshd (its privilege-separation folder) to exist.
 */

const run = promisify(execFile);
const SSHD = '/usr/sbin/sshd';

export interface KeyPair {
  /** The private key, OpenSSH format. */
  privateKey: string;
  /** The public key line (`ssh-ed25519 AAAA... comment`). */
  publicKey: string;
  /** `SHA256:...` as `ssh-keygen -l` prints it. */
  fingerprint: string;
  privateKeyPath: string;
}

/** A new key pair written into `dir` (kept there; delete `dir` to discard it). */
export async function generateKeyPair(
  dir: string,
  name: string,
  type: 'ed25519' | 'ecdsa' | 'rsa' = 'ed25519',
): Promise<KeyPair> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  const bits = type === 'rsa' ? ['-b', '2048'] : [];
  await run('ssh-keygen', [
    '-q',
    '-t',
    type,
    ...bits,
    '-N',
    '',
    '-C',
    `${name}@release-train-test`,
    '-f',
    path,
  ]);
  return {
    privateKey: await readFile(path, 'utf8'),
    publicKey: (await readFile(`${path}.pub`, 'utf8')).trim(),
    fingerprint: await fingerprintOf(`${path}.pub`),
    privateKeyPath: path,
  };
}

export async function fingerprintOf(publicKeyPath: string): Promise<string> {
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyPath]);
  return stdout.split(' ')[1]!;
}

export interface SshdOptions {
  /** Public key lines allowed to log in (as root, the user the tests run as). */
  authorizedKeys: string[];
  /** Environment for every session (sshd's SetEnv), e.g. a PATH with fake `docker`. */
  env?: Record<string, string>;
  /** Host key type; ed25519 unless a test needs another. */
  hostKeyType?: 'ed25519' | 'ecdsa' | 'rsa';
  /** DEBUG1 logs forwarded (direct-tcpip) channels, to prove a jump host was used. */
  logLevel?: 'INFO' | 'VERBOSE' | 'DEBUG1';
}

export interface Sshd {
  host: string;
  port: number;
  /** The temp folder holding the config, host key and logs; removed by `stop`. */
  root: string;
  hostKey: KeyPair;
  /** The known_hosts line OpenSSH would write for this server (`[127.0.0.1]:PORT type key`). */
  knownHostsLine: string;
  /** What sshd logged so far. */
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startSshd(options: SshdOptions): Promise<Sshd> {
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const root = await mkdtemp(join(tmpdir(), 'release-train-sshd-'));
  const hostKey = await generateKeyPair(root, 'host_key', options.hostKeyType ?? 'ed25519');
  await writeFile(join(root, 'authorized_keys'), `${options.authorizedKeys.join('\n')}\n`, { mode: 0o600 });
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = [
      `ListenAddress 127.0.0.1:${port}`,
      `HostKey ${hostKey.privateKeyPath}`,
      `PidFile ${join(root, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(root, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'AllowTcpForwarding yes',
      'PrintMotd no',
      `LogLevel ${options.logLevel ?? 'INFO'}`,
      ...(options.env && Object.keys(options.env).length > 0
        ? [
            `SetEnv ${Object.entries(options.env)
              .map(([name, value]) => `${name}=${value}`)
              .join(' ')}`,
          ]
        : []),
    ].join('\n');
    const configPath = join(root, 'sshd_config');
    await writeFile(configPath, `${config}\n`);
    const child = spawn(SSHD, ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    const started = await listening(child, () => log);
    if (started === 'listening') {
      const [type, key] = hostKey.publicKey.split(' ');
      return {
        host: '127.0.0.1',
        port,
        root,
        hostKey,
        knownHostsLine: `[127.0.0.1]:${port} ${type} ${key}`,
        log: () => log,
        stop: async () => {
          await stopChild(child);
          await rm(root, { recursive: true, force: true });
        },
      };
    }
    await stopChild(child);
    // Another process took the port between our probe and sshd's bind: try another one.
    if (attempt >= 5 || !/Address already in use|Cannot bind any address/.test(log)) {
      await rm(root, { recursive: true, force: true });
      throw new Error(`sshd did not start:\n${log}`);
    }
  }
}

function listening(child: ChildProcess, log: () => string): Promise<'listening' | 'failed'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish('failed'), 10_000);
    const check = () => {
      if (/Server listening on/.test(log())) finish('listening');
    };
    const onExit = () => finish('failed');
    function finish(outcome: 'listening' | 'failed') {
      clearTimeout(timer);
      child.stderr!.off('data', check);
      child.off('exit', onExit);
      resolve(outcome);
    }
    child.stderr!.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
