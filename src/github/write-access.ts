import type { RepoRef } from '../core/linked-issues.js';
import type { GitHub } from './client.js';

/**
 * Whether a user may push to the repository (write, maintain or admin). Labels that gate
 * production are honoured only when such a user applied them. Answers are cached per login, so a
 * train of many PRs labelled by the same few people costs one request per person.
 */
export class WriteAccess {
  private readonly answers = new Map<string, Promise<boolean>>();

  constructor(
    private readonly github: GitHub,
    private readonly repo: RepoRef,
  ) {}

  has(login: string): Promise<boolean> {
    const key = login.toLowerCase();
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.ask(login);
      this.answers.set(key, answer);
    }
    return answer;
  }

  private async ask(login: string): Promise<boolean> {
    // Bots such as github-actions[bot] act with the workflow's token, which the workflow's own
    // permissions already limit; the permission endpoint does not know them.
    if (login === 'github-actions[bot]') return true;
    try {
      const { data } = await this.github.rest.repos.getCollaboratorPermissionLevel({
        ...this.repo,
        username: login,
      });
      return data.permission === 'admin' || data.permission === 'write' || data.permission === 'maintain';
    } catch (error) {
      if ((error as { status?: number }).status === 404) return false;
      throw error;
    }
  }
}
