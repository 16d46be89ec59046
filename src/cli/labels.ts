import { ReleaseTrainError } from '../action/failure.js';
import { table } from '../action/markdown.js';
import { createGitHub } from '../github/client.js';
import { loadRepoSettings } from '../github/repo-config.js';
import { syncStageLabels } from '../github/stage-labels.js';
import type { CliCommand } from './command.js';
import { parseCliOptions } from './options.js';

export const labelsCommand: CliCommand = {
  summary: 'create or update the stage labels to match the config (labels sync)',
  usage: 'release-train labels sync [--repo OWNER/NAME] [--dry-run] [--json]',
  async run(args, io) {
    const { common, values, positionals } = await parseCliOptions(args, io, {
      'dry-run': { type: 'boolean', default: false },
    });
    if (positionals[0] !== 'sync') throw new ReleaseTrainError('bad-input', `Usage: ${labelsCommand.usage}`);
    const github = createGitHub(common.token, { baseUrl: common.apiUrl });
    const { config } = await loadRepoSettings(github, common.repo);
    const labels = await syncStageLabels(github, common.repo, config.stages, values['dry-run'] === true);
    if (common.json)
      io.out(JSON.stringify({ schema: 1, dry_run: values['dry-run'] === true, labels }, null, 2));
    else
      io.out(
        table(
          ['Stage label', 'Change'],
          labels.map((label) => [label.name, label.change]),
        ),
      );
    return 0;
  },
};
