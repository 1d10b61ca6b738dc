import type { ImportIssue, ImportKind, ImportReport } from '@seatwise/shared';
import type { Engine } from '../engine/engine.ts';
import type { Caller } from '../http/context.ts';
import type { RowSource } from './read-rows.ts';

/** One change the apply job makes: `key` names its subject in the job's items (a user id, email or organization id). */
export interface PlanItem {
  line: number;
  key: string;
  data: unknown;
}

/** What an import would do: the dry run's answer, and the changes an apply job works off. */
export interface ImportPlan {
  report: ImportReport;
  items: PlanItem[];
}

export interface PlanInput {
  source: RowSource;
  caller: Caller;
  engine: Engine;
  dryRun: boolean;
  mode: 'upsert' | 'sync';
}

export function emptyReport(kind: ImportKind, input: Pick<PlanInput, 'dryRun' | 'mode'>): ImportReport {
  return { kind, dryRun: input.dryRun, mode: input.mode, rows: 0, created: 0, updated: 0, unchanged: 0, archived: 0, invalid: [], licensed: 0, waiting: 0, pools: [], archivedUsers: [], unknownUsers: 0 };
}

/** Collects row errors; a row with one is left out of the plan. */
export class Issues {
  readonly list: ImportIssue[] = [];
  add(line: number, field: string | null, reason: string): void {
    this.list.push({ line, field, reason });
  }
}

/** Keys seen so far in a file, so a second row for the same person or organization is an error naming the first. */
export class FirstSeen {
  private readonly lines = new Map<string, number>();
  /** The line that already used `key`, or undefined (and remembers this one). */
  check(key: string, line: number): number | undefined {
    const first = this.lines.get(key);
    if (first === undefined) this.lines.set(key, line);
    return first;
  }
}

export function chunked<T>(xs: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
