import {
  entryMessage,
  MAX_RELEASE_BODY,
  readSection,
  releaseBody,
  renderSection,
  type SectionInput,
} from '../../src/core/release-notes.js';

const links = { serverUrl: 'https://github.com', owner: 'octo-org', repo: 'app' };
const sha = (n: number) => String(n).repeat(40).slice(0, 40);

function input(commits: SectionInput['commits']): SectionInput {
  return {
    tag: 'production-2024-05-02',
    date: '2024-05-02',
    deployed: 'f'.repeat(40),
    pullRequests: [
      ...new Set(commits.flatMap((each) => (each.pullRequest ? [each.pullRequest.number] : []))),
    ],
    commits,
    links,
  };
}

describe('the CHANGELOG section', () => {
  it('has the tag and date, the deployed commit and every PR of the train', async () => {
    const section = await renderSection(
      input([
        {
          sha: sha(1),
          message: 'docs: readme (#3)',
          isMerge: false,
          pullRequest: { number: 3, title: 'docs: readme' },
          issues: [],
        },
      ]),
    );
    expect(section.split('\n')[0]).toBe('## production-2024-05-02 (2024-05-02)');
    expect(section).toContain(
      'Deployed [`fffffff`](https://github.com/octo-org/app/commit/ffffffffffffffffffffffffffffffffffffffff) with [#3](https://github.com/octo-org/app/pull/3).',
    );
  });

  it('groups features, fixes, performance and breaking changes, each entry linking its PR and issues', async () => {
    const section = await renderSection(
      input([
        {
          sha: sha(1),
          message: 'feat(api): add login (#42)',
          isMerge: false,
          pullRequest: { number: 42, title: 'feat(api): add login' },
          issues: [12],
        },
        {
          sha: sha(2),
          message: 'fix: crash on empty cart',
          isMerge: false,
          pullRequest: { number: 43, title: 'fix: crash on empty cart' },
          issues: [],
        },
        {
          sha: sha(3),
          message: 'perf: cache prices (#44)',
          isMerge: false,
          pullRequest: { number: 44, title: 'perf: cache prices' },
          issues: [],
        },
        {
          sha: sha(4),
          message: 'feat!: drop the v1 API (#45)\n\nBREAKING CHANGE: /v1 is gone',
          isMerge: false,
          pullRequest: { number: 45, title: 'feat!: drop the v1 API' },
          issues: [],
        },
      ]),
    );
    expect(section).toContain('### ⚠ BREAKING CHANGES\n\n* /v1 is gone');
    expect(section).toContain(
      '* **api:** add login ([#42](https://github.com/octo-org/app/issues/42)) ([1111111](https://github.com/octo-org/app/commits/1111111111111111111111111111111111111111)), closes [#12](https://github.com/octo-org/app/issues/12)',
    );
    expect(section).toContain('### Bug Fixes\n\n* crash on empty cart ([#43]');
    expect(section).toContain('### Performance Improvements\n\n* cache prices ([#44]');
    expect(section.indexOf('### Features')).toBeLessThan(section.indexOf('### Bug Fixes'));
  });

  it('a merge commit is written from its PR title, not from "Merge pull request"', async () => {
    const commit = {
      sha: sha(5),
      message: 'Merge pull request #46 from octo-org/login\n\nfeat: sign in with passkeys',
      isMerge: true,
      pullRequest: { number: 46, title: 'feat: sign in with passkeys' },
      issues: [],
    };
    expect(entryMessage(commit)).toBe('feat: sign in with passkeys (#46)');
    const section = await renderSection(input([commit]));
    expect(section).toContain('### Features\n\n* sign in with passkeys ([#46]');
    expect(section).not.toContain('Merge pull request');
  });

  it('a change without a conventional title still gets a line under Other Changes', async () => {
    const section = await renderSection(
      input([
        {
          sha: sha(6),
          message: 'Tweak the footer',
          isMerge: false,
          pullRequest: { number: 47, title: 'Tweak the footer' },
          issues: [],
        },
      ]),
    );
    expect(section).toContain('### Other Changes\n\n* Tweak the footer ([#47]');
  });

  it('can be read back: which commit was deployed with which PRs', async () => {
    const section = await renderSection(
      input([
        {
          sha: sha(1),
          message: 'feat: a (#42)',
          isMerge: false,
          pullRequest: { number: 42, title: 'feat: a' },
          issues: [],
        },
        {
          sha: sha(2),
          message: 'chore: b (#43)',
          isMerge: false,
          pullRequest: { number: 43, title: 'chore: b' },
          issues: [],
        },
      ]),
    );
    expect(readSection(section)).toEqual({
      tag: 'production-2024-05-02',
      deployed: 'f'.repeat(40),
      pullRequests: [42, 43],
    });
    expect(readSection('## production-2024-05-01\n\nWritten by hand.\n')).toBeUndefined();
  });

  it('a section too long for a GitHub release is cut at a line, pointing to the whole text', () => {
    const long = `## tag\n\n${'* a change\n'.repeat(20_000)}`;
    const body = releaseBody(long, 'CHANGELOG.md');
    expect(body.length).toBeLessThanOrEqual(MAX_RELEASE_BODY);
    expect(body).toMatch(
      /\* a change\n\n… cut here: the whole section is in CHANGELOG\.md and in the tag's message\.\n$/,
    );
    expect(releaseBody('## tag\n', 'CHANGELOG.md')).toBe('## tag\n');
  });
});
