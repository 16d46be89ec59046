import type { MetricReading, PathSegment } from '../core/json-path.js';
import { readNumberAt } from '../core/json-path.js';

/**
 * The HTTP endpoint a guard watches (an admin page's JSON, a metrics API): one GET, one number
 * read from the JSON body. Failures come back as readings with a problem, never as exceptions,
 * because a service being deployed is expected to stumble for a while.
 */

export interface AuthHeader {
  name: string;
  value: string;
}

export interface MetricSource {
  url: string;
  header?: AuthHeader;
  segments: PathSegment[];
  /** How long one request may take. */
  timeoutMs: number;
}

/** `Name: value`, or a bare value (`Bearer abc`) for the Authorization header. */
export function parseAuthHeader(text: string): AuthHeader {
  const named = /^([A-Za-z0-9-]+):\s*(.*)$/s.exec(text.trim());
  if (named && !/^(bearer|basic|token)$/i.test(named[1]!))
    return { name: named[1]!, value: named[2]!.trim() };
  return { name: 'Authorization', value: text.trim() };
}

/** The URL as it may be printed: no credentials, no query string (tokens hide there). */
export function printableUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}${parsed.search ? '?…' : ''}`;
  } catch {
    return '(invalid URL)';
  }
}

export async function readMetric(source: MetricSource): Promise<MetricReading> {
  let response: Response;
  try {
    response = await fetch(source.url, {
      headers: {
        accept: 'application/json',
        'user-agent': 'release-train',
        ...(source.header && { [source.header.name]: source.header.value }),
      },
      redirect: 'follow',
      signal: AbortSignal.timeout(source.timeoutMs),
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError')
      return { ok: false, problem: 'no answer before the timeout' };
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, problem: `connection failed (${code ?? (error as Error).message})` };
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) return { ok: false, problem: `HTTP ${response.status}` };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { ok: false, problem: `HTTP ${response.status} but the body is not JSON` };
  }
  return readNumberAt(document, source.segments);
}
