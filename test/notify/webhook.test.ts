import { createServer } from 'node:net';
import { maskWebhookUrl, sendNotification } from '../../src/notify/webhook.js';
import { check, type LocalServer, startLocalServer } from '../support/local-server.js';

const secretPath = '/services/T0001/B0002/s3cr3tT0k3n';
const message = { title: 'Production deploy started', text: 'Promoting #1, #2', status: 'started' as const };

function expectPost(request: {
  method: string;
  path: string;
  headers: Record<string, unknown>;
  json: unknown;
}) {
  check('method', request.method, 'POST');
  check('path', request.path, secretPath);
  check('content-type', request.headers['content-type'], 'application/json; charset=utf-8');
  check('text', (request.json as { text: string }).text, ':rocket: Production deploy started');
}

describe('sending a notification to an incoming webhook', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('posts the Slack-compatible body once when the service accepts it', async () => {
    server = await startLocalServer((request) => {
      expectPost(request);
      return { body: 'ok' };
    });
    const delivery = await sendNotification(`${server.url}${secretPath}`, message);
    expect(delivery).toMatchObject({ status: 200, attempts: 1, destination: `${server.url}/***` });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.json).toEqual(delivery.body);
    expect(server.problems).toEqual([]);
  });

  it('a rate limit is waited out as Retry-After says and server errors back off', async () => {
    const answers = [
      { status: 429, body: 'rate_limited', headers: { 'retry-after': '2' } },
      { status: 503, body: 'busy' },
      { status: 200, body: 'ok' },
    ];
    server = await startLocalServer((request, index) => {
      expectPost(request);
      return answers[index]!;
    });
    const waits: number[] = [];
    const logged: string[] = [];
    const delivery = await sendNotification(`${server.url}${secretPath}`, message, {
      sleep: async (ms) => {
        waits.push(ms);
      },
      log: (line) => logged.push(line),
    });
    expect(delivery.attempts).toBe(3);
    expect(waits).toEqual([2000, 2000]);
    expect(logged.join('\n')).toMatch(/HTTP 429: rate_limited; retrying in 2s/);
    expect(logged.join('\n')).not.toContain('s3cr3t');
    expect(server.problems).toEqual([]);
  });

  it('retries are bounded: a service that keeps failing fails the send after the last attempt', async () => {
    server = await startLocalServer((request) => {
      expectPost(request);
      return { status: 500, body: 'internal' };
    });
    const waits: number[] = [];
    await expect(
      sendNotification(`${server.url}${secretPath}`, message, {
        retry: { maxAttempts: 3 },
        sleep: async (ms) => {
          waits.push(ms);
        },
      }),
    ).rejects.toMatchObject({ reasonCode: 'notification-failed', details: { attempts: 3, status: 500 } });
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([1000, 2000]);
  });

  it('a refused payload is not retried and the error never shows the secret URL', async () => {
    server = await startLocalServer((request) => {
      expectPost(request);
      return { status: 404, body: `no_service for ${secretPath}` };
    });
    const failure = await sendNotification(`${server.url}${secretPath}`, message).catch(
      (error: Error) => error,
    );
    expect(failure).toMatchObject({ reasonCode: 'notification-failed' });
    expect((failure as Error).message).toContain('HTTP 404: no_service for /***');
    expect((failure as Error).message).not.toContain('s3cr3t');
    expect(server.requests).toHaveLength(1);
  });

  it('a webhook nobody listens on is retried, then reported without its path', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address() as { port: number };
        probe.close(() => resolve(address.port));
      });
    });
    const waits: number[] = [];
    const failure = await sendNotification(`http://127.0.0.1:${port}${secretPath}`, message, {
      retry: { maxAttempts: 2 },
      sleep: async (ms) => {
        waits.push(ms);
      },
    }).catch((error: Error) => error);
    expect((failure as Error).message).toMatch(/after 2 attempt\(s\) \(connection failed \(ECONNREFUSED\)\)/);
    expect((failure as Error).message).not.toContain('s3cr3t');
    expect(waits).toEqual([1000]);
  });

  it('the masked form keeps only the origin', () => {
    expect(maskWebhookUrl('https://hooks.slack.com/services/T/B/xyz')).toBe('https://hooks.slack.com/***');
    expect(maskWebhookUrl('not a url')).toBe('***');
  });
});
