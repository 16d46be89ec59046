import { blocks, bullets, code, details, heading, mermaid, table } from '../../action/markdown.js';
import { type DeployStep, STEP_TITLES } from '../../core/deploy-steps.js';
import { stageOf } from '../../core/stage.js';
import type { Car } from '../../core/train.js';
import { type Deploy, stepsToDo } from './deploy.js';
import type { PromotionPlan, ResumePlan, TrainPlan } from './plan.js';
import type { Promotion } from './promotion.js';

/** How the plan and the deploy read: the job summary, the CLI, and the `result` output. */

const MAX_ROWS = 60;
const MAX_DIAGRAM_CARS = 12;
const MAX_RESULT_COMMITS = 300;

const short = (sha: string | undefined) => (sha ? sha.slice(0, 7) : '—');
const prList = (numbers: readonly number[]) => numbers.map((number) => `#${number}`).join(' ');

type CarStatus = 'rides' | 'blocks' | 'waits' | 'left behind';

function carRows(plan: TrainPlan): { car: Car; status: CarStatus }[] {
  const riding = new Set(plan.train.cars.map((car) => car.commit.sha));
  const blockerSha = plan.train.blocker?.sha;
  return plan.cars.map((car) => {
    if (riding.has(car.commit.sha)) return { car, status: 'rides' };
    if (car.commit.sha === blockerSha) return { car, status: 'blocks' };
    const number = car.origin.kind === 'pull-request' ? car.origin.number : undefined;
    return {
      car,
      status: number !== undefined && plan.train.waiting.includes(number) ? 'waits' : 'left behind',
    };
  });
}

function describeCar(p: Promotion, plan: TrainPlan, car: Car): { pr: string; title: string; stage: string } {
  switch (car.origin.kind) {
    case 'pull-request': {
      const pr = plan.pulls.get(car.origin.number);
      const stage = pr ? stageOf(pr.labels, p.config.stages) : undefined;
      return {
        pr: `#${car.origin.number}`,
        title: pr?.title ?? car.commit.subject,
        stage: stage ? p.config.stages[stage].name : pr ? 'no stage label' : 'unknown PR',
      };
    }
    case 'changelog':
      return { pr: '—', title: car.commit.subject, stage: 'transparent (CHANGELOG)' };
    case 'deployed':
      return { pr: '—', title: car.commit.subject, stage: 'transparent (already on production)' };
    case 'direct-push':
      return {
        pr: '—',
        title: car.commit.subject,
        stage: plan.unchecked.has(car.commit.sha) ? 'no PR known (not looked up)' : 'direct push',
      };
  }
}

export function trainTable(p: Promotion, plan: TrainPlan): string {
  const rows = carRows(plan);
  const shown = rows.slice(0, MAX_ROWS).map(({ car, status }) => {
    const { pr, title, stage } = describeCar(p, plan, car);
    return [status, short(car.commit.sha), pr, title, stage];
  });
  const more = rows.length > MAX_ROWS ? `… and ${rows.length - MAX_ROWS} more commit(s).` : '';
  return blocks(table(['', 'Commit', 'PR', 'Title', 'Stage'], shown), more);
}

function label(text: string): string {
  return `"${text.replace(/"/g, '#quot;').replace(/[<>]/g, ' ').slice(0, 60)}"`;
}

