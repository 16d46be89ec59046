import type { Recipe } from '../../src/config/schema.js';
import {
  checkPhase,
  checkQuorumStrategy,
  expandRecipeCommand,
  recipeFor,
} from '../../src/core/deploy-recipe.js';

describe('deploy recipes and phases', () => {
  it('a component without a staging recipe is deployed by your own workflow steps', () => {
    expect(recipeFor({ quorum: false }, 'staging')).toEqual({ kind: 'workflow' });
  });

  it('your own steps go between start and finish, never in one go', () => {
    const workflow = { kind: 'workflow' } as const;
    expect(checkPhase('api', workflow, 'start').ok).toBe(true);
    expect(checkPhase('api', workflow, 'finish').ok).toBe(true);
    const all = checkPhase('api', workflow, 'all');
    expect(all).toMatchObject({ ok: false, reasonCode: 'wrong-phase' });
    expect(!all.ok && all.message).toMatch(/phase "start", then your deploy steps, then phase "finish"/);
  });

  it('a recipe the action runs itself is run in one go', () => {
    const remote: Recipe = { kind: 'remote', hosts: ['h1'], commands: ['systemctl restart api'] };
    expect(checkPhase('api', remote, 'all').ok).toBe(true);
    expect(checkPhase('api', remote, 'start')).toMatchObject({ ok: false, reasonCode: 'wrong-phase' });
  });
});

describe('recipe commands', () => {
  it('name the deployed commit and component, and never the ref a person typed', () => {
    const sha = 'abcdef0123456789abcdef0123456789abcdef01';
    expect(
      expandRecipeCommand('docker pull app/{component}:{sha} # {short-sha} {ref}', { sha, component: 'api' }),
    ).toBe(`docker pull app/api:${sha} # abcdef0 {ref}`);
  });
});

describe('rolling deploys of quorum services', () => {
  it('a quorum service goes one by one, never in a surge', () => {
    expect(checkQuorumStrategy('etcd', true, 'one-by-one').ok).toBe(true);
    expect(checkQuorumStrategy('etcd', true, 'surge')).toMatchObject({
      ok: false,
      reasonCode: 'quorum-unsafe',
    });
    expect(checkQuorumStrategy('etcd', true, 'instance-refresh').ok).toBe(false);
  });

  it('any strategy suits a service without a quorum', () => {
    expect(checkQuorumStrategy('web', false, 'surge').ok).toBe(true);
  });
});
