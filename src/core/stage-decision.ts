import type { StageLabels } from '../config/schema.js';
import { type StageKey, stageIndex, stageOf, stageOfLabel } from './stage.js';

/** Stages whose label decides what goes to production: only people with write access may apply them. */
export const GATED_STAGES: readonly StageKey[] = ['waiting-for-production'];

export type LabelDecision =
  | { kind: 'ignore'; why: string }
  | { kind: 'refuse'; stage: StageKey; why: string }
  | { kind: 'move'; stage: StageKey; why: string };

/** Someone applied `label` to a PR: keep it (and make it the only stage label), or refuse it. */
export function decideOnLabel(
  label: string,
  actor: string,
  actorCanWrite: boolean,
  stages: StageLabels,
): LabelDecision {
  const stage = stageOfLabel(label, stages);
  if (!stage) return { kind: 'ignore', why: `"${label}" is not a stage label` };
  if (GATED_STAGES.includes(stage) && !actorCanWrite) {
    return {
      kind: 'refuse',
      stage,
      why: `@${actor} applied "${label}" without write access to the repository; only people with write access may mark a pull request ready for production`,
    };
  }
  return { kind: 'move', stage, why: `@${actor} applied "${label}"` };
}

export type MergeDecision = { kind: 'move'; stage: StageKey; why: string } | { kind: 'keep'; why: string };

/** A PR was merged into the default branch: it now waits for staging, unless it is already further. */
export function decideOnMerge(labels: readonly string[], stages: StageLabels): MergeDecision {
  const current = stageOf(labels, stages);
  if (current && stageIndex(current) >= stageIndex('waiting-for-staging')) {
    return { kind: 'keep', why: `already in "${stages[current].name}"` };
  }
  return { kind: 'move', stage: 'waiting-for-staging', why: 'merged into the default branch' };
}

export type LinkCheck = { ok: true; why: string } | { ok: false; why: string };

export function checkIssueLink(linkedCount: number, invalid: string[], required: boolean): LinkCheck {
  if (linkedCount > 0) return { ok: true, why: `links ${linkedCount} issue${linkedCount === 1 ? '' : 's'}` };
  if (!required) return { ok: true, why: 'links no issue (not required by the config)' };
  const also = invalid.length > 0 ? ` (${invalid.join('; ')})` : '';
  return {
    ok: false,
    why: `This pull request does not link an issue${also}. Add a closing keyword to its description, e.g. "Fixes #123", "Closes owner/repo#123" or "Resolves https://github.com/owner/repo/issues/123", so the issue follows the PR through the stages.`,
  };
}
