import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { createSandbox, initBare } from '../support/git.js';
import { route, startGitHubEmulator } from '../support/github-emulator/index.js';
import { validateResponse } from '../support/github-emulator/openapi.js';
import { createWorld, quiet, repo } from './world.js';

describe("validation against GitHub's OpenAPI description", () => {
  it('a body missing a required field or with a wrong type is reported, field by field', async () => {
    const world = await createWorld();
    try {
      await world.commit('feature/x', { 'x.txt': 'x\n' }, 'feat: x');
      const { data: pull } = await world
        .as('octo-org')
        .pulls.create({ ...repo, title: 'X', head: 'feature/x', base: 'main' });
      const operation = '/repos/{owner}/{repo}/pulls/{pull_number}';
      expect(validateResponse('GET', operation, 200, pull)).toEqual([]);

      const { head: _, ...withoutHead } = pull;
      expect(validateResponse('GET', operation, 200, withoutHead)).toEqual([
        expect.stringContaining("must have required property 'head'"),
      ]);
      expect(validateResponse('GET', operation, 200, { ...pull, number: '1' })).toEqual([
        expect.stringMatching(/^\/number must be integer/),
      ]);
      expect(validateResponse('GET', operation, 200, { ...pull, state: 'merged' })).toEqual([
        expect.stringMatching(/^\/state must be equal to one of the allowed values/),
      ]);
    } finally {
      await world.close();
    }
  });

  it('a wrong body from an endpoint is answered with a 500 naming the errors, and recorded', async () => {
    const box = await createSandbox('release-train-emulator-openapi-');
    await initBare(join(box.root, 'git', 'octo-org', 'app.git'));
    const gh = await startGitHubEmulator({
      gitDir: join(box.root, 'git'),
      extraRoutes: [
        route('GET', '/repos/{owner}/{repo}/labels/{name}', () => ({ status: 200, body: { name: 'bug' } })),
      ],
    });
    try {
      const octokit = new Octokit({ baseUrl: gh.url, auth: 'octo-org', log: quiet });

      const answer = octokit.issues.getLabel({ ...repo, name: 'bug' });

      await expect(answer).rejects.toMatchObject({
        status: 500,
        response: {
          data: {
            message: expect.stringContaining('does not match GitHub'),
            errors: expect.arrayContaining([expect.stringContaining("must have required property 'color'")]),
          },
        },
      });
      expect(gh.schemaViolations).toEqual([
        expect.objectContaining({
          operation: 'GET /repos/{owner}/{repo}/labels/{name}',
          status: 200,
          path: '/repos/octo-org/app/labels/bug',
        }),
      ]);
    } finally {
      await gh.close();
      await box.cleanup();
    }
  });

  it('a request body that does not match the endpoint is refused with 422 "Invalid request", as GitHub does', async () => {
    const world = await createWorld();
    try {
      await world.commit('feature/y', { 'y.txt': 'y\n' }, 'feat: y');
      const octokit = world.as('octo-org');

      // Bodies Octokit's types would not let through, as a JavaScript caller might send them.
      const wrongType = octokit.request('POST /repos/{owner}/{repo}/pulls', {
        ...repo,
        title: 'Y',
        head: 'feature/y',
        base: 'main',
        draft: 'yes',
      } as never);
      await expect(wrongType).rejects.toMatchObject({
        status: 422,
        response: { data: { message: `Invalid request.\n\nFor 'properties/draft', "yes" is not boolean.` } },
      });
      const { data: pull } = await octokit.pulls.create({
        ...repo,
        title: 'Y',
        head: 'feature/y',
        base: 'main',
      });
      const wrongMethod = octokit.request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', {
        ...repo,
        pull_number: pull.number,
        merge_method: 'fast-forward',
      } as never);
      await expect(wrongMethod).rejects.toMatchObject({
        status: 422,
        response: { data: { message: expect.stringContaining('"fast-forward" is not a member of') } },
      });
      const missing = octokit.request('POST /repos/{owner}/{repo}/labels', {
        ...repo,
        color: 'ffffff',
      } as never);
      await expect(missing).rejects.toMatchObject({
        status: 422,
        response: { data: { message: `Invalid request.\n\n"name" wasn't supplied.` } },
      });
      expect(world.gh.schemaViolations).toEqual([]);
    } finally {
      await world.close();
    }
  });

  it('a path that is not an operation of the REST API is reported as such', () => {
    expect(validateResponse('GET', '/repos/{owner}/{repo}/made-up', 200, {})).toEqual([
      "GET /repos/{owner}/{repo}/made-up is not an operation of GitHub's REST API description",
    ]);
  });
});
