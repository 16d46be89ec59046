import { ReleaseTrainError } from '../action/failure.js';
import { authorship, type Git, type GitIdentity } from './git.js';

/**
 * Creates the annotated tag locally: its message is exactly the CHANGELOG section (verbatim, so
 * that the `## ` heading is not taken for a comment). A leftover local tag of that name from a
 * failed attempt is replaced; remote tags were checked before the name was chosen.
 */
export async function createDeployTag(
  git: Git,
  options: { name: string; target: string; message: string; tagger: GitIdentity; now: Date },
): Promise<void> {
  await git.run(
    ['tag', '--annotate', '--force', '--cleanup=verbatim', '--file=-', options.name, options.target],
    {
      input: options.message,
      env: authorship(options.tagger, options.now),
    },
  );
}

const RACE =
  /stale info|fetch first|non-fast-forward|already exists|cannot lock|failed to lock|failed to update ref|incorrect old value|atomic transaction failed/;

interface PushLine {
  flag: string;
  ref: string;
  summary: string;
}

/** Reads `git push --porcelain`: one line per ref, `<flag>\t<from>:<to>\t<summary>`. */
export function readPushReport(stdout: string): PushLine[] {
  return stdout
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((fields) => fields.length >= 3 && fields[0]!.length === 1)
    .map(([flag, refs, summary]) => ({ flag: flag!, ref: refs!.split(':').at(-1)!, summary: summary! }));
}

/**
 * ONE atomic push moves production and creates the tag: both or neither. The lease makes it
 * refuse when production is no longer where the plan saw it (someone else deployed or pushed a
 * hotfix meanwhile): then nothing is written.
 */
export async function pushDeploy(
  git: Git,
  options: { remote: string; productionBranch: string; expected: string; target: string; tag: string },
): Promise<void> {
  const production = `refs/heads/${options.productionBranch}`;
  const tag = `refs/tags/${options.tag}`;
  const result = await git.attempt([
    'push',
    '--porcelain',
    '--atomic',
    `--force-with-lease=${production}:${options.expected}`,
    options.remote,
    `${options.target}:${production}`,
    `${tag}:${tag}`,
  ]);
  const lines = readPushReport(result.stdout);
  if (result.code === 0) {
    // "Up to date": production was already there, so another run deployed this very train (its
    // tag object can be identical to ours). This run wrote nothing and must not do the rest too.
    if (lines.some((line) => line.ref === production && line.flag === '=')) {
      throw new ReleaseTrainError(
        'lease-lost',
        `Another run moved ${options.productionBranch} to ${options.target.slice(0, 7)} with ${options.tag} first. Nothing was written by this run; that run finishes the deploy.`,
        { push: lines },
      );
    }
    return;
  }
  const reasons = lines.filter((line) => line.flag === '!').map((line) => line.summary);
  // Someone else's update won: a stale lease, a ref that moved or was locked by a concurrent push
  // (the remote then fails the whole atomic transaction). A hook or protection rule is a refusal.
  const raced =
    reasons.some((reason) => RACE.test(reason)) &&
    !reasons.some((reason) => /hook declined|protected/.test(reason));
  const why = lines
    .filter((line) => line.flag === '!')
    .map((line) => `${line.ref}: ${line.summary}`)
    .join('; ');
  if (raced) {
    throw new ReleaseTrainError(
      'lease-lost',
      `Someone moved ${options.productionBranch} or created ${options.tag} since this run looked (${why}). ` +
        'Nothing was written: the atomic push changed neither production nor the tags. Run again to plan from where production is now.',
      { push: lines },
    );
  }
  throw new ReleaseTrainError(
    'push-rejected',
    `The remote refused the push of ${options.productionBranch} and ${options.tag} (${why || result.stderr.trim()}). ` +
      'Nothing was written: the push is atomic. Check the branch protection and the token (contents: write), then run again.',
    { push: lines, stderr: result.stderr.trim() },
  );
}
