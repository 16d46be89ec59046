/**
 * GitHub's issue search syntax, the part release-train uses: `repo:`, `is:`/`type:`/`state:`,
 * `label:` (quoted or not; repeated = AND; comma = OR), `-label:`, `no:label`, `base:`, `head:`,
 * `author:`, `assignee:`, `merged:`/`created:`/`closed:`/`updated:` with >, >=, <, <=, ranges,
 * and free words matched against title and body.
 */

export interface DateRange {
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export interface SearchTerm {
  negated: boolean;
  qualifier: string | undefined;
  value: string;
}

export interface SearchQuery {
  repos: string[];
  kind: 'pr' | 'issue' | undefined;
  state: 'open' | 'closed' | undefined;
  merged: boolean | undefined;
  draft: boolean | undefined;
  /** Each entry must match (AND); an entry lists alternatives (OR). */
  labels: string[][];
  excludedLabels: string[];
  noLabel: boolean;
  base: string | undefined;
  head: string | undefined;
  author: string | undefined;
  assignee: string | undefined;
  dates: Partial<Record<'merged' | 'created' | 'closed' | 'updated', DateRange>>;
  words: string[];
  /** Qualifiers the emulator does not understand (they make the query match nothing). */
  unsupported: string[];
}

export function tokenize(q: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const pattern = /(-?)([A-Za-z_-]+):("[^"]*"(?:,"[^"]*")*|\S+)|(-?)"([^"]*)"|(\S+)/g;
  for (const match of q.matchAll(pattern)) {
    if (match[2] !== undefined) {
      terms.push({ negated: match[1] === '-', qualifier: match[2].toLowerCase(), value: match[3]! });
    } else if (match[5] !== undefined) {
      terms.push({ negated: match[4] === '-', qualifier: undefined, value: match[5] });
    } else {
      terms.push({ negated: false, qualifier: undefined, value: match[6]! });
    }
  }
  return terms;
}

/** `a,b` or `"a b","c"`: the alternatives of a label qualifier. */
function alternatives(value: string): string[] {
  if (value.startsWith('"')) return [...value.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
  return value.split(',').filter(Boolean);
}

function unquote(value: string): string {
  return value.replace(/^"(.*)"$/, '$1');
}

function startOfDay(text: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
}

/** The instant right after `text`: the next day for a date, the next second for a time. */
function endOf(text: string): Date {
  const start = startOfDay(text);
  return new Date(start.getTime() + (/^\d{4}-\d{2}-\d{2}$/.test(text) ? 86_400_000 : 1000));
}

export function parseDateRange(value: string): DateRange | undefined {
  const range = /^(.+)\.\.(.+)$/.exec(value);
  let result: DateRange;
  if (range) {
    result = {
      from: range[1] === '*' ? undefined : startOfDay(range[1]!),
      to: range[2] === '*' ? undefined : endOf(range[2]!),
    };
  } else {
    const op = /^(>=|<=|>|<)?(.+)$/.exec(value)!;
    const date = op[2]!;
    switch (op[1]) {
      case '>=':
        result = { from: startOfDay(date) };
        break;
      case '>':
        result = { from: endOf(date) };
        break;
      case '<=':
        result = { to: endOf(date) };
        break;
      case '<':
        result = { to: startOfDay(date) };
        break;
      default:
        result = { from: startOfDay(date), to: endOf(date) };
    }
  }
  const invalid = [result.from, result.to].some((d) => d !== undefined && Number.isNaN(d.getTime()));
  return invalid ? undefined : result;
}

export function inRange(date: Date | null, range: DateRange): boolean {
  if (!date) return false;
  if (range.from && date < range.from) return false;
  if (range.to && date >= range.to) return false;
  return true;
}

export function parseSearchQuery(q: string): SearchQuery {
  const query: SearchQuery = {
    repos: [],
    kind: undefined,
    state: undefined,
    merged: undefined,
    draft: undefined,
    labels: [],
    excludedLabels: [],
    noLabel: false,
    base: undefined,
    head: undefined,
    author: undefined,
    assignee: undefined,
    dates: {},
    words: [],
    unsupported: [],
  };
  for (const term of tokenize(q)) {
    const value = unquote(term.value);
    switch (term.qualifier) {
      case undefined:
        if (!term.negated) query.words.push(...value.toLowerCase().split(/\s+/).filter(Boolean));
        break;
      case 'repo':
        query.repos.push(value.toLowerCase());
        break;
      case 'is':
      case 'type':
      case 'state': {
        const v = value.toLowerCase();
        if (v === 'pr' || v === 'pull-request') query.kind = 'pr';
        else if (v === 'issue') query.kind = 'issue';
        else if (v === 'open' || v === 'closed') query.state = v;
        else if (v === 'merged') query.merged = !term.negated;
        else if (v === 'unmerged') query.merged = term.negated;
        else if (v === 'draft') query.draft = !term.negated;
        else query.unsupported.push(`${term.qualifier}:${value}`);
        break;
      }
      case 'label':
        if (term.negated) query.excludedLabels.push(...alternatives(term.value).map((l) => l.toLowerCase()));
        else query.labels.push(alternatives(term.value).map((l) => l.toLowerCase()));
        break;
      case 'no':
        if (value.toLowerCase() === 'label') query.noLabel = true;
        else query.unsupported.push(`no:${value}`);
        break;
      case 'base':
        query.base = value;
        break;
      case 'head':
        query.head = value;
        break;
      case 'author':
        query.author = value.toLowerCase();
        break;
      case 'assignee':
        query.assignee = value.toLowerCase();
        break;
      case 'merged':
      case 'created':
      case 'closed':
      case 'updated': {
        const range = parseDateRange(value);
        if (range) query.dates[term.qualifier] = range;
        else query.unsupported.push(`${term.qualifier}:${value}`);
        break;
      }
      case 'in':
        break;
      default:
        query.unsupported.push(`${term.qualifier}:${value}`);
    }
  }
  return query;
}
