import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApiError, badRequest, invalidRequest } from './api-error.js';
import type { EmulatorContext } from './context.js';
import { type Faults, faultBody, faultHeaders } from './faults.js';
import { type SchemaViolation, validateRequest, validateResponse } from './openapi.js';
import { type EmulatorRequest, matchRoute, type Reply, type Route } from './router.js';

/** One request the emulator served, for tests that count API calls. */
export interface RequestRecord {
  method: string;
  path: string;
  /** The query string without `?` ('' when none). */
  query: string;
  status: number;
  user: string | undefined;
  /** The operation that served it, e.g. `GET /repos/{owner}/{repo}/pulls`; undefined when none. */
  operation: string | undefined;
}

export interface ApiServerOptions {
  ctx: EmulatorContext;
  routes: Route[];
  faults: Faults;
  validate: () => boolean;
  requests: RequestRecord[];
  violations: SchemaViolation[];
  /** `METHOD PATH` of every request no endpoint of the emulator serves. */
  unimplemented: string[];
}

/** The login a request acts as: `token LOGIN`, `Bearer LOGIN`, or basic auth's user name. */
export function loginFromAuthorization(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!value) return undefined;
  if (/^basic$/i.test(scheme!))
    return Buffer.from(value, 'base64').toString('utf8').split(':')[0] || undefined;
  if (/^(token|bearer)$/i.test(scheme!)) return value;
  return undefined;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Problems parsing JSON');
  }
}

export function createApiServer(options: ApiServerOptions): Server {
  const { ctx, routes, faults, requests, violations, unimplemented } = options;

  async function serve(
    request: IncomingMessage,
  ): Promise<{ reply: Reply; user?: string; operation?: string }> {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', ctx.apiUrl);
    const user = loginFromAuthorization(request.headers.authorization);
    const match = matchRoute(routes, method, url.pathname);
    const operation = match ? `${method} ${match.route.template}` : undefined;

    const before = faults.take(method, url.pathname, user, false);
    if (before) {
      await readBody(request).catch(() => undefined);
      return {
        reply: { status: before.status, body: faultBody(before), headers: faultHeaders(before) },
        user,
        operation,
      };
    }
    if (!match) {
      unimplemented.push(`${method} ${url.pathname}`);
      return {
        reply: {
          status: 501,
          body: {
            message: `Not Implemented: the GitHub emulator does not serve ${method} ${url.pathname}`,
            documentation_url: 'docs/emulator.md',
          },
        },
        user,
      };
    }

    let reply: Reply;
    try {
      const emulatorRequest: EmulatorRequest = {
        method,
        url,
        path: url.pathname,
        query: url.searchParams,
        params: match.params,
        body: await readBody(request),
        headers: request.headers,
        user,
      };
      if (options.validate()) {
        const problems = validateRequest(method, match.route.template, emulatorRequest.body);
        if (problems.length > 0) throw invalidRequest(problems.join('\n'));
      }
      reply = await match.route.handler(emulatorRequest, ctx);
    } catch (error) {
      if (error instanceof ApiError) {
        reply = { status: error.status, body: error.body, headers: error.headers };
      } else {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        return {
          reply: { status: 500, body: { message: `GitHub emulator error: ${message}` } },
          user,
          operation,
        };
      }
    }

    const after = faults.take(method, url.pathname, user, true);
    if (after) {
      return {
        reply: { status: after.status, body: faultBody(after), headers: faultHeaders(after) },
        user,
        operation,
      };
    }

    if (options.validate() && !reply.raw) {
      const errors = validateResponse(method, match.route.template, reply.status, reply.body);
      if (errors.length > 0) {
        violations.push({ method, path: url.pathname, operation: operation!, status: reply.status, errors });
        reply = {
          status: 500,
          body: {
            message: `The GitHub emulator's ${reply.status} answer to ${operation} does not match GitHub's OpenAPI description`,
            errors,
          },
        };
      }
    }
    return { reply, user, operation };
  }

  function send(response: ServerResponse, reply: Reply) {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    response.setHeader('x-github-request-id', randomBytes(8).toString('hex').toUpperCase());
    response.setHeader('x-github-api-version-selected', '2022-11-28');
    response.setHeader('x-ratelimit-limit', '5000');
    response.setHeader('x-ratelimit-remaining', '4999');
    response.setHeader('x-ratelimit-used', '1');
    response.setHeader('x-ratelimit-reset', String(reset));
    response.setHeader('x-ratelimit-resource', 'core');
    for (const [name, value] of Object.entries(reply.headers ?? {})) response.setHeader(name, value);
    if (reply.raw) {
      response.writeHead(reply.status, { 'content-type': reply.raw.contentType });
      response.end(reply.raw.data);
    } else if (reply.body === undefined) {
      response.writeHead(reply.status);
      response.end();
    } else {
      response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(reply.body));
    }
  }

  return createServer((request, response) => {
    serve(request)
      .then(({ reply, user, operation }) => {
        const url = new URL(request.url ?? '/', ctx.apiUrl);
        requests.push({
          method: (request.method ?? 'GET').toUpperCase(),
          path: url.pathname,
          query: url.search.replace(/^\?/, ''),
          status: reply.status,
          user,
          operation,
        });
        send(response, reply);
      })
      .catch((error: unknown) => {
        const status = error instanceof ApiError ? error.status : 500;
        const body = error instanceof ApiError ? error.body : { message: String(error) };
        send(response, { status, body });
      });
  });
}
