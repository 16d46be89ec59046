import {
  agentKeyCommands,
  containerRestartCommands,
  RecipeInputError,
} from '../../src/core/remote-recipe.js';

const fingerprint = `SHA256:${'A'.repeat(43)}`;

describe('the container-restart recipe', () => {
  it('pulls, restarts and checks the unit, in that order', () => {
    expect(
      containerRestartCommands({ image: 'ghcr.io/octo-org/vpn', tag: 'v2.3.1', unit: 'vpn.service' }).map(
        (command) => command.run,
      ),
    ).toEqual([
      'docker pull ghcr.io/octo-org/vpn:v2.3.1',
      'systemctl restart vpn.service',
      'systemctl is-active vpn.service',
    ]);
  });

  it('a digest pins the image by content', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(containerRestartCommands({ image: 'app', tag: digest, unit: 'app' })[0]!.run).toBe(
      `docker pull app@${digest}`,
    );
  });

  it.each([
    ['tag', { image: 'app', tag: '1.0;reboot', unit: 'app' }, /contains ";"/],
    ['tag', { image: 'app', tag: '$(id)', unit: 'app' }, /contains "\$"/],
    ['tag', { image: 'app', tag: '-rf', unit: 'app' }, /is not an image tag/],
    ['image', { image: 'app && curl x|sh', tag: '1', unit: 'app' }, /contains " "/],
    ['image', { image: 'App', tag: '1', unit: 'app' }, /is not an image name/],
    ['unit', { image: 'app', tag: '1', unit: '--now' }, /is not a systemd unit name/],
    ['unit', { image: 'app', tag: '1', unit: 'app`id`' }, /contains "`"/],
    ['unit', { image: 'app', tag: '1', unit: "app'" }, /contains "'"/],
  ])('refuses a %s that a shell would interpret: %j', (input, recipe, why) => {
    let error: unknown;
    try {
      containerRestartCommands(recipe);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RecipeInputError);
    expect((error as RecipeInputError).input).toBe(input);
    expect((error as RecipeInputError).message).toMatch(why);
  });
});

describe('the agent-key recipe', () => {
  it('pipes the key to ssh-add on stdin and checks the agent holds it, never showing the key', () => {
    const commands = agentKeyCommands({
      privateKey: 'KEY',
      fingerprint,
      socket: '/run/user/1000/ssh-agent.sock',
      lifetimeSeconds: 3600,
    });
    expect(commands).toEqual([
      {
        run: 'SSH_AUTH_SOCK=/run/user/1000/ssh-agent.sock ssh-add -q -t 3600 -',
        shown: `SSH_AUTH_SOCK=/run/user/1000/ssh-agent.sock ssh-add -q -t 3600 - < (agent-key, ${fingerprint})`,
        stdin: 'KEY\n',
      },
      {
        run: 'SSH_AUTH_SOCK=/run/user/1000/ssh-agent.sock ssh-add -l',
        shown: `SSH_AUTH_SOCK=/run/user/1000/ssh-agent.sock ssh-add -l (expects ${fingerprint})`,
        expectOutput: fingerprint,
      },
    ]);
  });

  it('refuses a relative or shell-bearing socket path', () => {
    expect(() => agentKeyCommands({ privateKey: 'K', fingerprint, socket: 'agent.sock' })).toThrow(
      RecipeInputError,
    );
    expect(() => agentKeyCommands({ privateKey: 'K', fingerprint, socket: '/tmp/a b' })).toThrow(
      /contains " "/,
    );
  });
});
