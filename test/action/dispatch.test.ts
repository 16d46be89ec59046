import { runAction } from '../support/run-action.js';

describe('the root action', () => {
  it('refuses an unknown command with a reason code and the list of commands', async () => {
    const run = await runAction('main', { inputs: { command: 'deploy-everything' } });
    expect(run.exitCode).toBe(1);
    expect(run.result).toMatchObject({ schema: 1, ok: false, reason_code: 'unknown-command' });
    expect(run.outputs['reason-code']).toBe('unknown-command');
    expect(run.errors.join('\n')).toMatch(/Unknown command "deploy-everything"\. Nothing was changed/);
  });
});
