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
