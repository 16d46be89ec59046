import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorContext } from './context.js';

export interface EmulatorRequest {
  method: string;
  /** The full URL the client asked for (used to build `Link` headers). */
  url: URL;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are untyped JSON, checked field by field.
  body: any;
  headers: IncomingHttpHeaders;
  /** The login the token names; undefined for anonymous requests. */
  user: string | undefined;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A body sent as is (raw file contents), never validated. */
  raw?: { contentType: string; data: Buffer | string };
}

export type Handler = (request: EmulatorRequest, ctx: EmulatorContext) => Promise<Reply> | Reply;

/** An endpoint: the method and path template exactly as GitHub's OpenAPI description writes them. */
export interface Route {
  method: string;
  template: string;
  handler: Handler;
  /** The last parameter takes the rest of the path, slashes included (refs, file paths). */
  greedy: boolean;
  segments: string[];
}

const GREEDY = new Set(['ref', 'path', 'basehead', 'branch']);

export function route(method: string, template: string, handler: Handler): Route {
  const segments = template.split('/').slice(1);
  const last = segments.at(-1) ?? '';
  return {
    method,
    template,
    handler,
    segments,
    greedy: last.startsWith('{') && GREEDY.has(last.slice(1, -1)),
  };
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

/** Finds the first route (in declaration order) whose template matches the request path. */
export function matchRoute(routes: Route[], method: string, pathname: string): Match | undefined {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(1);
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const params = matchSegments(candidate, parts);
    if (params) return { route: candidate, params };
  }
  return undefined;
}

/** Whether any route serves this path with another method (GitHub answers 404 either way). */
export function pathKnown(routes: Route[], pathname: string): boolean {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(1);
  return routes.some((candidate) => matchSegments(candidate, parts) !== undefined);
}

function matchSegments(candidate: Route, parts: string[]): Record<string, string> | undefined {
  const { segments, greedy } = candidate;
  // A file path may be empty: GET .../contents/ lists the root folder.
  const optionalLast = greedy && segments.at(-1) === '{path}';
  const fewest = greedy ? segments.length - (optionalLast ? 1 : 0) : segments.length;
  if (greedy ? parts.length < fewest : parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const isLast = i === segments.length - 1;
    const raw = greedy && isLast ? parts.slice(i).join('/') : (parts[i] ?? '');
    if (segment.startsWith('{')) {
      let value: string;
      try {
        value = decodeURIComponent(raw);
      } catch {
        return undefined;
      }
      if (value === '' && !(optionalLast && isLast)) return undefined;
      params[segment.slice(1, -1)] = value;
    } else if (segment !== raw) {
      return undefined;
    }
  }
  return params;
}
