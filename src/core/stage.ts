import type { StageLabels } from '../config/schema.js';

/** The columns of the old board, in the order a pull request moves through them. */
export const STAGES = ['waiting-for-staging', 'testing', 'waiting-for-production', 'done'] as const;
export type StageKey = (typeof STAGES)[number];

export function stageLabelName(stage: StageKey, labels: StageLabels): string {
  return labels[stage].name;
}

function stageByName(labels: StageLabels): Map<string, StageKey> {
  return new Map(STAGES.map((stage) => [labels[stage].name.toLowerCase(), stage]));
}

export function isStageLabel(name: string, labels: StageLabels): boolean {
  return stageByName(labels).has(name.toLowerCase());
}

export function stageOfLabel(name: string, labels: StageLabels): StageKey | undefined {
  return stageByName(labels).get(name.toLowerCase());
}

/**
 * The stage a PR is in, from its label names. A PR should carry one stage label; if it carries
 * several (two people labelling at once), the EARLIEST counts: a PR is never treated as further
 * along than its least advanced label says, so a doubtful PR blocks the train instead of riding it.
 */
export function stageOf(labelNames: readonly string[], labels: StageLabels): StageKey | undefined {
  const byName = stageByName(labels);
  const found = labelNames
    .map((name) => byName.get(name.toLowerCase()))
    .filter((stage) => stage !== undefined);
  return STAGES.find((stage) => found.includes(stage));
}

export function stageIndex(stage: StageKey): number {
  return STAGES.indexOf(stage);
}

/** What to add and remove so that `current` carries exactly the label of `target` among stage labels. */
export function stageLabelChanges(
  current: readonly string[],
  target: StageKey,
  labels: StageLabels,
): { add: string[]; remove: string[] } {
  const targetName = labels[target].name;
  const has = current.some((name) => name.toLowerCase() === targetName.toLowerCase());
  const remove = current.filter(
    (name) => isStageLabel(name, labels) && name.toLowerCase() !== targetName.toLowerCase(),
  );
  return { add: has ? [] : [targetName], remove };
}
