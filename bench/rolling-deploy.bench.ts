import { type ActionLog, readInputs } from '../src/action/run-action.js';
import { readRunnerEnv } from '../src/action/runner-env.js';
import { rollingDeployAction } from '../src/actions/rolling-deploy/main.js';
import { startAwsEmulator } from '../test/support/aws-emulator/index.js';
import { type Bench, medianMs } from './report.js';

/**
 * The runbook's CoreOS upgrade: redeploy seven services ("delta registry admin img ui registry2
 * builder"), each an Auto Scaling group with its own boot time, through the real action code and
 * the real SDK against the AWS emulator (1 virtual second per real millisecond).
 */
const SERVICES = ['delta', 'registry', 'admin', 'img', 'ui', 'registry2', 'builder'];
const BOOT_MS = [45_000, 60_000, 75_000, 90_000, 105_000, 120_000, 135_000];
/** Virtual ms per real ms, and the poll interval: boot times, not CPU, must dominate the wall time. */
const SCALE = 250;
const POLL = '50ms';

const quiet: ActionLog = {
  info: () => {},
  warning: () => {},
  debug: () => {},
  group: (_name, body) => body(),
  mask: () => {},
};

async function deploy(
  groups: string[],
  maxParallel: number,
  strategy = 'surge',
): Promise<{ ms: number; requests: number }> {
  const aws = await startAwsEmulator({ scale: SCALE });
  Object.assign(process.env, aws.env());
  for (const [index, name] of groups.entries()) {
    aws.world.addGroup({
      name,
      desired: 3,
      max: 3,
      loadBalancers: [`${name}-elb`],
      behaviour: { bootMs: BOOT_MS[index % BOOT_MS.length]! },
    });
  }
  const raw: Record<string, string> = {
    groups: groups.join(' '),
    strategy,
    'max-parallel': String(maxParallel),
    'poll-interval': POLL,
    timeout: '60s',
    endpoint: aws.url,
  };
  const inputs = readInputs(rollingDeployAction, (name) => raw[name] ?? '');
  const start = performance.now();
  const outcome = await rollingDeployAction.main({ inputs, runner: readRunnerEnv({}), log: quiet });
  const ms = performance.now() - start;
  await aws.close();
  if (!outcome.ok) throw new Error(`bench deploy failed: ${outcome.message}`);
  return { ms, requests: aws.requests.length };
}

/** Emulator defaults: 30 s of health checks after boot, 20 s of connection draining. */
const phases = BOOT_MS.map((boot) => boot + 30_000 + 20_000);
const bound = phases.reduce((sum, ms) => sum + ms, 0) / Math.max(...phases);

const bench: Bench = async () => {
  let requestsPerGroup = 0;
  let refreshRequests = 0;
  const alone = await medianMs(3, () => deploy([SERVICES[6]!], 1));
  const parallel = await medianMs(3, () => deploy(SERVICES, 7));
  const serial = await medianMs(3, async () => {
    const { requests } = await deploy(SERVICES, 1);
    requestsPerGroup = requests / SERVICES.length;
  });
  await medianMs(1, async () => {
    refreshRequests = (await deploy([SERVICES[0]!], 1, 'instance-refresh')).requests;
  });
  return {
    title: 'rolling-deploy: 7 Auto Scaling groups of 3, boot 45-135 s (emulated, 250x)',
    figures: [
      {
        name: 'max-parallel 1 / max-parallel 7',
        value: serial / parallel,
        unit: 'ratio',
        note: `wall time; ${bound.toFixed(1)}x is the bound (sum of the groups' boot, health check and drain over the slowest)`,
      },
      {
        name: 'max-parallel 7 / slowest group alone',
        value: parallel / alone,
        unit: 'ratio',
        note: 'wall time; 1.0x means seven groups cost what one does',
      },
      {
        name: 'AWS requests per group deploy (surge)',
        value: requestsPerGroup,
        unit: 'count',
        note: 'a look every 12.5 virtual s; preflight, record, 2D, drain, restore',
      },
      {
        name: 'AWS requests per group deploy (instance-refresh)',
        value: refreshRequests,
        unit: 'count',
      },
    ],
  };
};

export default bench;
