import { formatIssue, linkedIssues } from '../../src/core/linked-issues.js';

const here = { owner: 'octo-org', repo: 'app' };

describe('linked issues', () => {
  it('finds issues named with closing keywords in this repository', () => {
    expect(linkedIssues('This fixes #12 and Closes: #7.', here)).toEqual([
      { owner: 'octo-org', repo: 'app', number: 12 },
      { owner: 'octo-org', repo: 'app', number: 7 },
    ]);
  });

  it('finds issues in other repositories by owner/repo#N and by URL', () => {
    expect(
      linkedIssues('resolves acme/infra#3\nFixed https://github.com/acme/web/issues/44', here).map((ref) =>
        formatIssue(ref, here),
      ),
    ).toEqual(['acme/infra#3', 'acme/web#44']);
  });

  it('a plain mention without a closing keyword does not link', () => {
    expect(linkedIssues('See #12, related to #13', here)).toEqual([]);
  });

  it('keywords inside code or HTML comments do not link, as on GitHub', () => {
    expect(linkedIssues('`fixes #1`\n<!-- closes #2 -->\n```\nresolves #3\n```', here)).toEqual([]);
  });

  it('an issue mentioned twice is listed once', () => {
    expect(linkedIssues('fixes #5, also fixes #5', here)).toHaveLength(1);
  });

  it('a keyword glued to a word is not a keyword', () => {
    expect(linkedIssues('prefixes #9 and hotfixes #10', here)).toEqual([]);
  });

  it('no body means no links', () => {
    expect(linkedIssues(null, here)).toEqual([]);
  });
});