/** The train as a picture: production, the PRs riding, the tag, and what blocks the rest. */
export function trainDiagram(p: Promotion, plan: TrainPlan): string {
  const lines = [
    'flowchart LR',
    `  production[(${label(`${p.productionBranch} ${short(plan.productionSha)}`)})]`,
  ];
  const riding = plan.train.pullRequests;
  let previous = 'production';
  riding.slice(0, MAX_DIAGRAM_CARS).forEach((number, at) => {
    const title = plan.pulls.get(number)?.title ?? '';
    lines.push(`  pr${at}[${label(`#${number} ${title}`)}]`, `  ${previous} --> pr${at}`);
    previous = `pr${at}`;
  });
  if (riding.length > MAX_DIAGRAM_CARS) {
    lines.push(`  more[${label(`… ${riding.length - MAX_DIAGRAM_CARS} more`)}]`, `  ${previous} --> more`);
    previous = 'more';
  }
  if (plan.tag) {
    lines.push(`  tag{{${label(plan.tag.name)}}}`, `  ${previous} --> tag`);
  }
  if (plan.train.blocker) {
    const blocker = plan.train.blocker;
    const what = 'pullRequest' in blocker ? `#${blocker.pullRequest}` : short(blocker.sha);
    lines.push(`  blocker[${label(`${what} blocks`)}]:::blocked`, `  ${previous} -.-x blocker`);
    if (plan.train.waiting.length > 0) {
      lines.push(
        `  waiting[${label(`${plan.train.waiting.length} ready PR(s) wait: ${prList(plan.train.waiting)}`)}]:::waiting`,
        '  blocker -.- waiting',
      );
    }
    lines.push(
      '  classDef blocked fill:#fde2e1,stroke:#d73a49',
      '  classDef waiting fill:#fff5d6,stroke:#e3b341',
    );
  }
  return mermaid(lines.join('\n'));
}

export function headline(p: Promotion, plan: PromotionPlan, dryRun: boolean): string {
  if (plan.kind === 'resume') {
    return `${plan.tag} is on ${p.productionBranch} but its deploy did not finish: ${dryRun ? 'a run would finish' : 'finishing'} ${stepsLeftText(plan)}.`;
  }
  const { train } = plan;
  if (!train.target) {
    return train.anythingNew
      ? `Nothing can go to production: ${plan.blocker}.`
      : `Nothing to promote: ${p.productionBranch} has everything on ${p.defaultBranch}.`;
  }
  const verb = dryRun ? 'would promote' : 'promotes';
  return `The train ${verb} ${prList(train.pullRequests)} to ${p.productionBranch} as ${plan.tag!.name}${plan.replay ? ', replayed onto the hotfixes on production' : ''}.`;
}

function stepsLeftText(plan: ResumePlan): string {
  return Object.entries(plan.progress)
    .filter(([, done]) => !done)
    .map(([step]) => step)
    .join(', ');
}

function facts(p: Promotion, plan: TrainPlan): string {
  const rows: string[][] = [
    [p.defaultBranch, short(plan.defaultSha)],
    [`${p.productionBranch} (before)`, short(plan.productionSha)],
  ];
  if (plan.train.target) {
    rows.push(['Target', short(plan.train.target)]);
    rows.push([
      `${p.productionBranch} (after)`,
      `${short(plan.productionTarget)} ${plan.replay ? '(replayed onto the hotfixes)' : '(fast-forward)'}`,
    ]);
    rows.push(['Tag', `${plan.tag!.name}${plan.tag!.reused ? ' (already on the target)' : ''}`]);
  }
  rows.push(['Fingerprint', `\`${plan.fingerprint}\``]);
  return table(['', ''], rows);
}

export function planSummary(p: Promotion, plan: PromotionPlan, dryRun: boolean): string {
  if (plan.kind === 'resume') return resumeSummary(p, plan, dryRun);
  return blocks(
    headline(p, plan, dryRun),
    plan.blocker && `**What blocks the rest:** ${plan.blocker}.`,
    facts(p, plan),
    plan.cars.length > 0 && trainDiagram(p, plan),
    plan.cars.length > 0 && heading(3, 'The train'),
    plan.cars.length > 0 && trainTable(p, plan),
    plan.section && heading(3, 'CHANGELOG section'),
    plan.section && code(plan.section, 'markdown'),
  );
}

function resumeSummary(p: Promotion, plan: ResumePlan, dryRun: boolean): string {
  return blocks(
    headline(p, plan, dryRun),
    table(
      ['Step', 'State'],
      Object.entries(plan.progress).map(([step, done]) => [
        STEP_TITLES[step as DeployStep],
        done ? 'done earlier' : 'to do',
      ]),
    ),
    `Fingerprint: \`${plan.fingerprint}\``,
    details('CHANGELOG section', code(plan.section, 'markdown')),
  );
}

export function stepsTable(deploy: Deploy): string {
  const todo = new Set(stepsToDo(deploy));
  return table(
    ['Step', 'Result'],
    (Object.keys(STEP_TITLES) as DeployStep[]).map((step) => {
      const result = !todo.has(step)
        ? 'done earlier'
        : (deploy.doneNow[step] ?? (deploy.failedAt === step ? '**failed**' : 'not reached'));
      return [STEP_TITLES[step], result];
    }),
  );
}

export function deploySummary(p: Promotion, plan: PromotionPlan, deploy: Deploy, message: string): string {
  const body =
    plan.kind === 'train'
      ? blocks(
          plan.blocker && `**Left behind:** ${plan.blocker}.`,
          facts(p, plan),
          trainDiagram(p, plan),
          details('The train', trainTable(p, plan)),
        )
      : '';
  return blocks(
    message,
    stepsTable(deploy),
    body,
    deploy.moves.length > 0 &&
      details(
        'Labels',
        bullets(
          deploy.moves.map(
            (move) =>
              `${move.kind} ${move.target.owner}/${move.target.repo}#${move.target.number}: ${[...move.added.map((name) => `+${name}`), ...move.removed.map((name) => `-${name}`)].join(' ') || 'already done'}`,
          ),
        ),
      ),
    heading(3, 'CHANGELOG section'),
    code(deploy.section, 'markdown'),
  );
}

/** The plan in the `result` output (and `release-train plan --json`). */
export function planDetails(p: Promotion, plan: PromotionPlan): Record<string, unknown> {
  if (plan.kind === 'resume') {
    return {
      plan: 'resume',
      tag: plan.tag,
      target: plan.target,
      deployed: plan.deployed,
      pull_requests: plan.pullRequests,
      steps_done: plan.progress,
      fingerprint: plan.fingerprint,
      section: plan.section,
    };
  }
  const { train } = plan;
  return {
    plan: 'train',
    default_branch: { name: p.defaultBranch, sha: plan.defaultSha },
    production_branch: { name: p.productionBranch, sha: plan.productionSha },
    target: train.target ?? null,
    deployed: plan.productionTarget ?? null,
    replay: plan.replay,
    tag: plan.tag?.name ?? null,
    tag_reused: plan.tag?.reused ?? false,
    pull_requests: train.pullRequests,
    blocker: plan.blocker ?? null,
    waiting: train.waiting,
    // Bounded, so that the output stays far below GitHub's limit on a huge history.
    commits_total: plan.cars.length,
    commits: plan.cars.slice(0, MAX_RESULT_COMMITS).map((car) => ({
      sha: car.commit.sha,
      kind: car.origin.kind,
      ...(car.origin.kind === 'pull-request' ? { pull_request: car.origin.number } : {}),
      rides: train.cars.includes(car),
    })),
    section: plan.section ?? null,
    fingerprint: plan.fingerprint,
    commit_lookups: plan.lookups,
  };
}
