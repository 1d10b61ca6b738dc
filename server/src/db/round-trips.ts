import type { Client, InStatement, Transaction, TransactionMode } from '@libsql/client';

/**
 * What `openDatabase` may put between drizzle and the libSQL client: a fixed
 * delay per round trip, to see locally what a libSQL server or Turso across
 * a network does to each figure (`SEATWISE_DB_LATENCY_MS`), and a count of
 * statements and round trips, so a benchmark can say how many an operation
 * costs. Each call to the client is one round trip; a batch carries several
 * statements in one.
 */
export interface RoundTripOptions {
  /** Added before every round trip (execute, batch, BEGIN, COMMIT, ROLLBACK). */
  latencyMs?: number;
  /** Told of every round trip and how many statements it carried. */
  onRoundTrip?: (statements: number) => void;
}

/** One round trip carrying `statements`: counted, then delayed by the latency (if any). */
export function roundTrip({ latencyMs = 0, onRoundTrip }: RoundTripOptions): ((statements: number) => Promise<void>) | undefined {
  if (latencyMs <= 0 && !onRoundTrip) return undefined;
  return async (statements) => {
    onRoundTrip?.(statements);
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
  };
}

export function observeRoundTrips(client: Client, options: RoundTripOptions): Client {
  const trip = roundTrip(options);
  if (!trip) return client;
  const wrapTx = (tx: Transaction): Transaction =>
    new Proxy(tx, {
      get(target, prop, receiver) {
        switch (prop) {
          case 'execute':
            return async (stmt: InStatement) => (await trip(1), target.execute(stmt));
          case 'batch':
            return async (stmts: InStatement[]) => (await trip(stmts.length), target.batch(stmts));
          case 'executeMultiple':
            return async (sql: string) => (await trip(1), target.executeMultiple(sql));
          case 'commit':
          case 'rollback':
            return async () => (await trip(1), target[prop]());
          default: {
            const value = Reflect.get(target, prop, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
          }
        }
      },
    });
  return new Proxy(client, {
    get(target, prop, receiver) {
      switch (prop) {
        case 'execute':
          return async (...args: Parameters<Client['execute']>) => (await trip(1), (target.execute as (...a: unknown[]) => unknown)(...args));
        case 'batch':
          return async (stmts: Parameters<Client['batch']>[0], mode?: TransactionMode) => (await trip(stmts.length), target.batch(stmts, mode));
        case 'migrate':
          return async (stmts: InStatement[]) => (await trip(stmts.length), target.migrate(stmts));
        case 'executeMultiple':
          return async (sql: string) => (await trip(1), target.executeMultiple(sql));
        case 'transaction':
          // BEGIN is the transaction's first round trip.
          return async (mode?: TransactionMode) => (await trip(1), wrapTx(await target.transaction(mode)));
        default: {
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        }
      }
    },
  });
}
