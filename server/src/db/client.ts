import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientHotReads, embeddedHotReads, registerHotReads } from './hot-reads.ts';
import { clientPreparedWrites, embeddedPreparedWrites, registerPreparedWrites } from './prepared-writes.ts';
import { observeRoundTrips, roundTrip, type RoundTripOptions } from './round-trips.ts';
import * as schema from './schema.ts';

/** `$client`: the libSQL client underneath, for what drizzle cannot send (a write batch in `write` mode). */
export type Db = LibSQLDatabase<typeof schema> & { $client: Client };
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Services take either; a Tx is a Db inside a transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  client: Client;
  /** True for an embedded `file:` database (one machine, several processes possible). */
  embedded: boolean;
  close(): void;
}

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

export async function openDatabase(url: string, authToken?: string, roundTrips: RoundTripOptions = {}): Promise<Database> {
  const embedded = url.startsWith('file:');
  const path = embedded ? url.slice('file:'.length) : '';
  const onDisk = path !== '' && !path.startsWith(':');
  if (onDisk) mkdirSync(dirname(path), { recursive: true });
  // `timeout` is SQLite's busy timeout (ms) for every pooled connection: a
  // writer in another process makes us wait rather than fail at once.
  const timeout = 10_000;
  const client = observeRoundTrips(createClient({ url, authToken, timeout } as Parameters<typeof createClient>[0]), roundTrips);
  if (embedded) {
    // WAL lets readers proceed while one writer commits; it is a property of the file.
    await client.execute('PRAGMA journal_mode = WAL');
    // The page cache every connection starts with (a property of the file, so each pooled
    // connection gets it): 32 MiB keeps a 100,000-user district's hot pages in memory
    // instead of re-reading them from the OS per lookup (the default is 2 MiB).
    await client.execute('PRAGMA default_cache_size = 8192');
  }
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
  // An in-memory database exists only on the client's own connection: its hot reads go through the client.
  const embeddedReads = onDisk ? embeddedHotReads(path, timeout, roundTrip(roundTrips)) : undefined;
  const hot = embeddedReads ?? clientHotReads(client);
  registerHotReads(db, hot);
  const writes = embeddedReads ? embeddedPreparedWrites(embeddedReads.connection, roundTrip(roundTrips)) : clientPreparedWrites(client);
  registerPreparedWrites(db, writes);
  return {
    db,
    client,
    embedded,
    close: () => {
      hot.close();
      writes.close();
      client.close();
    },
  };
}
