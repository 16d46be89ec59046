/**
 * What happened to one group during a deploy, step by step, with times: the log prints it as it
 * goes, the job summary shows it as a table and a timeline.
 */
export interface JournalStep {
  name: string;
  start: number;
  end?: number;
}

export class Journal {
  readonly steps: JournalStep[] = [];
  readonly notes: string[] = [];

  constructor(
    readonly group: string,
    private readonly now: () => number,
    private readonly print: (line: string) => void = () => {},
  ) {}

  /** Starts a named step (ending the one before). */
  step(name: string): void {
    this.finish();
    this.steps.push({ name, start: this.now() });
    this.print(`${this.group}: ${name}`);
  }

  /** Ends the current step. */
  finish(): void {
    const current = this.steps.at(-1);
    if (current && current.end === undefined) current.end = this.now();
  }

  /** A line worth keeping (progress, a warning); repeated lines are printed once. */
  note(line: string): void {
    if (this.notes.at(-1) === line) return;
    this.notes.push(line);
    this.print(`${this.group}: ${line}`);
  }
}
