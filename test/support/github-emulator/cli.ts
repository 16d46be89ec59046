// npm run emulator -- --git-dir DIR [--port N] [--no-validate]
// Serves every bare repository DIR/OWNER/NAME.git as OWNER/NAME and prints the API base URL on
// the first line of its output; runs until killed.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listRepositories } from './context.js';
import { startGitHubEmulator } from './index.js';

const { values } = parseArgs({
  options: {
    'git-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    'no-validate': { type: 'boolean', default: false },
    'server-url': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help || !values['git-dir']) {
  const usage = 'Usage: npm run emulator -- --git-dir DIR [--port N] [--no-validate] [--server-url URL]';
  (values.help ? console.log : console.error)(usage);
  process.exit(values.help ? 0 : 2);
}

const gitDir = resolve(values['git-dir']);
const emulator = await startGitHubEmulator({
  gitDir,
  port: Number(values.port),
  validate: !values['no-validate'],
  serverUrl: values['server-url'],
});
console.log(emulator.url);
const repositories = listRepositories(gitDir);
console.log(
  `GitHub emulator: serving ${repositories.length} repositories from ${gitDir}${repositories.length ? ': ' : ''}${repositories
    .map((repo) => `${repo.owner}/${repo.name}`)
    .join(', ')}`,
);
console.log('Tokens are logins: Authorization: token LOGIN. Stop with Ctrl-C.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
