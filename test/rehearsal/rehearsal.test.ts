import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Rehearsal, rehearse } from '../../rehearsal/rehearse.js';
import { git } from '../support/git.js';

describe('the rehearsal (npm start), end to end', () => {
  let rehearsal: Rehearsal;
  const lines: string[] = [];

  beforeAll(async () => {
    rehearsal = await rehearse({ prs: 4, blockedAt: 3, say: (line) => lines.push(line) });
  }, 180_000);
  afterAll(async () => {
    if (rehearsal) await rm(rehearsal.root, { recursive: true, force: true });
  });

  const origin = () => join(rehearsal.root, 'git/acme/shop.git');

  it('every action run succeeded, each step printed as it happened', () => {
    expect(rehearsal.runs.filter((run) => !run.ok)).toEqual([]);
    expect(lines.filter((line) => /^\[\d\/7\]/.test(line))).toHaveLength(7);
    expect(rehearsal.runs.map((run) => run.reasonCode)).toEqual(
      expect.arrayContaining([
        'labels-synced',
        'issue-linked',
        'stage-moved',
        'deployed',
        'planned',
        'promoted',
        'ok',
      ]),
    );
  });

  it('the train stops at the PR left in testing: the two before it go to production', () => {
    expect(rehearsal.blocked).toBe(rehearsal.prs[2]);
    expect(rehearsal.train).toEqual(rehearsal.prs.slice(0, 2));
    expect(lines).toContain(
      `  What waits: #${rehearsal.prs[2]} is in stage: testing; 1 ready PR waits behind it: #${rehearsal.prs[3]}`,
    );
  });

  it('production is tagged with the date, and the tag message is the release notes of exactly the train', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(rehearsal.tag).toBe(`production-${today}`);
    expect(await git(origin(), ['rev-parse', 'production'])).toBe(
      await git(origin(), ['rev-parse', `${rehearsal.tag}^{commit}`]),
    );
    expect(rehearsal.notes).toMatch(new RegExp(`^## ${rehearsal.tag}`));
    expect(rehearsal.notes).toContain('remember the basket across devices');
    expect(rehearsal.notes).toContain('round VAT per line, not per order');
    expect(rehearsal.notes).not.toContain('cache the product index');
  });

  it('the default branch gets the chore(deploy) commit with the same section at the top of the CHANGELOG', async () => {
    expect(await git(origin(), ['log', '-1', '--format=%s', 'main'])).toBe('chore(deploy): Update CHANGELOG');
    const changelog = await git(origin(), ['show', 'main:CHANGELOG.md']);
    expect(changelog).toContain(rehearsal.notes.trim());
  });

  it('every production server was replaced', () => {
    expect(rehearsal.servers.new).toHaveLength(rehearsal.servers.old.length);
    expect(rehearsal.servers.new.filter((id) => rehearsal.servers.old.includes(id))).toEqual([]);
  });
});
