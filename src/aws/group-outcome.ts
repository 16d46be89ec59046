import type { Journal } from '../core/journal.js';
import type { Strategy } from '../core/quorum.js';
import type { RestoreReport } from './restore-group.js';

/** How one group's deploy ended: what the summary, the `result` output and the log report. */
export interface GroupOutcome {
  group: string;
  strategy: Strategy;
  ok: boolean;
  reasonCode: string;
  message: string;
  /** Instance ids before and after. */
  before: string[];
  after: string[];
  /** Old instances terminated by the deploy, in order. */
  terminated: string[];
  /** The last "N of M new instances in service". */
  progress?: string;
  restored?: RestoreReport;
  journal: Journal;
  /** What a dry run would do. */
  plan?: string[];
}

/** A wait that ran out: new instances did not all pass their health checks in time. */
export class NewInstancesUnhealthy extends Error {}
