/**
 * A small JSONPath for pointing at one number in a JSON document: `$.data.online`,
 * `devices.online`, `$.regions[0].count`, `$['online devices']`. Dots, bracketed indexes and
 * quoted names; no wildcards or filters, because a guard watches exactly one value.
 */

export type PathSegment = string | number;

export type JsonPathParse = { ok: true; segments: PathSegment[] } | { ok: false; problem: string };

export function parseJsonPath(path: string): JsonPathParse {
  const text = path.trim();
  const segments: PathSegment[] = [];
  let at = 0;
  if (text.startsWith('$')) at = 1;
  else if (text !== '' && !text.startsWith('.') && !text.startsWith('[')) {
    // `devices.online` reads as `$.devices.online`.
    const name = /^[A-Za-z_][\w-]*/.exec(text);
    if (!name) return { ok: false, problem: `"${path}" does not start with $ or a name` };
    segments.push(name[0]);
    at = name[0].length;
  }
  while (at < text.length) {
    const rest = text.slice(at);
    const dotted = /^\.([A-Za-z_$][\w$-]*|\d+)/.exec(rest);
    const indexed = /^\[(\d+)\]/.exec(rest);
    const quoted = /^\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/.exec(rest);
    if (dotted) {
      segments.push(/^\d+$/.test(dotted[1]!) ? Number(dotted[1]) : dotted[1]!);
      at += dotted[0].length;
    } else if (indexed) {
      segments.push(Number(indexed[1]));
      at += indexed[0].length;
    } else if (quoted) {
      segments.push((quoted[1] ?? quoted[2]!).replace(/\\(.)/g, '$1'));
      at += quoted[0].length;
    } else {
      return { ok: false, problem: `"${path}" cannot be read at "${rest}" (use .name, [0] or ['name'])` };
    }
  }
  if (segments.length === 0) return { ok: false, problem: `"${path}" names no value` };
  return { ok: true, segments };
}

export function formatPath(segments: PathSegment[]): string {
  return `$${segments
    .map((segment) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : /^[A-Za-z_$][\w$-]*$/.test(segment)
          ? `.${segment}`
          : `['${segment.replace(/'/g, "\\'")}']`,
    )
    .join('')}`;
}

export type MetricReading = { ok: true; value: number } | { ok: false; problem: string };

/** The number at `segments` in `document`; a numeric string counts, anything else is a problem. */
export function readNumberAt(document: unknown, segments: PathSegment[]): MetricReading {
  let current: unknown = document;
  for (const [index, segment] of segments.entries()) {
    const where = formatPath(segments.slice(0, index + 1));
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (typeof current === 'object' && current !== null && !Array.isArray(current))
      current = (current as Record<string, unknown>)[String(segment)];
    else return { ok: false, problem: `${formatPath(segments.slice(0, index))} is not an object or array` };
    if (current === undefined) return { ok: false, problem: `${where} is missing` };
  }
  if (typeof current === 'number' && Number.isFinite(current)) return { ok: true, value: current };
  if (typeof current === 'string' && /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(current)) {
    return { ok: true, value: Number.parseFloat(current) };
  }
  return {
    ok: false,
    problem: `${formatPath(segments)} is ${JSON.stringify(current)?.slice(0, 60)}, not a number`,
  };
}
