import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createSandbox, type Sandbox } from '../support/git.js';
import { runAction } from '../support/run-action.js';
import { generateKeyPair, type KeyPair, type Sshd, startSshd } from '../support/sshd.js';

const exec = promisify(execFile);

let sandbox: Sandbox;
let client: KeyPair;
let stranger: KeyPair;
const hosts: Record<'a' | 'b' | 'c', Sshd> = {} as never;
let bastion: Sshd;
let knownHosts: string;

const fakeCommand = (name: string, extra = '') => `#!/bin/sh
printf '%s' ${name} >> "$RT_RECORD"
for arg in "$@"; do printf ' [%s]' "$arg" >> "$RT_RECORD"; done
echo >> "$RT_RECORD"
${extra}
`;

beforeAll(async () => {
  sandbox = await createSandbox('release-train-remote-');
  client = await generateKeyPair(join(sandbox.root, 'keys'), 'deploy');
  stranger = await generateKeyPair(join(sandbox.root, 'keys'), 'stranger');
  const bin = join(sandbox.root, 'bin');
  await mkdir(bin, { recursive: true });
  await writeFile(join(bin, 'docker'), fakeCommand('docker'));
  await writeFile(
    join(bin, 'systemctl'),
    fakeCommand('systemctl', 'if [ "$1" = is-active ]; then echo active; fi'),
  );
  await chmod(join(bin, 'docker'), 0o755);
  await chmod(join(bin, 'systemctl'), 0o755);
  for (const name of ['a', 'b', 'c'] as const) {
    hosts[name] = await startSshd({
      authorizedKeys: [client.publicKey],
      env: { PATH: `${bin}:/usr/bin:/bin`, RT_HOST: name, RT_RECORD: join(sandbox.root, `record-${name}`) },
    });
  }
  bastion = await startSshd({ authorizedKeys: [client.publicKey], logLevel: 'DEBUG1' });
  knownHosts = [...Object.values(hosts), bastion].map((sshd) => sshd.knownHostsLine).join('\n');
});

afterAll(async () => {
  await Promise.all([...Object.values(hosts), bastion].filter(Boolean).map((sshd) => sshd.stop()));
  await sandbox?.cleanup();
});

const address = (sshd: Sshd) => `127.0.0.1:${sshd.port}`;
const marker = (name: string) => join(sandbox.root, `marker-${name}-${Math.random().toString(36).slice(2)}`);

function remote(inputs: Record<string, string | boolean | number>) {
  return runAction('remote', {
    inputs: { user: 'root', 'private-key': client.privateKey, 'known-hosts': knownHosts, ...inputs },
    timeoutMs: 30_000,
  });
}

interface HostResult {
  host: string;
  status: string;
  exit_status: string;
  host_key?: string;
  commands: { command: string; exit_code: number | null; timed_out: boolean }[];
}
const hostResults = (result: Record<string, unknown> | undefined) => (result?.hosts ?? []) as HostResult[];

