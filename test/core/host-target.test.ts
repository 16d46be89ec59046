import { readHostTarget } from '../../src/core/host-target.js';

describe('host targets', () => {
  it('reads the ways people write a host', () => {
    expect(readHostTarget('git.example')).toEqual({
      ok: true,
      target: { host: 'git.example', port: 22, label: 'git.example' },
    });
    expect(readHostTarget('core@10.0.0.5:2222')).toEqual({
      ok: true,
      target: { user: 'core', host: '10.0.0.5', port: 2222, label: '10.0.0.5:2222' },
    });
    expect(readHostTarget('[2001:db8::1]:2200')).toEqual({
      ok: true,
      target: { host: '2001:db8::1', port: 2200, label: '[2001:db8::1]:2200' },
    });
  });

  it('refuses what is not a host', () => {
    expect(readHostTarget('web1;reboot')).toMatchObject({ ok: false });
    expect(readHostTarget('web1:99999')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/port 99999/),
    });
    expect(readHostTarget('2001:db8::1')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/IPv6/),
    });
    expect(readHostTarget('-oProxyCommand=x@host')).toMatchObject({ ok: false });
  });
});
