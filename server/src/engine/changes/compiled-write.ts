import type { InValue } from '@libsql/client';
import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { compiledSql } from '../../db/hot-reads.ts';
import type { WriteQuery } from './reconcile-apply.ts';

/**
 * A write whose SQL text drizzle builds once per process, its values bound
 * by name: every role grant sends several, and building them with drizzle's
 * query builders on each one cost more than running them. It is a
 * `WriteQuery` like a built drizzle query: a write batch takes its statement
 * (`toSQL`), and a transaction that awaits it runs it on `exec`.
 */
export function compiledWrite<K extends string>(names: readonly K[], build: (values: Record<K, unknown>) => SQL) {
  const compiled = compiledSql(names, build);
  return (exec: DbOrTx, values: Record<K, InValue>): WriteQuery => ({
    toSQL: () => ({ sql: compiled.sql, params: compiled.args(values) }),
    // The locked path, inside its transaction: the same statement, built there.
    then: (onFulfilled, onRejected) => exec.run(build(values)).then(onFulfilled, onRejected),
  });
}
