import * as core from '@actions/core';

/**
 * The root action (`uses: OWNER/release-train@v1` with `command: <name>`): hands over to the bundled
 * entry of that action. The list of commands is written in at build time from src/actions/.
 */
declare const RELEASE_TRAIN_COMMANDS: string[];

const command = core.getInput('command').trim();
if (!RELEASE_TRAIN_COMMANDS.includes(command)) {
  const result = {
    schema: 1,
    action: 'release-train',
    ok: false,
    reason_code: 'unknown-command',
    message: `Unknown command "${command}". Nothing was changed. Use one of: ${RELEASE_TRAIN_COMMANDS.join(', ')}.`,
    dry_run: false,
  };
  core.setOutput('result', JSON.stringify(result));
  core.setOutput('reason-code', result.reason_code);
  core.setFailed(`[unknown-command] ${result.message}`);
} else {
  // A URL, not a literal path: the bundler must leave this to the runtime (dist/<command>.js).
  const entry = new URL(`./${command}.js`, import.meta.url);
  await import(entry.href);
}