describe('the remote action over a real sshd', () => {
  it('runs each command on the host, streams its output prefixed with the host and reports every exit status', async () => {
    const touched = marker('ran');
    const run = await remote({
      hosts: address(hosts.a),
      commands: `echo "hello from $RT_HOST"\ntouch ${touched}`,
    });
    expect(run.exitCode).toBe(0);
    expect(run.result).toMatchObject({ ok: true, reason_code: 'ok' });
    expect(run.stdout).toContain(`::group::${address(hosts.a)}`);
    expect(run.stdout).toContain(`[${address(hosts.a)}] hello from a`);
    expect(existsSync(touched)).toBe(true);
    const [host] = hostResults(run.result);
    expect(host).toMatchObject({ host: address(hosts.a), status: 'succeeded', exit_status: '0' });
    expect(host!.host_key).toBe(hosts.a.hostKey.fingerprint);
    expect(host!.commands.map((command) => command.exit_code)).toEqual([0, 0]);
    expect(run.summary).toMatch(new RegExp(`\\| ${address(hosts.a)} \\| ✅ succeeded \\| 0 \\| \\d`));
  });

  it('a failing command fails the step without set -e, and the commands after it do not run', async () => {
    const after = marker('after');
    const run = await remote({ hosts: address(hosts.a), commands: `echo start\nexit 3\ntouch ${after}` });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['reason-code']).toBe('command-failed');
    expect(existsSync(after)).toBe(false);
    const [host] = hostResults(run.result);
    expect(host).toMatchObject({ status: 'failed', exit_status: '3' });
    expect(host!.commands.map((command) => command.exit_code)).toEqual([0, 3]);
    expect(run.errors.join('\n')).toMatch(/`exit 3` exited 3; 1 later command\(s\) not run/);
  });

  it('a host-key mismatch is refused before anything is sent, naming the key that was offered', async () => {
    const touched = marker('mismatch');
    const wrongPin = `[127.0.0.1]:${hosts.a.port} ${stranger.publicKey.split(' ').slice(0, 2).join(' ')}`;
    const logBefore = hosts.a.log().length;
    const run = await remote({
      hosts: address(hosts.a),
      'known-hosts': wrongPin,
      commands: `touch ${touched}`,
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['reason-code']).toBe('host-key-mismatch');
    expect(existsSync(touched)).toBe(false);
    const message = run.errors.join('\n');
    expect(message).toContain(`offered the host key ssh-ed25519 ${hosts.a.hostKey.fingerprint}`);
    expect(message).toContain(`but ${stranger.fingerprint} is pinned for it`);
    // sshd never saw a login attempt: the handshake stopped at the host key.
    expect(hosts.a.log().slice(logBefore)).not.toMatch(/Accepted|publickey/);
    expect(hostResults(run.result)[0]).toMatchObject({ status: 'refused' });
  });

  it('a host with no pinned key is refused with the fingerprint it offered, and no pins at all is refused up front', async () => {
    const touched = marker('unpinned');
    const otherHostOnly = hosts.b.knownHostsLine;
    const run = await remote({
      hosts: address(hosts.a),
      'known-hosts': otherHostOnly,
      commands: `touch ${touched}`,
    });
    expect(run.outputs['reason-code']).toBe('host-key-missing');
    expect(run.errors.join('\n')).toContain(hosts.a.hostKey.fingerprint);
    expect(existsSync(touched)).toBe(false);

    const none = await remote({ hosts: address(hosts.a), 'known-hosts': '', commands: `touch ${touched}` });
    expect(none.outputs['reason-code']).toBe('host-key-missing');
    expect(none.errors.join('\n')).toMatch(/No host key is pinned/);
    expect(existsSync(touched)).toBe(false);
  });

  it('a key the host does not accept is auth-failed, after its host key was verified', async () => {
    const run = await remote({
      hosts: address(hosts.a),
      'private-key': stranger.privateKey,
      commands: 'true',
    });
    expect(run.outputs['reason-code']).toBe('auth-failed');
    expect(run.errors.join('\n')).toMatch(
      /did not accept the private key for user root\. Its host key was verified/,
    );
  });

  it('with fail-fast, a host that cannot be reached means no host runs anything', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const touched = marker('unreachable');
    const run = await remote({
      hosts: `${address(hosts.a)}\n127.0.0.1:${closedPort}`,
      'known-hosts': `${knownHosts}\n[127.0.0.1]:${closedPort} ${stranger.publicKey}`,
      commands: `touch ${touched}`,
      'max-parallel': 2,
    });
    expect(run.outputs['reason-code']).toBe('host-unreachable');
    expect(hostResults(run.result).map((host) => host.status)).toEqual(['skipped', 'unreachable']);
    expect(run.errors.join('\n')).toContain('ECONNREFUSED');
    expect(existsSync(touched)).toBe(false);
  });

  it('a SHA256 fingerprint pins a host as well as a known_hosts line does', async () => {
    const run = await remote({
      hosts: address(hosts.a),
      'known-hosts': '',
      'host-key-fingerprints': `[127.0.0.1]:${hosts.a.port} ${hosts.a.hostKey.fingerprint}`,
      commands: 'true',
    });
    expect(run.exitCode).toBe(0);
  });

  it('reaches a host through the jump host, whose key is verified too', async () => {
    const touched = marker('jump');
    const run = await remote({
      hosts: address(hosts.c),
      'jump-host': address(bastion),
      commands: `touch ${touched}`,
    });
    expect(run.exitCode).toBe(0);
    expect(existsSync(touched)).toBe(true);
    expect(run.stdout).toContain(
      `[${address(bastion)} (jump host)] host key verified: ${bastion.hostKey.fingerprint}`,
    );
    // The bastion's sshd opened the forwarded channel to the target.
    expect(bastion.log()).toMatch(
      new RegExp(`direct_tcpip: originator .*, target 127\\.0\\.0\\.1 port ${hosts.c.port}\\b`),
    );

    const refused = marker('jump-refused');
    const wrongBastion = [hosts.c.knownHostsLine, `[127.0.0.1]:${bastion.port} ${stranger.publicKey}`].join(
      '\n',
    );
    const bad = await remote({
      hosts: address(hosts.c),
      'jump-host': address(bastion),
      'known-hosts': wrongBastion,
      commands: `touch ${refused}`,
    });
    expect(bad.outputs['reason-code']).toBe('host-key-mismatch');
    expect(bad.errors.join('\n')).toContain(bastion.hostKey.fingerprint);
    expect(existsSync(refused)).toBe(false);
    expect(hostResults(bad.result).map((host) => host.status)).toEqual(['refused', 'skipped']);
  });

  describe('several hosts', () => {
    const commands = (tag: string) => `test "$RT_HOST" != b\ntouch ${sandbox.root}/done-${tag}-$RT_HOST`;

    it('in parallel without fail-fast, one failing host fails the step and the others finish', async () => {
      const run = await remote({
        hosts: [hosts.a, hosts.b, hosts.c].map(address).join('\n'),
        commands: commands('parallel'),
        'max-parallel': 3,
        'fail-fast': false,
      });
      expect(run.exitCode).toBe(1);
      expect(run.outputs['reason-code']).toBe('command-failed');
      expect(hostResults(run.result).map((host) => [host.status, host.exit_status])).toEqual([
        ['succeeded', '0'],
        ['failed', '1'],
        ['succeeded', '0'],
      ]);
      expect(existsSync(join(sandbox.root, 'done-parallel-a'))).toBe(true);
      expect(existsSync(join(sandbox.root, 'done-parallel-b'))).toBe(false);
      expect(existsSync(join(sandbox.root, 'done-parallel-c'))).toBe(true);
      // Each host's output in its own group, printed once the host finished.
      for (const sshd of [hosts.a, hosts.b, hosts.c])
        expect(run.stdout).toContain(`::group::${address(sshd)}: `);
      expect(run.summary).toContain('❌ failed');
    });

    it('with fail-fast, hosts after a failing one are not started', async () => {
      const run = await remote({
        hosts: [hosts.b, hosts.a, hosts.c].map(address).join(','),
        commands: commands('failfast'),
        'max-parallel': 1,
        'fail-fast': true,
      });
      expect(run.exitCode).toBe(1);
      expect(hostResults(run.result).map((host) => host.status)).toEqual(['failed', 'skipped', 'skipped']);
      expect(existsSync(join(sandbox.root, 'done-failfast-a'))).toBe(false);
      expect(existsSync(join(sandbox.root, 'done-failfast-c'))).toBe(false);
      expect(run.summary).toContain('not run: 127.0.0.1');
    });

    it('one refused host key means no host runs anything', async () => {
      const pins = [hosts.a.knownHostsLine, `[127.0.0.1]:${hosts.b.port} ${stranger.publicKey}`].join('\n');
      const run = await remote({
        hosts: [hosts.a, hosts.b].map(address).join('\n'),
        'known-hosts': pins,
        commands: `touch ${sandbox.root}/done-refused-$RT_HOST`,
        'fail-fast': false,
      });
      expect(run.outputs['reason-code']).toBe('host-key-mismatch');
      expect(hostResults(run.result).map((host) => host.status)).toEqual(['skipped', 'refused']);
      expect(existsSync(join(sandbox.root, 'done-refused-a'))).toBe(false);
    });
  });

  it('a command that outlives the timeout is stopped and fails the step', async () => {
    const started = Date.now();
    const run = await remote({ hosts: address(hosts.a), commands: 'sleep 30', timeout: '1s' });
    expect(run.outputs['reason-code']).toBe('command-timeout');
    expect(hostResults(run.result)[0]).toMatchObject({ status: 'timed-out', exit_status: 'timeout' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  describe('the container-restart recipe', () => {
    it('pulls the image, restarts the unit and checks it is active, each argument intact', async () => {
      const record = join(sandbox.root, 'record-a');
      await writeFile(record, '');
      const run = await remote({
        hosts: address(hosts.a),
        recipe: 'container-restart',
        image: 'registry.example:5000/team/git-server',
        tag: '2024.05.01-3',
        unit: 'git-server.service',
      });
      expect(run.exitCode).toBe(0);
      expect((await readFile(record, 'utf8')).trim().split('\n')).toEqual([
        'docker [pull] [registry.example:5000/team/git-server:2024.05.01-3]',
        'systemctl [restart] [git-server.service]',
        'systemctl [is-active] [git-server.service]',
      ]);
    });

    it('refuses shell metacharacters in image, tag or unit before connecting anywhere', async () => {
      const record = join(sandbox.root, 'record-a');
      await writeFile(record, '');
      const logBefore = hosts.a.log().length;
      for (const [input, value] of [
        ['tag', '1.0;touch /tmp/pwned'],
        ['image', 'app$(id)'],
        ['unit', '--now app'],
        ['tag', '`id`'],
      ] as const) {
        const run = await remote({
          hosts: address(hosts.a),
          recipe: 'container-restart',
          image: 'app',
          tag: '1.0',
          unit: 'app.service',
          [input]: value,
        });
        expect(run.outputs['reason-code']).toBe('bad-recipe-input');
        expect(run.errors.join('\n')).toContain(`input \`${input}\``);
      }
      expect(await readFile(record, 'utf8')).toBe('');
      expect(hosts.a.log().slice(logBefore)).not.toMatch(/Accepted|Connection from/);
    });
  });

  describe('the agent-key recipe', () => {
    let agent: ChildProcess;
    let socket: string;
    beforeAll(async () => {
      socket = join(sandbox.root, 'agent.sock');
      agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
      for (let i = 0; i < 50 && !existsSync(socket); i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
    });
    afterAll(() => {
      agent?.kill('SIGTERM');
    });

    it('loads the key into the ssh-agent on the host through stdin and leaves no file behind', async () => {
      const proxyKey = await generateKeyPair(join(sandbox.root, 'proxy'), 'proxy');
      const keyLine = proxyKey.privateKey.split('\n')[1]!;
      const stamp = join(sandbox.root, 'stamp');
      await writeFile(stamp, '');
      await new Promise((resolve) => setTimeout(resolve, 20));
      const run = await remote({
        hosts: address(hosts.a),
        recipe: 'agent-key',
        'agent-key': proxyKey.privateKey,
        'agent-socket': socket,
      });
      expect(run.exitCode).toBe(0);
      const { stdout } = await exec('ssh-add', ['-l'], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
      expect(stdout).toContain(proxyKey.fingerprint);
      // The key is masked, line by line, and never printed.
      expect(run.masked).toContain(keyLine);
      expect(run.stdout.replace(/::add-mask::.*/g, '')).not.toContain(keyLine);
      expect(run.summary).toContain(
        `ssh-add -q - &lt; (agent-key, ${proxyKey.fingerprint})`.replace('&lt;', '<'),
      );
      // No file written since the run started holds the key.
      const { stdout: fresh } = await exec('find', [
        '/tmp',
        '/var/tmp',
        '/dev/shm',
        '/root',
        '-xdev',
        '-maxdepth',
        '3',
        '-type',
        'f',
        '-newer',
        stamp,
        '-size',
        '-64k',
      ]).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
      const leaks: string[] = [];
      for (const file of fresh.split('\n').filter(Boolean)) {
        const text = await readFile(file, 'utf8').catch(() => '');
        if (text.includes(keyLine)) leaks.push(file);
      }
      expect(leaks).toEqual([]);
    });

    it('refuses a socket path with shell metacharacters', async () => {
      const proxyKey = await generateKeyPair(join(sandbox.root, 'proxy2'), 'proxy');
      const run = await remote({
        hosts: address(hosts.a),
        recipe: 'agent-key',
        'agent-key': proxyKey.privateKey,
        'agent-socket': '/tmp/agent.sock; cat ~/.ssh/id_rsa',
      });
      expect(run.outputs['reason-code']).toBe('bad-recipe-input');
    });
  });

  it('a dry run prints what would run where and connects to nothing', async () => {
    const logBefore = hosts.a.log().length;
    const run = await remote({
      hosts: `${address(hosts.a)}\n10.9.9.9`,
      commands: 'systemctl restart vpn',
      'dry-run': true,
    });
    expect(run.exitCode).toBe(0);
    expect(run.result).toMatchObject({ reason_code: 'dry-run', dry_run: true });
    expect(run.summary).toContain(
      `| ${address(hosts.a)} | root | ${hosts.a.hostKey.fingerprint} (known-hosts line 1) | systemctl restart vpn |`,
    );
    expect(run.summary).toContain('| 10.9.9.9 | root | none: would be refused |');
    expect(hosts.a.log().slice(logBefore)).toBe('');
  });
});
