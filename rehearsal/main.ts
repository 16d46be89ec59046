import { parseArgs } from 'node:util';
import { rehearse } from './rehearse.js';

/**
 * `npm start`: the whole runbook on this machine with nothing configured, as a newcomer's first look.
 * Flags choose the size: --prs 12 --blocked-at 5.
 */
const usage =
  'Usage: npm start -- [--prs N] [--blocked-at K]   (K = the Kth merged PR stays in testing; 0 = none)';

let values: { prs: string; 'blocked-at': string; help: boolean };
try {
  values = parseArgs({
    options: {
      prs: { type: 'string', default: '8' },
      'blocked-at': { type: 'string', default: '6' },
      help: { type: 'boolean', default: false },
    },
  }).values as typeof values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const prs = Number(values.prs);
const blockedAt = Number(values['blocked-at']);
if (!Number.isInteger(prs) || prs < 1 || prs > 200 || !Number.isInteger(blockedAt) || blockedAt < 0) {
  console.error(`--prs takes 1 to 200 and --blocked-at 0 or more.\n${usage}`);
  process.exit(2);
}

const started = performance.now();
try {
  const rehearsal = await rehearse({ prs, blockedAt, say: (line) => console.log(line) });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log('');
  console.log(
    `Release notes of ${rehearsal.tag} (the tag's message, also the GitHub Release and the CHANGELOG section):`,
  );
  console.log('');
  console.log(rehearsal.notes.replace(/^/gm, '  '));
  console.log('');
  console.log(
    `Promoted ${rehearsal.train.map((pr) => `#${pr}`).join(' ')}; ${rehearsal.blocked ? `#${rehearsal.blocked} and the PRs after it wait for the next train.` : 'nothing waits.'}`,
  );
  console.log(
    `Production servers replaced: ${rehearsal.servers.old.join(' ')} -> ${rehearsal.servers.new.join(' ')}`,
  );
  console.log(`${rehearsal.runs.length} action runs in ${seconds}s. The sandbox stays for you to look at:`);
  console.log(
    `  git -C ${rehearsal.root}/checkout log --oneline --graph --decorate origin/main origin/production`,
  );
  console.log(
    `  git -C ${rehearsal.root}/checkout fetch -q --tags && git -C ${rehearsal.root}/checkout show ${rehearsal.tag}`,
  );
} catch (error) {
  console.error(`\nThe rehearsal stopped: ${(error as Error).message}`);
  process.exitCode = 1;
}
