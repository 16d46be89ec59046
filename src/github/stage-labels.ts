import type { StageLabels } from '../config/schema.js';
import type { IssueRef, RepoRef } from '../core/linked-issues.js';
import { STAGES, type StageKey, stageLabelChanges } from '../core/stage.js';
import type { GitHub } from './client.js';

export interface LabelSync {
  name: string;
  change: 'created' | 'updated' | 'unchanged';
}

/** Creates or updates the stage labels so that name, colour and description match the config. */
export async function syncStageLabels(
  github: GitHub,
  repo: RepoRef,
  stages: StageLabels,
  dryRun: boolean,
): Promise<LabelSync[]> {
  const existing = await github.paginate(github.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 });
  const byName = new Map(existing.map((label) => [label.name.toLowerCase(), label]));
  const results: LabelSync[] = [];
  for (const stage of STAGES) {
    const wanted = stages[stage];
    const found = byName.get(wanted.name.toLowerCase());
    if (!found) {
      if (!dryRun) {
        try {
          await github.rest.issues.createLabel({ ...repo, ...wanted });
        } catch (error) {
          // Created meanwhile by a concurrent run: update it below on the next run; nothing lost.
          if ((error as { status?: number }).status !== 422) throw error;
        }
      }
      results.push({ name: wanted.name, change: 'created' });
    } else if (
      found.name !== wanted.name ||
      found.color.toLowerCase() !== wanted.color.toLowerCase() ||
      (found.description ?? '') !== wanted.description
    ) {
      if (!dryRun) {
        await github.rest.issues.updateLabel({
          ...repo,
          name: found.name,
          new_name: wanted.name,
          color: wanted.color,
          description: wanted.description,
        });
      }
      results.push({ name: wanted.name, change: 'updated' });
    } else {
      results.push({ name: wanted.name, change: 'unchanged' });
    }
  }
  return results;
}

export interface StageMove {
  target: IssueRef;
  kind: 'pull request' | 'issue';
  stage: StageKey;
  added: string[];
  removed: string[];
}

/**
 * Puts an issue or PR into `stage`: adds its label and removes every other stage label. Safe to
 * repeat: labels already right are not touched, and a label someone removed meanwhile is fine.
 */
export async function moveToStage(
  github: GitHub,
  target: IssueRef,
  kind: StageMove['kind'],
  stage: StageKey,
  stages: StageLabels,
  options: { dryRun: boolean; currentLabels?: string[] },
): Promise<StageMove> {
  const repo = { owner: target.owner, repo: target.repo };
  const current =
    options.currentLabels ??
    (
      await github.paginate(github.rest.issues.listLabelsOnIssue, {
        ...repo,
        issue_number: target.number,
        per_page: 100,
      })
    ).map((label) => label.name);
  const { add, remove } = stageLabelChanges(current, stage, stages);
  if (!options.dryRun) {
    if (add.length > 0)
      await github.rest.issues.addLabels({ ...repo, issue_number: target.number, labels: add });
    for (const name of remove) await removeLabel(github, target, name);
  }
  return { target, kind, stage, added: add, removed: remove };
}

export async function removeLabel(github: GitHub, target: IssueRef, name: string): Promise<void> {
  try {
    await github.rest.issues.removeLabel({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.number,
      name,
    });
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
}
