import type { Duplex } from 'node:stream';
import { Client, type ConnectConfig, type ServerHostKeyAlgorithm } from 'ssh2';
import { ReleaseTrainError } from '../action/failure.js';
import {
  type HostKeyPin,
  type HostKeyVerdict,
  hostKeyAlgorithmsFor,
  verifyHostKey,
} from '../core/host-key-pin.js';
import type { HostTarget } from '../core/host-target.js';

/**
 * One SSH connection, opened only after the host's key matched a pin. ssh2 accepts any host key
 * unless given a `hostVerifier`; ours decides from the pins during key exchange, before the
 * user name, the key or any command has been sent, and a refusal names the key that was offered.
 */

export interface SshCredentials {
  user: string;
  privateKey: string;
  passphrase?: string;
}

export interface ConnectOptions {
  pins: HostKeyPin[];
  credentials: SshCredentials;
  /** Handshake and authentication must finish within this. */
  readyTimeoutMs: number;
  /** A bastion to reach the host through (the runbook's manager instance). */
  via?: SshConnection;
}

export interface SshConnection {
  target: HostTarget;
  client: Client;
  /** The host key fingerprint that was verified. */
  fingerprint: string;
  close(): void;
}

function describeRefusal(target: HostTarget, verdict: Exclude<HostKeyVerdict, { ok: true }>): string {
  const offered = `${verdict.keyType ?? 'key'} ${verdict.fingerprint}`;
  switch (verdict.reason) {
    case 'host-key-missing':
      return (
        `${target.label} offered the host key ${offered}, and no known-hosts line or fingerprint is pinned for it. ` +
        'Nothing was sent to the host. If that is the right key, add it to `known-hosts` (ssh-keyscan, checked out of band) or `host-key-fingerprints`.'
      );
    case 'host-key-revoked':
      return `${target.label} offered the host key ${offered}, which is marked @revoked. Nothing was sent to the host.`;
    default:
      return (
        `${target.label} offered the host key ${offered}, but ${verdict.expected.join(', ')} is pinned for it. ` +
        'Nothing was sent to the host. The host may have been rebuilt, or something is in the way: check before updating the pin.'
      );
  }
}

function forwardThrough(via: SshConnection, target: HostTarget): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    via.client.forwardOut('127.0.0.1', 0, target.host, target.port, (error, stream) => {
      if (error) {
        reject(
          new ReleaseTrainError(
            'host-unreachable',
            `The jump host ${via.target.label} could not open a connection to ${target.label}: ${error.message}. Nothing was run there.`,
            { host: target.label },
          ),
        );
      } else resolve(stream);
    });
  });
}

export async function connect(target: HostTarget, options: ConnectOptions): Promise<SshConnection> {
  const sock = options.via ? await forwardThrough(options.via, target) : undefined;
  const client = new Client();
  let verdict: HostKeyVerdict | undefined;
  const algorithms = hostKeyAlgorithmsFor(options.pins, target.host, target.port);
  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.user ?? options.credentials.user,
    privateKey: options.credentials.privateKey,
    ...(options.credentials.passphrase !== undefined && { passphrase: options.credentials.passphrase }),
    readyTimeout: options.readyTimeoutMs,
    keepaliveInterval: 15_000,
    keepaliveCountMax: 4,
    ...(sock && { sock }),
    ...(algorithms && { algorithms: { serverHostKey: algorithms as ServerHostKeyAlgorithm[] } }),
    hostVerifier: (key: Buffer) => {
      verdict = verifyHostKey(options.pins, target.host, target.port, key);
      return verdict.ok;
    },
  };
  return new Promise<SshConnection>((resolve, reject) => {
    let settled = false;
    client.once('ready', () => {
      settled = true;
      resolve({
        target,
        client,
        fingerprint: verdict?.fingerprint ?? '',
        close: () => client.end(),
      });
    });
    client.on('error', (error: Error & { level?: string; code?: string }) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(connectionError(target, config.username!, error, verdict, algorithms));
    });
    client.once('close', () => {
      if (settled) return;
      settled = true;
      reject(
        new ReleaseTrainError(
          'host-unreachable',
          `${target.label} closed the connection during the handshake.`,
          {
            host: target.label,
          },
        ),
      );
    });
    try {
      client.connect(config);
    } catch (error) {
      settled = true;
      reject(
        new ReleaseTrainError(
          'bad-input',
          `Could not use the SSH key for ${target.label}: ${(error as Error).message}. Nothing was sent.`,
        ),
      );
    }
  });
}

function connectionError(
  target: HostTarget,
  user: string,
  error: Error & { level?: string; code?: string },
  verdict: HostKeyVerdict | undefined,
  algorithms: string[] | undefined,
): ReleaseTrainError {
  const host = target.label;
  if (verdict && !verdict.ok) {
    return new ReleaseTrainError(verdict.reason, describeRefusal(target, verdict), {
      host,
      offered: verdict.fingerprint,
      key_type: verdict.keyType ?? null,
      pinned: verdict.expected,
    });
  }
  if (!verdict && algorithms && /host key|no matching/i.test(error.message)) {
    return new ReleaseTrainError(
      'host-key-mismatch',
      `${host} offers no host key of the pinned type(s) (${algorithms.join(', ')}): ${error.message}. Nothing was sent to the host.`,
      { host, pinned_algorithms: algorithms },
    );
  }
  if (error.level === 'client-authentication') {
    return new ReleaseTrainError(
      'auth-failed',
      `${host} did not accept the private key for user ${user}. Its host key was verified; no command was run.`,
      { host },
    );
  }
  const why = error.code ? `${error.code}: ${error.message}` : error.message;
  return new ReleaseTrainError(
    'host-unreachable',
    `Could not connect to ${host}: ${why}. Nothing was run there.`,
    {
      host,
    },
  );
}
