import type { StageLabels } from '../config/schema.js';
import type { RepoRef } from '../core/linked-issues.js';
import { STAGES, type StageKey } from '../core/stage.js';
import type { GitHub } from './client.js';

export interface BoardItem {
  number: number;
  title: string;
  author: string;
  mergedAt: string | null;
  createdAt: string;
  url: string;
}

export type Board = Record<StageKey, BoardItem[]>;

/**
 * The PRs in each stage, oldest merge first: one search per stage and 100 PRs. `done` grows
 * forever, so only its most recent `doneLimit` are read.
 */
export async function readBoard(
  github: GitHub,
  repo: RepoRef,
  stages: StageLabels,
  options: { doneLimit: number } = { doneLimit: 10 },
): Promise<Board> {
  const board = {} as Board;
  for (const stage of STAGES) {
    const q = `repo:${repo.owner}/${repo.repo} is:pr label:"${stages[stage].name}"`;
    const items =
      stage === 'done'
        ? (
            await github.rest.search.issuesAndPullRequests({
              q,
              sort: 'updated',
              order: 'desc',
              per_page: options.doneLimit,
            })
          ).data.items
        : await github.paginate(github.rest.search.issuesAndPullRequests, {
            q,
            sort: 'created',
            order: 'asc',
            per_page: 100,
          });
    board[stage] = items
      .map((item) => ({
        number: item.number,
        title: item.title,
        author: item.user?.login ?? '',
        mergedAt: item.pull_request?.merged_at ?? null,
        createdAt: item.created_at,
        url: item.html_url,
      }))
      .sort((a, b) => (a.mergedAt ?? a.createdAt).localeCompare(b.mergedAt ?? b.createdAt));
  }
  return board;
}
