import { createStagingWorld } from '../test/deploy-staging/staging-world.js';
import { type Bench, type BenchFigure, medianMs } from './report.js';

/**
 * What a staging deploy costs in GitHub requests as the number of PRs waiting for staging grows,
 * and how long its plan takes against a floor measured in the same run: the bundled action doing
 * nothing but reading the config (a deploy refused for an unknown component).
 */
const bench: Bench = async () => {
  const figures: BenchFigure[] = [];
  const perSize: { waiting: number; plan: number; deploy: number }[] = [];
  for (const waiting of [1, 10, 30]) {
    const world = await createStagingWorld();
    try {
      await world.deploy({ phase: 'start', component: 'web' }).then((start) =>
        world.deploy({
          phase: 'finish',
          'deployment-id': start.outputs['deployment-id']!,
          status: 'success',
        }),
      );
      for (let i = 0; i < waiting; i++) await world.mergePull(`feat: change ${i}`);
      const before = world.gh.requests.length;
      const dry = await world.deploy({ phase: 'start', component: 'web', 'dry-run': 'true' });
      const plan = world.gh.requests.length - before;
      const start = await world.deploy({ phase: 'start', component: 'web' });
      await world.deploy({
        phase: 'finish',
        'deployment-id': start.outputs['deployment-id']!,
        status: 'success',
      });
      const deploy = world.gh.requests.length - before - plan;
      if (((dry.result?.pull_requests ?? []) as number[]).length !== waiting)
        throw new Error('the plan missed PRs');
      perSize.push({ waiting, plan, deploy });
      figures.push(
        { name: `requests: dry-run plan, ${waiting} waiting`, value: plan, unit: 'count' },
        { name: `requests: start + finish, ${waiting} waiting`, value: deploy, unit: 'count' },
      );
      if (waiting === 10) {
        const floor = await medianMs(3, () => world.deploy({ phase: 'start', component: 'nope' }));
        const planned = await medianMs(3, () =>
          world.deploy({ phase: 'start', component: 'web', 'dry-run': 'true' }),
        );
        figures.push({
          name: 'dry-run plan time, 10 waiting',
          value: planned / floor,
          unit: 'ratio',
          note: 'plan / a run that only reads the config and refuses',
        });
      }
    } finally {
      await world.close();
    }
  }
  const [small, , large] = perSize;
  figures.push({
    name: 'extra requests per waiting PR (start + finish)',
    value: (large!.deploy - small!.deploy) / (large!.waiting - small!.waiting),
    unit: 'count',
    note: 'containment is one compare whatever the count; each PR costs its own reads and writes',
  });
  return { title: 'staging deploy (deploy-staging against the GitHub emulator)', figures };
};

export default bench;
