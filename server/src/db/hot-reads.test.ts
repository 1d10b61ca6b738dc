import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.ts';
import { hotRead } from './hot-reads.ts';
import { withWriteTx } from './write-tx.ts';

const valueOf = hotRead(['key'], (v) => sql`select v from kv where k = ${v.key}`);

describe('hot reads (statements kept prepared on their own connection)', () => {
  let dir: string;
  let database: Database | undefined;
  const open = async (onRoundTrip?: (n: number) => void) => {
    dir = mkdtempSync(join(tmpdir(), 'seatwise-hot-'));
    database = await openDatabase(`file:${join(dir, 't.db')}`, undefined, { onRoundTrip });
    await database.db.run(sql`create table kv (k text primary key, v integer)`);
    await database.db.run(sql`insert into kv values ('a', 1)`);
    return database;
  };
  afterEach(() => {
    database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('see every commit made before them, through the client or another connection, at once', async () => {
    const { db, client } = await open();
    expect(await valueOf(db, { key: 'a' })).toEqual([1]);
    await db.run(sql`update kv set v = 2 where k = 'a'`);
    expect(await valueOf(db, { key: 'a' })).toEqual([2]);
    // Another process's connection: a second database handle on the same file.
    const other = await openDatabase(`file:${join(dir, 't.db')}`);
    await other.db.run(sql`update kv set v = 3 where k = 'a'`);
    other.close();
    expect(await valueOf(db, { key: 'a' })).toEqual([3]);
    expect(await valueOf(db, { key: 'missing' })).toBeUndefined();
    // No read transaction outlives a hot read: a full checkpoint is not blocked by one.
    const [checkpoint] = (await client.execute('pragma wal_checkpoint(TRUNCATE)')).rows;
    expect(checkpoint?.busy).toBe(0);
  });

  it('inside a transaction read through the transaction, so they see its own uncommitted writes', async () => {
    const { db } = await open();
    const seen = await withWriteTx(db, async (tx) => {
      await tx.run(sql`update kv set v = 9 where k = 'a'`);
      return valueOf(tx, { key: 'a' });
    });
    expect(seen).toEqual([9]);
  });

  it('count as one round trip each, and refuse a statement that writes', async () => {
    const seen: number[] = [];
    const { db } = await open((n) => seen.push(n));
    seen.length = 0;
    await valueOf(db, { key: 'a' });
    expect(seen).toEqual([1]);
    const write = hotRead([], () => sql`update kv set v = 0`);
    await expect(write(db, {})).rejects.toThrow(/must only read/);
    expect(await valueOf(db, { key: 'a' })).toEqual([1]);
  });
});
