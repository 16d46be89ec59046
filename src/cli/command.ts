/** A `release-train <name>` command: the same work as an action, from a terminal. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface CliCommand {
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}
