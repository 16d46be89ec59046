import type { RepoRef } from '../core/linked-issues.js';
import type { GitHub } from './client.js';

/**
 * Who applied each label an issue or PR carries now: label name -> login of the user behind the
 * last `labeled` event (an `unlabeled` event forgets it). One paged request per 100 events.
 */
export async function labelAppliers(
  github: GitHub,
  repo: RepoRef,
  number: number,
): Promise<Map<string, string>> {
  const appliers = new Map<string, string>();
  const events = await github.paginate(github.rest.issues.listEvents, {
    ...repo,
    issue_number: number,
    per_page: 100,
  });
  for (const event of events) {
    const name = (event as { label?: { name?: string } }).label?.name;
    if (!name) continue;
    if (event.event === 'labeled' && event.actor?.login) appliers.set(name, event.actor.login);
    if (event.event === 'unlabeled') appliers.delete(name);
  }
  return appliers;
}

/**
 * Who applied `label` to each of many issues/PRs, with requests that grow with pages of the
 * repository's issue events (newest first, 100 per page), not with the number of PRs: the first
 * `labeled` event met for a PR is the latest. Paging stops when every PR is answered, when the
 * events are older than `since` (the label cannot have been applied before then, e.g. before the
 * oldest PR was merged), or after `maxPages`; the PRs still unanswered are read one by one.
 */
export async function labelAppliersInRepo(
  github: GitHub,
  repo: RepoRef,
  options: { label: string; numbers: readonly number[]; since?: string; maxPages?: number },
): Promise<Map<number, string | undefined>> {
  const appliers = new Map<number, string | undefined>();
  const wanted = new Set(options.numbers);
  const label = options.label.toLowerCase();
  const since = options.since ? Date.parse(options.since) : Number.NEGATIVE_INFINITY;
  const maxPages = options.maxPages ?? Math.ceil(wanted.size / 5) + 2;
  if (wanted.size > 0) {
    for (let page = 1; page <= maxPages; page++) {
      const { data } = await github.rest.issues.listEventsForRepo({ ...repo, per_page: 100, page });
      for (const event of data) {
        const number = event.issue?.number;
        if (number === undefined || !wanted.has(number) || appliers.has(number)) continue;
        if ((event.label?.name ?? '').toLowerCase() !== label) continue;
        if (event.event === 'labeled') appliers.set(number, event.actor?.login);
        // The newest event for the label removed it: whoever applies it next is not known here.
        else if (event.event === 'unlabeled') appliers.set(number, undefined);
      }
      const last = data.at(-1);
      const done = [...wanted].every((number) => appliers.has(number));
      if (done || data.length < 100 || !last || Date.parse(last.created_at) < since) break;
    }
  }
  for (const number of wanted) {
    if (appliers.has(number)) continue;
    const one = await labelAppliers(github, repo, number);
    const found = [...one.entries()].find(([name]) => name.toLowerCase() === label);
    appliers.set(number, found?.[1]);
  }
  return appliers;
}
