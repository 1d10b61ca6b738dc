import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.ts';
import { clientPreparedWrites, preparedWrites, type PreparedWrites } from './prepared-writes.ts';

describe('write batches', () => {
  let dir: string;
  let database: Database;
  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const paths: [string, (d: Database) => PreparedWrites][] = [
    ['embedded: prepared on the hot reads connection', (d) => preparedWrites(d.db)],
    ['through the client (a remote database)', (d) => clientPreparedWrites(d.client)],
  ];
  for (const [name, writesOf] of paths) {
    it(`${name}: a read in the batch answers its first row, seeing the writes before it; writes answer nothing`, async () => {
      dir = mkdtempSync(join(tmpdir(), 'seatwise-writes-'));
      database = await openDatabase(`file:${join(dir, 't.db')}`);
      await database.client.execute('create table t (x integer)');
      const rows = await writesOf(database).batch([
        { sql: 'insert into t (x) values (?)', args: [1] },
        { sql: 'select count(*), max(x) from t', args: [] },
        { sql: 'insert into t (x) values (?)', args: [2] },
        { sql: 'select x from t where x > ?', args: [5] },
      ]);
      expect(rows).toEqual([undefined, [1, 1], undefined, undefined]);
      expect((await database.client.execute('select count(*) as n from t')).rows[0]!.n).toBe(2);
    });
  }
});
