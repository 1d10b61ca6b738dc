import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.ts';
import { withWriteTx } from './write-tx.ts';

describe('round trips through the libSQL client', () => {
  let dir: string;
  let database: Database | undefined;
  afterEach(() => {
    database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts statements and round trips: one per execute, one per batch, BEGIN and COMMIT around a transaction', async () => {
    dir = mkdtempSync(join(tmpdir(), 'seatwise-trips-'));
    const seen: number[] = [];
    database = await openDatabase(`file:${join(dir, 't.db')}`, undefined, { onRoundTrip: (n) => seen.push(n) });
    seen.length = 0; // migrations
    await database.db.all(sql`select 1`);
    expect(seen).toEqual([1]);
    await database.client.batch(['select 1', 'select 2', 'select 3']);
    expect(seen).toEqual([1, 3]);
    seen.length = 0;
    await withWriteTx(database.db, async (tx) => {
      await tx.run(sql`create table t (x integer)`);
      await tx.run(sql`insert into t values (1)`);
    });
    expect(seen).toEqual([1, 1, 1, 1]); // BEGIN, two statements, COMMIT
    expect(await database.db.all(sql`select x from t`)).toEqual([{ x: 1 }]);
  });

  it('with a latency, still answers what the database answers (a rollback included)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'seatwise-trips-'));
    database = await openDatabase(`file:${join(dir, 't.db')}`, undefined, { latencyMs: 2 });
    await database.db.run(sql`create table t (x integer)`);
    await expect(
      withWriteTx(database.db, async (tx) => {
        await tx.run(sql`insert into t values (1)`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await database.db.all(sql`select count(*) as n from t`)).toEqual([{ n: 0 }]);
  });
});
