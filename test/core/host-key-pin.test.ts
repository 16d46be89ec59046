import { createHash, createHmac } from 'node:crypto';
import {
  fingerprintOf,
  hostKeyAlgorithmsFor,
  keyTypeOf,
  parseFingerprintPins,
  parseKnownHosts,
  pinCoversHost,
  verifyHostKey,
} from '../../src/core/host-key-pin.js';

/** An SSH public key blob: string type, then some key bytes. */
function keyBlob(type: string, seed: string): Buffer {
  const typeBytes = Buffer.from(type);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(typeBytes.length);
  const body = createHash('sha256').update(seed).digest();
  const bodyLength = Buffer.alloc(4);
  bodyLength.writeUInt32BE(body.length);
  return Buffer.concat([length, typeBytes, bodyLength, body]);
}

const web = keyBlob('ssh-ed25519', 'web');
const other = keyBlob('ssh-ed25519', 'other');
const rsa = keyBlob('ssh-rsa', 'web-rsa');
const line = (hosts: string, blob: Buffer, marker = '') =>
  `${marker ? `${marker} ` : ''}${hosts} ${keyTypeOf(blob)} ${blob.toString('base64')}`;

describe('host key pins', () => {
  it('a fingerprint is SHA256 of the key blob in unpadded base64, as ssh-keygen prints it', () => {
    const expected = createHash('sha256').update(web).digest('base64').replace(/=+$/, '');
    expect(fingerprintOf(web)).toBe(`SHA256:${expected}`);
    expect(keyTypeOf(web)).toBe('ssh-ed25519');
  });

  it('a known_hosts line pins its key to the hosts it names, on port 22 by bare name and otherwise as [host]:port', () => {
    const { pins, problems } = parseKnownHosts(
      [line('web1,10.0.0.5', web), line('[git.example]:2222', web), '# comment', ''].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(verifyHostKey(pins, 'web1', 22, web)).toMatchObject({ ok: true });
    expect(verifyHostKey(pins, '10.0.0.5', 22, web)).toMatchObject({ ok: true });
    expect(verifyHostKey(pins, 'git.example', 2222, web)).toMatchObject({ ok: true });
    // The same name on another port is another host, as in OpenSSH.
    expect(verifyHostKey(pins, 'web1', 2222, web)).toMatchObject({ ok: false, reason: 'host-key-missing' });
  });

  it('a different key for a pinned host is a mismatch that names what was offered and what is pinned', () => {
    const { pins } = parseKnownHosts(line('web1', web));
    expect(verifyHostKey(pins, 'web1', 22, other)).toEqual({
      ok: false,
      reason: 'host-key-mismatch',
      fingerprint: fingerprintOf(other),
      keyType: 'ssh-ed25519',
      expected: [fingerprintOf(web)],
    });
  });

  it('hashed host names (ssh-keyscan -H) match the host they were hashed from', () => {
    const salt = Buffer.from('0123456789abcdef0123');
    const hash = createHmac('sha1', salt).update('[web1]:2200').digest('base64');
    const { pins } = parseKnownHosts(line(`|1|${salt.toString('base64')}|${hash}`, web));
    expect(pinCoversHost(pins[0]!.hosts, 'web1', 2200)).toBe(true);
    expect(pinCoversHost(pins[0]!.hosts, 'web2', 2200)).toBe(false);
  });

  it('wildcards match and a negated pattern excludes a host', () => {
    expect(pinCoversHost('*.prod.example,!bastion.prod.example', 'api.prod.example', 22)).toBe(true);
    expect(pinCoversHost('*.prod.example,!bastion.prod.example', 'bastion.prod.example', 22)).toBe(false);
    expect(pinCoversHost('web?', 'web1', 22)).toBe(true);
  });

  it('a @revoked key is refused even when another line trusts it', () => {
    const { pins } = parseKnownHosts([line('*', web), line('web1', web, '@revoked')].join('\n'));
    expect(verifyHostKey(pins, 'web1', 22, web)).toMatchObject({ ok: false, reason: 'host-key-revoked' });
  });

  it('lines that cannot be trusted are reported, not skipped silently', () => {
    const { pins, problems } = parseKnownHosts(
      [
        `web1 ssh-ed25519 ${rsa.toString('base64')}`,
        line('ca', web, '@cert-authority'),
        'web1 ssh-ed25519',
      ].join('\n'),
    );
    expect(pins).toEqual([]);
    expect(problems).toEqual([
      'known-hosts line 1: the key does not hold a ssh-ed25519 key',
      'known-hosts line 2: @cert-authority lines are not supported; pin the host keys themselves',
      'known-hosts line 3: expected "hosts key-type base64-key"',
    ]);
  });

  it('a bare fingerprint pins every host, a HOST fingerprint line only that host', () => {
    const { pins, problems } = parseFingerprintPins([
      fingerprintOf(web),
      `[git.example]:2222 ${fingerprintOf(other)}`,
      `256 ${fingerprintOf(rsa)} root@web (RSA)`,
    ]);
    expect(problems).toEqual([]);
    expect(pins.map((pin) => pin.hosts)).toEqual(['*', '[git.example]:2222', '*']);
    expect(verifyHostKey(pins, 'anything', 22, web)).toMatchObject({ ok: true });
    expect(verifyHostKey(pins, 'git.example', 2222, other)).toMatchObject({ ok: true });
    expect(verifyHostKey(pins, 'web1', 22, other)).toMatchObject({ ok: false, reason: 'host-key-mismatch' });
  });

  it('MD5 fingerprints and truncated ones are refused', () => {
    const { problems } = parseFingerprintPins([
      'MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48',
      'SHA256:abc',
    ]);
    expect(problems[0]).toMatch(/MD5 fingerprints are not accepted/);
    expect(problems[1]).toMatch(/is not a SHA256 fingerprint/);
  });

  it('a host pinned by its RSA line is asked for an RSA key, so it does not offer another type first', () => {
    const { pins } = parseKnownHosts(line('web1', rsa));
    expect(hostKeyAlgorithmsFor(pins, 'web1', 22)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(hostKeyAlgorithmsFor(parseFingerprintPins([fingerprintOf(web)]).pins, 'web1', 22)).toBeUndefined();
  });
});
