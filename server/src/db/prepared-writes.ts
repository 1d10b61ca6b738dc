import type { Client, InStatement, InValue } from '@libsql/client';
import Libsql from 'libsql';
import type { Db } from './client.ts';
import type { Cells } from './hot-reads.ts';

/**
 * The write batches planned changes send (engine/changes/write-batch.ts):
 * statements run in one IMMEDIATE transaction, all or nothing. The libSQL
 * client prepares every statement of a batch anew on every call, which cost a
 * role grant more than running it; so for an embedded database the hot
 * reads' connection (hot-reads.ts) runs the batches too and keeps each of
 * their statements prepared. Sharing it matters: SQLite drops a connection's
 * page cache whenever another connection wrote, so the snapshot and the user
 * view after a change, read on the connection that made the last writes,
 * find their pages still cached. Each batch is one
 * synchronous call, so no read ever runs inside it. The process's write
 * queue (`exclusive` in write-tx.ts) never runs a batch beside a transaction
 * of the client, and other processes wait on the database's lock as through
 * the client. Remote databases go through the client (one round trip).
 */
export interface PreparedWrites {
  /**
   * Runs `statements` in one write transaction; throws (nothing written) the
   * first statement's error. Answers each statement's first row (none for a
   * write): a read among them sees the writes before it.
   */
  batch(statements: InStatement[]): Promise<(Cells | undefined)[]>;
  close(): void;
}

/** Distinct statements are a few dozen; the bound guards against SQL built per value. */
const MAX_STATEMENTS = 256;

export function embeddedPreparedWrites(connection: Libsql.Database, trip?: (statements: number) => Promise<void>): PreparedWrites {
  const statements = new Map<string, Libsql.Statement<unknown[]>>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (statement) return statement;
    statement = connection.prepare<unknown[]>(sql);
    if (statement.reader) statement.raw(true);
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    statements.set(sql, statement);
    return statement;
  };
  return {
    async batch(list) {
      await trip?.(list.length);
      connection.exec('BEGIN IMMEDIATE');
      try {
        const rows = list.map((s) => {
          const { sql, args } = typeof s === 'string' ? { sql: s, args: [] } : s;
          const statement = prepared(sql);
          const values = ((args ?? []) as InValue[]).map(bindable);
          // `get` steps a read once and resets it: nothing of it is left open when the batch commits.
          return statement.reader ? (statement.get(values) as Cells | undefined) : void statement.run(values);
        });
        connection.exec('COMMIT');
        return rows;
      } catch (error) {
        if (connection.inTransaction) connection.exec('ROLLBACK');
        throw error;
      }
    },
    close: () => {}, // the hot reads close the connection
  };
}

/** What the native driver binds: the client's own conversions for the values drizzle hands it. */
const bindable = (v: InValue) => (typeof v === 'boolean' ? Number(v) : v instanceof Date ? v.valueOf() : v);

export function clientPreparedWrites(client: Client): PreparedWrites {
  return {
    batch: async (statements) => (await client.batch(statements, 'write')).map(({ rows: [row] }) => (row ? Array.from(row) : undefined)),
    close: () => {},
  };
}

const registered = new WeakMap<Db, PreparedWrites>();

/** Called by `openDatabase`. */
export const registerPreparedWrites = (db: Db, writes: PreparedWrites) => void registered.set(db, writes);

/** The write batches of a database `openDatabase` opened (through the client for any other). */
export const preparedWrites = (db: Db): PreparedWrites => registered.get(db) ?? clientPreparedWrites(db.$client);
