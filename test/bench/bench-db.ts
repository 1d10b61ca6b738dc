import { openDatabase, type Database } from '../../server/src/db/client.ts';
import { readEnv } from '../../server/src/env.ts';

/**
 * `SEATWISE_DB_LATENCY_MS=5 pnpm bench` (or `pnpm bench:remote`): every
 * round trip to the database waits that long first, in the benchmark's own
 * database and in the server processes it starts (they read the same
 * variable), so each figure shows what a libSQL server across a network
 * does to it. References (plain inserts) go through the same client.
 */
export const latencyMs = readEnv().SEATWISE_DB_LATENCY_MS;

export const latencyNote = () => (latencyMs > 0 ? ` (+${latencyMs} ms per database round trip)` : '');

export interface BenchDatabase {
  database: Database;
  /** Statements and round trips `work` sent through this database (run it alone: everything is counted). */
  count(work: () => Promise<unknown>): Promise<{ statements: number; roundTrips: number }>;
}

export async function openBenchDatabase(url: string): Promise<BenchDatabase> {
  const seen = { statements: 0, roundTrips: 0 };
  const database = await openDatabase(url, undefined, {
    latencyMs,
    onRoundTrip: (n) => {
      seen.statements += n;
      seen.roundTrips += 1;
    },
  });
  return {
    database,
    async count(work) {
      const before = { ...seen };
      await work();
      return { statements: seen.statements - before.statements, roundTrips: seen.roundTrips - before.roundTrips };
    },
  };
}
