import { blocks, bullets, heading, mermaid, table } from '../../action/markdown.js';
import type { StageLabels } from '../../config/schema.js';
import { offBranchNotices, type StagingState, shortSha } from '../../core/staging-deployment.js';
import type { RidingPull, WaitingPull } from '../../core/staging-plan.js';

/** The job summary of a staging deploy: what goes out, what rides along, and where staging stands. */

export interface DeployPicture {
  component: string;
  action: string;
  ref: string;
  sha: string;
  branch: string;
  /** The commit staging ran before (undefined on a first deploy). */
  fromSha: string | undefined;
  fromBranch: string | undefined;
}

export function headline(picture: DeployPicture): string {
  const what = picture.action === 'switch-branch' ? `switch-branch to ${picture.branch}` : 'update';
  return heading(3, `staging/${picture.component}: ${what} (${picture.ref} @ ${shortSha(picture.sha)})`);
}

export function warningsBlock(warnings: readonly string[]): string {
  return warnings.map((warning) => `> [!WARNING]\n> ${warning}`).join('\n\n');
}

export function deployDiagram(picture: DeployPicture, moving: number, riding: number): string {
  const from = picture.fromSha
    ? `staging/${picture.component}<br/>${shortSha(picture.fromSha)} (${picture.fromBranch})`
    : `staging/${picture.component}<br/>(never deployed)`;
  const label = `${moving} PR(s) to testing, ${riding} riding along`;
  return mermaid(
    `flowchart LR\n  now["${from}"] -->|"${label}"| next["${shortSha(picture.sha)} (${picture.branch})"]`,
  );
}

export function pullsTable(
  title: string,
  pulls: readonly WaitingPull[],
  change: string,
  empty: string | undefined,
): string {
  if (pulls.length === 0) return empty ? `${title}: ${empty}` : '';
  return blocks(
    `**${title}**`,
    table(
      ['PR', 'Title', 'Merge commit', 'Stage'],
      pulls.map((pull) => [
        `#${pull.number}`,
        pull.title,
        pull.mergeSha ? shortSha(pull.mergeSha) : '?',
        change,
      ]),
    ),
  );
}

export function ridingTable(
  riding: readonly RidingPull[] | undefined,
  directPushes: number,
  stages: StageLabels,
): string {
  if (riding === undefined)
    return 'First staging deploy of this component: everything up to this commit goes out.';
  const pushes =
    directPushes > 0
      ? `${directPushes} commit(s) without a pull request (direct pushes) ride along too.`
      : '';
  if (riding.length === 0) return blocks('**Riding along:** no PR of another stage.', pushes);
  return blocks(
    '**Riding along** (PRs of other stages between what staging runs and this commit)',
    table(
      ['PR', 'Title', 'Stage'],
      riding.map((pull) => [
        `#${pull.number}`,
        pull.title,
        pull.stage ? stages[pull.stage].name : 'no stage label',
      ]),
    ),
    pushes,
  );
}

/** Where every component's staging stands, with the "is on branch" lines for those off the default branch. */
export function stagingNow(states: readonly StagingState[], defaultBranch: string): string {
  if (states.length === 0) return '';
  const rows = states.map((state) =>
    state.deployment
      ? [
          state.component,
          shortSha(state.deployment.sha),
          state.deployment.branch,
          state.deployment.since,
          state.deployment.runUrl ? `[run](${state.deployment.runUrl})` : '',
        ]
      : [state.component, '-', '-', 'never deployed', ''],
  );
  const notices = offBranchNotices(states, defaultBranch);
  return blocks(
    heading(3, 'Staging now'),
    table(['Component', 'Commit', 'Branch', 'Since', 'Deployed by'], rows),
    notices.length > 0 && bullets(notices.map((notice) => `:warning: ${notice}`)),
  );
}
