import { invalidRequest } from './api-error.js';

export interface Page {
  page: number;
  perPage: number;
}

/** Reads `page` and `per_page` as GitHub does: per_page defaults to 30 and is capped at 100. */
export function pageOf(query: URLSearchParams, defaultPerPage = 30): Page {
  const perPage = Math.min(
    100,
    Math.max(1, Number.parseInt(query.get('per_page') ?? '', 10) || defaultPerPage),
  );
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '', 10) || 1);
  return { page, perPage };
}

/**
 * GitHub's `Link` header: next/last while there are more pages, first/prev after the first.
 * `requestUrl` is the URL the client asked for; only its `page` changes.
 */
export function linkHeader(requestUrl: URL, page: Page, total: number): string | undefined {
  const lastPage = Math.max(1, Math.ceil(total / page.perPage));
  const at = (n: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set('page', String(n));
    if (!url.searchParams.has('per_page')) url.searchParams.set('per_page', String(page.perPage));
    return url.toString();
  };
  const links: string[] = [];
  if (page.page < lastPage) links.push(`<${at(page.page + 1)}>; rel="next"`, `<${at(lastPage)}>; rel="last"`);
  if (page.page > 1)
    links.push(`<${at(1)}>; rel="first"`, `<${at(Math.min(page.page - 1, lastPage))}>; rel="prev"`);
  return links.length ? links.join(', ') : undefined;
}

export interface Paged<T> {
  items: T[];
  headers: Record<string, string>;
}

export function paginate<T>(
  items: T[],
  requestUrl: URL,
  query: URLSearchParams,
  defaultPerPage = 30,
): Paged<T> {
  const page = pageOf(query, defaultPerPage);
  const start = (page.page - 1) * page.perPage;
  const link = linkHeader(requestUrl, page, items.length);
  return { items: items.slice(start, start + page.perPage), headers: link ? { link } : {} };
}

/** `direction` as GitHub reads it, with the endpoint's default. */
export function direction(query: URLSearchParams, fallback: 'asc' | 'desc'): 'asc' | 'desc' {
  const value = query.get('direction') ?? fallback;
  if (value !== 'asc' && value !== 'desc') {
    throw invalidRequest(`For 'direction', ${JSON.stringify(value)} is not a member of ["asc","desc"].`);
  }
  return value;
}
