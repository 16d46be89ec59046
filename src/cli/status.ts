import { table } from '../action/markdown.js';
import { STAGES } from '../core/stage.js';
import { createGitHub } from '../github/client.js';
import { loadRepoSettings } from '../github/repo-config.js';
import { readBoard } from '../github/stage-board.js';
import type { CliCommand } from './command.js';
import { parseCliOptions } from './options.js';

function age(iso: string, now: Date): string {
  const hours = Math.max(0, (now.getTime() - Date.parse(iso)) / 3_600_000);
  return hours < 48 ? `${Math.round(hours)}h` : `${Math.round(hours / 24)}d`;
}

export const statusCommand: CliCommand = {
  summary: 'the pull requests in each stage, oldest first',
  usage: 'release-train status [--repo OWNER/NAME] [--json] [--done N] [--token T] [--api-url URL]',
  async run(args, io) {
    const { common, values } = await parseCliOptions(args, io, { done: { type: 'string', default: '10' } });
    const github = createGitHub(common.token, { baseUrl: common.apiUrl });
    const { config } = await loadRepoSettings(github, common.repo);
    const board = await readBoard(github, common.repo, config.stages, {
      doneLimit: Number(values.done) || 10,
    });
    if (common.json) {
      io.out(
        JSON.stringify(
          { schema: 1, repository: `${common.repo.owner}/${common.repo.repo}`, stages: board },
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
    return 0;
  },
};
