import { check, type LocalServer, startLocalServer } from '../support/local-server.js';
import { runAction } from '../support/run-action.js';

const secretPath = '/hooks/abc123secretkey';

describe('the notify action', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("posts a previous step's result as a structured message and never prints the webhook URL", async () => {
    server = await startLocalServer((request) => {
      check('method', request.method, 'POST');
      check('path', request.path, secretPath);
      return { body: 'ok' };
    });
    const webhook = `${server.url}${secretPath}`;
    const result = {
      schema: 1,
      action: 'promote',
      ok: true,
      reason_code: 'ok',
      message: 'Promoted 2 pull requests to production.',
      dry_run: false,
      tag: 'production-2024-05-01',
    };
    const run = await runAction('notify', {
      inputs: { 'webhook-url': webhook, result: JSON.stringify(result), fields: 'Component: api' },
    });
    expect(run.exitCode).toBe(0);
    expect(server.problems).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.json).toEqual({
      text: ':white_check_mark: release-train promote succeeded',
      attachments: [
        {
          fallback: 'release-train promote succeeded',
          color: '#2eb886',
          title: 'release-train promote succeeded',
          title_link: 'https://github.example/octo-org/app/actions/runs/4242',
          text: 'Promoted 2 pull requests to production.',
          fields: [
            { title: 'Tag', value: 'production-2024-05-01', short: true },
            { title: 'Component', value: 'api', short: true },
          ],
        },
      ],
    });
    expect(run.result).toMatchObject({
      ok: true,
      reason_code: 'ok',
      sent: true,
      attempts: 1,
      http_status: 200,
    });
    expect(run.masked).toContain(webhook);
    const printed = [run.stdout, run.summary, run.outputs.result ?? '']
      .join('\n')
      .replace(/::add-mask::.*/g, '');
    expect(printed).not.toContain('abc123secretkey');
    expect(run.summary).toContain(`${server.url}/***`);
  });

  it('a rate-limited webhook is tried again and the message arrives once', async () => {
    server = await startLocalServer((request, index) => {
      check('path', request.path, secretPath);
      check('text', (request.json as { text: string }).text, ':rocket: Deploying api to production');
      return index === 0
        ? { status: 429, body: 'rate_limited', headers: { 'retry-after': '0' } }
        : { body: 'ok' };
    });
    const run = await runAction('notify', {
      inputs: {
        'webhook-url': `${server.url}${secretPath}`,
        text: 'Deploying api to production',
        status: 'started',
      },
    });
    expect(run.exitCode).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(server.problems).toEqual([]);
    expect(run.result).toMatchObject({ attempts: 2 });
    expect(run.warnings.join('\n')).toMatch(/answered HTTP 429: rate_limited; retrying/);
  });

  it('a webhook that refuses the payload fails the step with notification-failed', async () => {
    server = await startLocalServer(() => ({ status: 400, body: 'invalid_payload' }));
    const run = await runAction('notify', {
      inputs: { 'webhook-url': `${server.url}${secretPath}`, text: 'hello' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['reason-code']).toBe('notification-failed');
    expect(run.errors.join('\n')).toMatch(
      /refused the notification after 1 attempt\(s\) \(HTTP 400: invalid_payload\)/,
    );
    expect(run.stdout.replace(/::add-mask::.*/g, '')).not.toContain('abc123secretkey');
  });

  it('a dry run shows the body and sends nothing', async () => {
    server = await startLocalServer(() => {
      throw new Error('a dry run must not post');
    });
    const run = await runAction('notify', {
      inputs: { 'webhook-url': `${server.url}${secretPath}`, text: 'hello', 'dry-run': true },
    });
    expect(run.exitCode).toBe(0);
    expect(run.result).toMatchObject({ reason_code: 'dry-run', sent: false, dry_run: true });
    expect(server.requests).toHaveLength(0);
    expect(run.summary).toContain('"text": "hello"');
  });

  it('without text or a result there is nothing to say: bad-input', async () => {
    const run = await runAction('notify', { inputs: { 'webhook-url': 'https://hooks.example/x' } });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['reason-code']).toBe('bad-input');
  });
});
