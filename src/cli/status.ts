import { table } from '../action/markdown.js';
import { STAGES } from '../core/stage.js';
import { offBranchNotices, shortSha } from '../core/staging-deployment.js';
import { createGitHub } from '../github/client.js';
import { loadRepoSettings } from '../github/repo-config.js';
import { readBoard } from '../github/stage-board.js';
import { type StagingOverview, stagingOverview } from '../github/staging-overview.js';
import type { CliCommand } from './command.js';
import { parseCliOptions } from './options.js';

function age(iso: string, now: Date): string {
  const hours = Math.max(0, (now.getTime() - Date.parse(iso)) / 3_600_000);
  return hours < 48 ? `${Math.round(hours)}h` : `${Math.round(hours / 24)}d`;
}

export const statusCommand: CliCommand = {
  summary: 'the pull requests in each stage, oldest first, and what each component runs on staging',
  usage: 'release-train status [--repo OWNER/NAME] [--json] [--done N] [--token T] [--api-url URL]',
  async run(args, io) {
    const { common, values } = await parseCliOptions(args, io, { done: { type: 'string', default: '10' } });
    const github = createGitHub(common.token, { baseUrl: common.apiUrl });
    const settings = await loadRepoSettings(github, common.repo);
    const { config } = settings;
    const board = await readBoard(github, common.repo, config.stages, {
      doneLimit: Number(values.done) || 10,
    });
    const staging = await stagingOverview(github, common.repo, settings);
    if (common.json) {
      io.out(
        JSON.stringify(
          {
            schema: 1,
            repository: `${common.repo.owner}/${common.repo.repo}`,
            stages: board,
            staging: staging.map((entry) => ({
              component: entry.component,
              sha: entry.deployment?.sha ?? null,
              branch: entry.deployment?.branch ?? null,
              on_default_branch: entry.deployment ? entry.deployment.branch === settings.defaultBranch : null,
              since: entry.deployment?.since ?? null,
              deployment_id: entry.deployment?.id ?? null,
              waiting_for_staging: entry.waiting,
            })),
            notices: offBranchNotices(staging, settings.defaultBranch),
          },
          null,
          2,
        ),
      );
      return 0;
    }
    const now = new Date();
    for (const stage of STAGES) {
      const items = board[stage];
      const name = config.stages[stage].name;
      io.out(`${name} (${items.length}${stage === 'done' ? ' most recent' : ''})`);
      io.out(
        items.length === 0
          ? '  (none)'
          : table(
              ['PR', 'Title', 'Author', 'Merged', 'Age'],
              items.map((item) => [
                `#${item.number}`,
                item.title,
                item.author,
                item.mergedAt ? item.mergedAt.slice(0, 10) : 'open',
                age(item.mergedAt ?? item.createdAt, now),
              ]),
            ),
      );
      io.out('');
    }
    for (const line of stagingLines(staging, settings.defaultBranch, now)) io.out(line);
    return 0;
  },
};

/** Per component: the commit and branch staging runs, since when, and how many PRs it still lacks. */
function stagingLines(staging: StagingOverview[], defaultBranch: string, now: Date): string[] {
  if (staging.length === 0) return [];
  return [
    'staging',
    table(
      ['Component', 'Commit', 'Branch', 'Since', 'Waiting for staging'],
      staging.map((entry) =>
        entry.deployment
          ? [
              entry.component,
              shortSha(entry.deployment.sha),
              entry.deployment.branch,
              `${entry.deployment.since.slice(0, 16).replace('T', ' ')} (${age(entry.deployment.since, now)} ago)`,
              String(entry.waiting.length),
            ]
          : [entry.component, '-', '-', 'never deployed', String(entry.waiting.length)],
      ),
    ),
    ...offBranchNotices(staging, defaultBranch),
  ];
}
