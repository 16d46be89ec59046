import type { StagingDeployment } from '../../src/core/staging-deployment.js';
import { checkStagingOrder } from '../../src/core/staging-order.js';

const target = 'a'.repeat(40);
const staging: StagingDeployment = {
  id: 9,
  component: 'api',
  sha: 'b'.repeat(40),
  ref: 'main',
  branch: 'main',
  action: 'update',
  progress: 'succeeded',
  createdAt: '2024-05-01T10:00:00Z',
  since: '2024-05-01T10:05:00Z',
  creator: 'octocat',
  runUrl: '',
};

describe('the order of environments', () => {
  it('a target that staging contains may go to production', () => {
    const order = checkStagingOrder({
      requireStaging: true,
      target,
      components: [{ component: 'api', staging, containsTarget: true }],
    });
    expect(order).toEqual({ ok: true, why: 'staging contains aaaaaaa for api' });
  });

  it('a target never deployed to staging is refused with the command that fixes it', () => {
    const order = checkStagingOrder({
      requireStaging: true,
      target,
      components: [
        { component: 'api', staging, containsTarget: false },
        { component: 'web', staging: undefined, containsTarget: false },
      ],
    });
    expect(order).toMatchObject({
      ok: false,
      reasonCode: 'not-on-staging',
      components: ['api', 'web'],
      commands: [
        `gh workflow run deploy-staging.yml -f action=update -f component=api -f ref=${target}`,
        `gh workflow run deploy-staging.yml -f action=update -f component=web -f ref=${target}`,
      ],
    });
    expect(!order.ok && order.message).toMatch(
      /staging\/api runs bbbbbbb \(branch main, since 2024-05-01T10:05:00Z\), which does not contain aaaaaaa; web was never deployed to staging\. Nothing was changed\./,
    );
  });

  it('require-staging off lets any target through', () => {
    expect(
      checkStagingOrder({
        requireStaging: false,
        target,
        components: [{ component: 'api', staging: undefined, containsTarget: false }],
      }).ok,
    ).toBe(true);
  });
});
