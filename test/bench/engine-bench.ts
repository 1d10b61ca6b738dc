import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/src/app.ts';
import { openDatabase } from '../../server/src/db/client.ts';
import { systemClock } from '../../server/src/engine/policy/clock.ts';
import { Engine } from '../../server/src/engine/engine.ts';
import { issueToken } from '../../server/src/engine/changes/tokens.ts';
import { writeLargeDistrict } from './large-district.ts';
import { medianMs, printFigures, type Figure } from './stats.ts';

const TOKEN = 'bench-admin-token-000';
const USERS = 100_000;

async function cannon(url: string, init: { method: 'GET' | 'POST'; body?: string; headers: Record<string, string> }) {
  const result = await autocannon({ url, ...init, connections: 10, duration: 5 });
  return Math.round(result.requests.average);
}

/** Lookup, grants and dashboard figures on the embedded database with 100,000 users. */
export async function runEngineBench(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'seatwise-bench-'));
  const database = await openDatabase(`file:${join(dir, 'bench.db')}`);
  const engine = new Engine(database.db, systemClock);
  await writeLargeDistrict(database.client, USERS);
  const admin = await engine.change(null, async (ctx) => {
    const id = 'usr_big_admin';
    await ctx.tx.run(`insert into users (id, email, first_name, last_name, status, updated_at) values ('${id}', 'admin@big.test', 'A', 'B', 'active', '${ctx.now.toISOString()}')` as never);
    return issueToken(ctx, id, 'system_admin', 'bench', TOKEN);
  });
  void admin;
  const app = createApp({ database, engine });
  // A bare route on the very same stack: the ceiling a lookup is compared with.
  app.get('/bench/bare', (c) => c.json({ ok: true }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

  const figures: Figure[] = [];
  const emails = Array.from({ length: 1000 }, (_, i) => `user${(i * 97) % USERS}@big.test`);
  const lookupMs = await medianMs(20, async () => {
    const res = await fetch(`${base}/api/v1/users/lookup`, { method: 'POST', headers, body: JSON.stringify({ emails }) });
    if (res.status !== 200) throw new Error(`lookup ${res.status}`);
    await res.json();
  });
  figures.push({ name: 'lookup of 1,000 emails over HTTP (median)', value: lookupMs, unit: 'ms', limit: 150 });

  const bare = await cannon(`${base}/bench/bare`, { method: 'GET', headers });
  const single = await cannon(`${base}/api/v1/users/lookup`, { method: 'POST', headers, body: JSON.stringify({ emails: ['user4242@big.test'] }) });
  // The overlay batches a page of rows into one lookup, so single lookups are
  // the support-staff path: 500/s on one core serves hundreds of people at once.
  figures.push({ name: 'single-user lookups per second (10 connections)', value: single, unit: 'req/s', limit: 500, higherIsBetter: true, note: `${((single / bare) * 100).toFixed(1)} % of a bare Hono route on the same stack (${bare} req/s)` });

  const dashMs = await medianMs(10, async () => {
    const res = await fetch(`${base}/api/v1/dashboard`, { headers });
    if (res.status !== 200) throw new Error(`dashboard ${res.status}`);
    await res.json();
  });
  figures.push({ name: `dashboard with ${USERS.toLocaleString('en')} users (median)`, value: dashMs, unit: 'ms', limit: 500 });

  // Role grants through the engine (seat check + assignment + claim + audit, one transaction each)
  // against the plainest possible write: one-row INSERT transactions on the same file.
  const grants = 500;
  const t0 = performance.now();
  for (let i = 0; i < grants; i++) {
    const res = await fetch(`${base}/api/v1/users/usr_big_${i * 3 + 1}/roles/observer`, { method: 'PUT', headers });
    if (res.status !== 200) throw new Error(`grant ${res.status} ${await res.text()}`);
  }
  const grantsPerSec = Math.round(grants / ((performance.now() - t0) / 1000));
  await database.client.execute('create table bench_plain (id integer primary key, v text)');
  const t1 = performance.now();
  for (let i = 0; i < grants; i++) {
    const tx = await database.client.transaction('write');
    await tx.execute({ sql: 'insert into bench_plain (v) values (?)', args: [`row ${i}`] });
    await tx.commit();
  }
  const insertsPerSec = Math.round(grants / ((performance.now() - t1) / 1000));
  // A bulk change of 5,000 users should finish inside a minute: ≥ 100 grants/s.
  figures.push({ name: 'role grants per second over HTTP (license + audit)', value: grantsPerSec, unit: 'ops/s', limit: 100, higherIsBetter: true, note: `${((grantsPerSec / insertsPerSec) * 100).toFixed(1)} % of plain one-row insert transactions (${insertsPerSec}/s)` });

  server.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runEngineBench().then((f) => printFigures('Engine and API (embedded libSQL, this machine)', f));
}
