/**
 * The dated tag a production deploy gets: `tag-format` with `{date}` as the UTC date
 * (`production-2024-05-01`); a later deploy the same day gets `.2`, `.3`, ... A target that already
 * carries a deploy tag keeps it: never a second tag for the same commit.
 */

export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches every tag the format can produce, on any day, with any `.N` suffix. */
export function deployTagPattern(format: string): RegExp {
  const [before, after] = format.split('{date}').map(escapeRegExp) as [string, string];
  return new RegExp(`^${before}(\\d{4}-\\d{2}-\\d{2})${after}(?:\\.(\\d+))?$`);
}

export function isDeployTag(name: string, format: string): boolean {
  return deployTagPattern(format).test(name);
}

export interface TagChoice {
  name: string;
  /** The target already carried this tag (a rerun): nothing to create. */
  reused: boolean;
}

export function chooseTag(options: {
  format: string;
  now: Date;
  /** Every tag name on the remote. */
  existing: readonly string[];
  /** Tags already pointing at the target. */
  atTarget: readonly string[];
}): TagChoice {
  const reuse = options.atTarget
    .filter((name) => isDeployTag(name, options.format))
    .sort(deployTagOrder(options.format));
  if (reuse.length > 0) return { name: reuse.at(-1)!, reused: true };
  const base = options.format.replace('{date}', utcDate(options.now));
  const taken = new Set(options.existing);
  if (!taken.has(base)) return { name: base, reused: false };
  for (let sequence = 2; ; sequence++) {
    const name = `${base}.${sequence}`;
    if (!taken.has(name)) return { name, reused: false };
  }
}

/** Orders deploy tags of one format by date, then by sequence (`x` < `x.2` < `x.10`). */
export function deployTagOrder(format: string): (a: string, b: string) => number {
  const pattern = deployTagPattern(format);
  const key = (name: string) => {
    const match = pattern.exec(name);
    return [match?.[1] ?? '', Number(match?.[2] ?? 1)] as const;
  };
  return (a, b) => {
    const [dateA, seqA] = key(a);
    const [dateB, seqB] = key(b);
    return dateA === dateB ? seqA - seqB : dateA.localeCompare(dateB);
  };
}
