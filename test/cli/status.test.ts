import { runCli } from '../support/run-cli.js';
import { createScenario, type Scenario } from '../support/scenario.js';

describe('release-train status and labels sync', () => {
  let s: Scenario;

  beforeAll(async () => {
    s = await createScenario();
  });
  afterAll(async () => {
    await s.close();
  });

  const cli = (...args: string[]) =>
    runCli([...args, '--repo', s.repository, '--api-url', s.gh.url], { env: { GITHUB_TOKEN: s.owner } });

  it('labels sync creates the stage labels, then reports them unchanged', async () => {
    const first = await cli('labels', 'sync', '--json');
    expect(first.exitCode).toBe(0);
    expect(JSON.parse(first.stdout).labels.map((label: { change: string }) => label.change)).toEqual([
      'created',
      'created',
      'created',
      'created',
    ]);
    const second = await cli('labels', 'sync');
    expect(second.stdout).toMatch(/stage: testing \| unchanged/);
  });

  it('status lists the PRs in each stage, oldest merge first', async () => {
    const older = await s.openPr({ branch: 'a', title: 'feat: older' });
    await s.merge(older);
    s.gh.advance(3_600_000);
    const newer = await s.openPr({ branch: 'b', title: 'feat: newer' });
    await s.merge(newer);
    const testing = await s.openPr({ branch: 'c', title: 'fix: in testing' });
    await s.merge(testing);
    await s.label(newer, ['stage: waiting for staging']);
    await s.label(older, ['stage: waiting for staging']);
    await s.label(testing, ['stage: testing']);

    const json = await cli('status', '--json');
    expect(json.stderr).toBe('');
    expect(json.exitCode).toBe(0);
    const { stages } = JSON.parse(json.stdout);
    expect(stages['waiting-for-staging'].map((pr: { number: number }) => pr.number)).toEqual([older, newer]);
    expect(stages.testing.map((pr: { number: number }) => pr.number)).toEqual([testing]);
    expect(stages['waiting-for-production']).toEqual([]);

    const text = await cli('status');
    expect(text.stdout).toContain('stage: waiting for staging (2)');
    expect(text.stdout).toMatch(new RegExp(`#${older} \\| feat: older`));
    expect(text.stdout).toContain('stage: waiting for production (0)\n  (none)');
  });

  it('without a token it says what to do and changes nothing', async () => {
    const run = await runCli(['status', '--repo', s.repository, '--api-url', s.gh.url]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/No GitHub token: pass --token or set GITHUB_TOKEN/);
  });

  it('an unknown command prints the list of commands', async () => {
    const run = await runCli(['deploy-everything']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/Unknown command "deploy-everything"[\s\S]*status/);
  });
});
