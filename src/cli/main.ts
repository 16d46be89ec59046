import { isReleaseTrainError } from '../action/failure.js';
import type { CliCommand, CliIO } from './command.js';
import { doctorCommand } from './doctor.js';
import { labelsCommand } from './labels.js';
import { schemaCommand } from './schema.js';
import { statusCommand } from './status.js';

const commands: Record<string, CliCommand> = {
  labels: labelsCommand,
  schema: schemaCommand,
  status: statusCommand,
  doctor: doctorCommand,
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    'release-train: stage labels, staging deploys, production promotion and rolling deploys.',
    '',
    'Usage: release-train <command> [options]',
    '',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `release-train <command> --help` for its options.',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (isReleaseTrainError(error)) {
      io.err(`[${error.reasonCode}] ${error.message}`);
      return 1;
    }
    io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
