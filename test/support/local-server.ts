import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP server on 127.0.0.1 (port 0) for emulating a chat webhook, a metrics endpoint or a
 * status page API. The test's handler sees every request and checks it (method, path, auth,
 * body); whatever it throws is answered with a 500 and kept in `problems`, so a test ends with
 * `expect(server.problems).toEqual([])` and no request goes unchecked.
 */

export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
}

export interface Reply {
  status?: number;
  /** An object is sent as JSON; a string as text. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface LocalServer {
  url: string;
  requests: ReceivedRequest[];
  /** What the handler threw: requests the server did not expect. */
  problems: string[];
  close(): Promise<void>;
}

export async function startLocalServer(
  handle: (request: ReceivedRequest, index: number) => Reply | Promise<Reply>,
): Promise<LocalServer> {
  const requests: ReceivedRequest[] = [];
  const problems: string[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      let json: unknown;
      try {
        json = body === '' ? undefined : JSON.parse(body);
      } catch {
        json = undefined;
      }
      const request: ReceivedRequest = {
        method: incoming.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body,
        json,
      };
      requests.push(request);
      let reply: Reply;
      try {
        reply = await handle(request, requests.length - 1);
      } catch (error) {
        const problem = `${request.method} ${request.path}: ${(error as Error).message}`;
        problems.push(problem);
        reply = { status: 500, body: { error: problem } };
      }
      const text =
        reply.body === undefined
          ? ''
          : typeof reply.body === 'string'
            ? reply.body
            : JSON.stringify(reply.body);
      const headers: Record<string, string> = { ...reply.headers };
      if (reply.body !== undefined && typeof reply.body !== 'string')
        headers['content-type'] ??= 'application/json';
      outgoing.writeHead(reply.status ?? 200, headers);
      outgoing.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    problems,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Throws (so the server records a problem) unless `actual` equals `expected`. */
export function check(what: string, actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}
