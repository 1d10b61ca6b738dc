import type { Client, InStatement, InValue } from '@libsql/client';
import Libsql from 'libsql';
import { fillPlaceholders, placeholder, type SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db, DbOrTx } from './client.ts';

/** A row's cells in column order. */
export type Cells = unknown[];

/**
 * The reads every request makes (the change counters, a user lookup) and
 * the pages a CSV export walks, kept compiled. The libSQL client prepares
 * each statement anew on every call
 * (about 200 µs for the user-view query, more than running it), and reading
 * rows through its row iterator costs several times a one-row `get`. So for an
 * embedded database one more connection of this process keeps each hot
 * statement prepared and answers with its first row. Each call is one
 * autocommit read, as through the client: it sees every commit made before it
 * by any connection of any process. Remote databases go through the client.
 */
export interface HotReads {
  /** The first row `sql` answers, or undefined. Reads only; outside any transaction. */
  first(sql: string, args: InValue[]): Promise<Cells | undefined>;
  close(): void;
}

/** Distinct hot statements are a handful; the bound only guards against a caller building SQL per value. */
const MAX_STATEMENTS = 64;

/** `connection`: the process's prepared-statement connection, which write batches share (db/prepared-writes.ts). */
export function embeddedHotReads(path: string, timeoutMs: number, trip?: (statements: number) => Promise<void>): HotReads & { connection: Libsql.Database } {
  const connection = new Libsql(path, { timeout: timeoutMs } as never);
  const statements = new Map<string, Libsql.Statement<unknown[]>>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (statement) return statement;
    statement = connection.prepare<unknown[]>(sql);
    if (!statement.reader) throw new Error(`a hot read must only read: ${sql.slice(0, 80)}`);
    statement.raw(true);
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    statements.set(sql, statement);
    return statement;
  };
  return {
    async first(sql, args) {
      await trip?.(1);
      // `get` steps once and resets, so no read transaction outlives the call.
      return prepared(sql).get(args) as Cells | undefined;
    },
    close: () => connection.close(),
    connection,
  };
}

export function clientHotReads(client: Client): HotReads {
  return {
    async first(sql, args) {
      const [row] = (await client.execute({ sql, args })).rows;
      return row ? Array.from(row) : undefined;
    },
    close: () => {},
  };
}

const registered = new WeakMap<Db, HotReads>();

/** Called by `openDatabase`: reads through `db` (not a transaction of it) may use `reads`. */
export const registerHotReads = (db: Db, reads: HotReads) => void registered.set(db, reads);

const dialect = new SQLiteAsyncDialect();

/**
 * The first row of a read. Through a database `openDatabase` opened it runs
 * as a hot read (its SQL text compiled by SQLite once per process); inside a
 * transaction (which must see its own writes) through drizzle on the
 * transaction.
 */
export async function readFirst(db: DbOrTx, query: SQL): Promise<Cells | undefined> {
  const reads = registered.get(db as Db);
  if (reads) {
    const { sql, params } = dialect.sqlToQuery(query);
    return reads.first(sql, params as InValue[]);
  }
  return firstOf(db, query);
}

async function firstOf(db: DbOrTx, query: SQL): Promise<Cells | undefined> {
  // The libSQL driver's rows are array-like objects (cells by index, and by column name).
  const [row] = await db.values(query);
  return row ? Array.from(row as ArrayLike<unknown>) : undefined;
}

/**
 * `readFirst` for a read whose SQL text is also built once (by drizzle), its
 * values bound by name: the reads every request makes. `statement` is the
 * same read for a write batch to carry (db/prepared-writes.ts answers its first row).
 */
export function hotRead<K extends string>(names: readonly K[], build: (values: Record<K, unknown>) => SQL) {
  const query = compiledSql(names, build);
  const read = async (db: DbOrTx, values: Record<K, InValue>): Promise<Cells | undefined> => {
    const reads = registered.get(db as Db);
    return reads ? reads.first(query.sql, query.args(values)) : firstOf(db, build(values));
  };
  return Object.assign(read, { statement: (values: Record<K, InValue>): InStatement => ({ sql: query.sql, args: query.args(values) }) });
}

/** A statement whose SQL text drizzle builds once, with a placeholder for each name; `args` binds values to them. */
export function compiledSql<K extends string>(names: readonly K[], build: (values: Record<K, unknown>) => SQL) {
  const query = dialect.sqlToQuery(build(Object.fromEntries(names.map((n) => [n, placeholder(n)])) as Record<K, unknown>));
  return { sql: query.sql, args: (values: Record<K, InValue>) => fillPlaceholders(query.params, values) as InValue[] };
}
