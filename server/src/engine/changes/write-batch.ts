import type { InStatement } from '@libsql/client';
import type { Db } from '../../db/client.ts';
import type { Cells } from '../../db/hot-reads.ts';
import { preparedWrites } from '../../db/prepared-writes.ts';
import { busyBackoff, exclusive, isBusy } from '../../db/write-tx.ts';
import { auditStatements, chainAudit, GENESIS, readAuditTail, type AuditEntry } from './audit.ts';
import { auditTailGuard, isStalePlan } from './plan-guards.ts';

/** A planned change ready to write: its guards and writes, and the audit entries that record it. */
export interface BatchChange {
  statements: InStatement[];
  at: Date;
  audit: AuditEntry[];
  /** A read run right after the change, in its transaction (what the change answers with, as it left it): no round trip of its own. */
  answer?: InStatement;
}

interface Queued extends BatchChange {
  resolve(answer: Cells | undefined): void;
  reject(error: unknown): void;
}

/** Changes one batch carries at most (a steady stream of requests must not hold the first one back for long). */
const MAX_GROUP = 64;

/** Changes waiting for the next batch, per database: they are committed together (group commit). */
const waiting = new WeakMap<Db, Queued[]>();
/** The audit chain's tail as this process last wrote it (another process's entries make its guard fail: re-read). */
const tails = new WeakMap<Db, string>();

/**
 * Writes a planned change in one atomic batch (db/prepared-writes.ts: one round
 * trip, one IMMEDIATE transaction, so the write lock is held for that trip
 * alone, across processes too). Changes that arrive while a batch is in
 * flight in this process, or while changes keep arriving turn after turn of
 * the event loop, wait and go together in the next one; their audit
 * entries chain on the tail this process knows, guarded. Rejects with a
 * "stale plan" error when one of the change's own guards no longer holds: the
 * caller re-reads and plans again. Nothing of a rejected change is written.
 * Resolves to the first row of the change's `answer`.
 */
export function writeBatch(db: Db, change: BatchChange): Promise<Cells | undefined> {
  return new Promise((resolve, reject) => {
    const queued = waiting.get(db);
    if (queued) return void queued.push({ ...change, resolve, reject });
    const group: Queued[] = [{ ...change, resolve, reject }];
    waiting.set(db, group);
    // Alone in the process's write queue: never beside a transaction of ours holding the lock.
    void exclusive(db, async () => {
      // An embedded database answers synchronously, so without a pause no other change could ever join:
      // the requests this turn of the event loop reads are planned before the group closes. Requests
      // reach the server over several turns (each socket's bytes in its own callback), so while the
      // last turn brought more changes the group waits one more; a turn that brings none (a lone
      // request, or the last of a burst) closes it. One commit then serves about twice as many.
      let size: number;
      do {
        size = group.length;
        await new Promise(setImmediate);
      } while (group.length > size && group.length < MAX_GROUP);
      waiting.delete(db);
      return flush(db, group);
    });
  });
}

async function flush(db: Db, group: Queued[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const tail = tails.get(db) ?? (await readAuditTail(db));
    let last = tail;
    const statements = [auditTailGuard({ hash: tail, genesis: GENESIS })];
    /** Where each change's answer is in the batch. */
    const answers: (number | undefined)[] = [];
    for (const change of group) {
      statements.push(...change.statements);
      const rows = chainAudit(last, change.at, change.audit);
      if (rows.length) {
        last = rows[rows.length - 1]!.hash;
        statements.push(...auditStatements(rows));
      }
      answers.push(change.answer ? statements.push(change.answer) - 1 : undefined);
    }
    try {
      const rows = await preparedWrites(db).batch(statements);
      tails.set(db, last);
      group.forEach((change, i) => {
        const at = answers[i];
        change.resolve(at === undefined ? undefined : rows[at]);
      });
      return;
    } catch (error) {
      tails.delete(db);
      // Another process wrote between: chain on its entries (the plans themselves still stand), or wait for its lock.
      if (attempt < 30 && isStalePlan(error, 'audit tail')) continue;
      if (attempt < 30 && isBusy(error)) {
        await busyBackoff(attempt);
        continue;
      }
      // One change's guard (or write) failed: the others are not to blame, so each goes alone.
      if (group.length > 1) {
        for (const change of group) await flush(db, [change]);
        return;
      }
      group[0]!.reject(error);
      return;
    }
  }
}
