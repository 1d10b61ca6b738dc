import type { Db, Tx } from './client.ts';

/**
 * Changes go through here (or, planned from a read, as one write batch in the
 * same queue: engine/changes/write-batch.ts): one IMMEDIATE transaction, so the seat check
 * and the write it guards happen under the database's write lock — atomic
 * across every process on the same database, not just this one.
 *
 * Inside one process, writers queue on a promise chain first: SQLite has one
 * writer anyway, and queueing here avoids busy-lock churn between our own
 * pooled connections. Another process holding the lock shows up as
 * SQLITE_BUSY, which we retry with backoff.
 */
const queues = new WeakMap<Db, Promise<unknown>>();

export function withWriteTx<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return exclusive(db, () => runWithRetry(db, work));
}

/**
 * Runs `work` when every write queued before it in this process is done, and
 * alone: a write transaction, or a write batch (engine/changes/write-batch.ts),
 * which must not wait on the lock a transaction of this very process holds.
 */
export function exclusive<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.then(work, work);
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

/** Backoff before retry `attempt` after SQLITE_BUSY (another process holds the write lock). */
export const busyBackoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random())));

async function runWithRetry<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(work, { behavior: 'immediate' });
    } catch (error) {
      if (!isBusy(error) || attempt >= 30) throw error;
      await busyBackoff(attempt);
    }
  }
}

export function isBusy(error: unknown): boolean {
  for (let e: any = error; e; e = e.cause) {
    const code = String(e.code ?? '');
    if (code.includes('BUSY') || /database is locked/i.test(String(e.message ?? ''))) return true;
  }
  return false;
}
