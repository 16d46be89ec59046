import type { RepoRef } from '../core/linked-issues.js';
import type { GitHub } from './client.js';

export interface ReleaseRecord {
  id: number;
  url: string;
  created: boolean;
}

export async function findRelease(
  github: GitHub,
  repo: RepoRef,
  tag: string,
): Promise<ReleaseRecord | undefined> {
  try {
    const { data } = await github.rest.repos.getReleaseByTag({ ...repo, tag });
    return { id: data.id, url: data.html_url, created: false };
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/**
 * The GitHub Release of a deploy tag with the section as its notes. Looked up by tag first, so a
 * rerun never makes a second one; a concurrent run that created it meanwhile (422) is fine too.
 */
export async function ensureRelease(
  github: GitHub,
  repo: RepoRef,
  options: { tag: string; notes: string },
): Promise<ReleaseRecord> {
  const existing = await findRelease(github, repo, options.tag);
  if (existing) return existing;
  try {
    const { data } = await github.rest.repos.createRelease({
      ...repo,
      tag_name: options.tag,
      name: options.tag,
      body: options.notes,
      draft: false,
      prerelease: false,
    });
    return { id: data.id, url: data.html_url, created: true };
  } catch (error) {
    if ((error as { status?: number }).status === 422) {
      const raced = await findRelease(github, repo, options.tag);
      if (raced) return raced;
    }
    throw error;
  }
}
