import { blocks, bullets, details, heading, mermaid, table } from '../../action/markdown.js';
import type { GroupOutcome } from '../../aws/group-outcome.js';
import { describeRestore } from '../../aws/surge-deploy.js';
import type { JournalStep } from '../../core/journal.js';

function ids(list: string[]): string {
  return list.length > 0 ? list.join(' ') : '—';
}

function took(step: JournalStep): string {
  const ms = (step.end ?? step.start) - step.start;
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)}s` : `${ms}ms`;
}

function resultCell(outcome: GroupOutcome): string {
  if (outcome.ok) return `✅ ${outcome.reasonCode}`;
  return outcome.restored ? `↩️ ${outcome.reasonCode} (rolled back)` : `❌ ${outcome.reasonCode}`;
}

/** A gantt chart of every group's steps: parallel deploys side by side. */
export function timeline(outcomes: GroupOutcome[]): string | undefined {
  const sections = outcomes
    .filter((outcome) => outcome.journal.steps.length > 0)
    .map((outcome) => {
      const tasks = outcome.journal.steps.map((step) => {
        const label = step.name.replace(/[:;#]/g, ' ').slice(0, 60);
        const end = Math.max((step.end ?? step.start) + 0, step.start + 1);
        return `  ${label} :${outcome.ok ? 'done' : 'crit'}, ${step.start}, ${end}`;
      });
      return [`  section ${outcome.group}`, ...tasks].join('\n');
    });
  if (sections.length === 0) return undefined;
  return mermaid(['gantt', '  dateFormat x', '  axisFormat %H:%M:%S', ...sections].join('\n'));
}

export function groupTable(outcomes: GroupOutcome[]): string {
  return table(
    ['group', 'strategy', 'result', 'progress', 'before', 'after'],
    outcomes.map((outcome) => [
      outcome.group,
      outcome.strategy,
      resultCell(outcome),
      outcome.progress ?? '—',
      ids(outcome.before),
      ids(outcome.after),
    ]),
  );
}

function groupSection(outcome: GroupOutcome): string {
  const steps = table(
    ['step', 'took'],
    outcome.journal.steps.map((step) => [step.name, took(step)]),
  );
  return blocks(
    heading(3, outcome.group),
    outcome.message,
    outcome.terminated.length > 0 && `Terminated (in order): ${outcome.terminated.join(', ')}`,
    outcome.restored && `**Restored on rollback:** ${describeRestore(outcome.restored)}.`,
    steps,
    outcome.journal.notes.length > 0 &&
      details(`log (${outcome.journal.notes.length} lines)`, bullets(outcome.journal.notes)),
  );
}

export function deploySummary(headline: string, outcomes: GroupOutcome[]): string {
  return blocks(headline, groupTable(outcomes), timeline(outcomes), ...outcomes.map(groupSection));
}

export function planSummary(headline: string, plans: { group: string; lines: string[] }[]): string {
  return blocks(headline, ...plans.map((plan) => blocks(heading(3, plan.group), bullets(plan.lines))));
}
