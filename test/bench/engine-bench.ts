import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/src/app.ts';
import { systemClock } from '../../server/src/engine/policy/clock.ts';
import { Engine } from '../../server/src/engine/engine.ts';
import { issueToken } from '../../server/src/engine/changes/tokens.ts';
import { latencyMs, openBenchDatabase } from './bench-db.ts';
import { writeLargeDistrict } from './large-district.ts';
import { median, medianMs, printFigures, timeMs, type Figure } from './stats.ts';

const TOKEN = 'bench-admin-token-000';
const USERS = 100_000;

/** This process's CPU time (server and load generator) per operation since `since`, in µs. */
const cpuPer = (since: NodeJS.CpuUsage, operations: number) => {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / operations);
};

/**
 * Requests per second over 5 s, and this process's CPU time per request (server and load
 * generator share it): on a machine other work is loading, CPU per request still compares.
 */
async function cannon(url: string, init: { method: 'GET' | 'POST'; body?: string; headers: Record<string, string> }) {
  const cpu = process.cpuUsage();
  const result = await autocannon({ url, ...init, connections: 10, duration: 5 });
  return { perSec: Math.round(result.requests.average), cpuUs: cpuPer(cpu, result.requests.total) };
}

/** Lookup, grants and dashboard figures on the embedded database with 100,000 users. */
export async function runEngineBench(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'seatwise-bench-'));
  const { database, count } = await openBenchDatabase(`file:${join(dir, 'bench.db')}`);
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
  // And one answering fixed bytes (the lookup's answer, once known): the floor under the lookup figure.
  let sameBytes = '';
  app.get('/bench/same-bytes', (c) => c.body(sameBytes, 200, { 'content-type': 'application/json' }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  // Idle keep-alive sockets stay open between phases: on a loaded machine a gap past Node's 5 s default
  // would have the server close a socket the client is about to reuse (ECONNRESET).
  (server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 120_000;
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

  const figures: Figure[] = [];
  const share = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;
  const trips = (c: { statements: number; roundTrips: number }) => `${c.statements} statements in ${c.roundTrips} round trips`;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`${path} ${res.status}`);
    return res.json();
  };
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers });
    if (res.status !== 200) throw new Error(`${path} ${res.status}`);
    return res.json();
  };

  // A change anywhere (here: one user's activity, written past the server) empties what processes keep for it.
  let activity = 0;
  const touch = () => database.client.execute({ sql: 'update activity set last_at = ? where user_id = ?', args: [new Date(Date.now() - (activity++ % 20) * 86_400_000).toISOString(), 'usr_big_1'] });

  /** Wall time and this process's CPU time of one call (server and client share it: steadier on a loaded machine). */
  const timed = async (fn: () => Promise<unknown>) => {
    const cpu = process.cpuUsage();
    const ms = await timeMs(fn);
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000 };
  };
  const medians = (xs: { ms: number; cpuMs: number }[]) => ({ ms: Math.round(median(xs.map((x) => x.ms)) * 100) / 100, cpuMs: Math.round(median(xs.map((x) => x.cpuMs)) * 10) / 10 });
  const emails = Array.from({ length: 1000 }, (_, i) => `user${(i * 97) % USERS}@big.test`);
  // The Users page asks again for the same rows (every render, every tab): answered from what the process keeps.
  // Beside it, the floor under it: the same bytes from a bare route on the same stack, fetched and parsed by the
  // same client. The two alternate, so a pause of the machine or the collector falls on either alike.
  sameBytes = await (await fetch(`${base}/api/v1/users/lookup`, { method: 'POST', headers, body: JSON.stringify({ emails }) })).text();
  const repeated: { ms: number; cpuMs: number }[] = [];
  const floors: { ms: number; cpuMs: number }[] = [];
  for (let i = 0; i < 20; i++) {
    repeated.push(await timed(() => post('/api/v1/users/lookup', { emails })));
    floors.push(await timed(async () => (await fetch(`${base}/bench/same-bytes`, { headers })).json()));
  }
  const lookup = medians(repeated);
  const floor = medians(floors);
  const lookupTrips = await count(() => post('/api/v1/users/lookup', { emails }));
  figures.push({
    name: 'lookup of 1,000 emails over HTTP (median)',
    value: lookup.ms,
    unit: 'ms',
    limit: 15,
    note: `repeated lookups; ${trips(lookupTrips)}; ${lookup.cpuMs} ms CPU each; the same ${Math.round(sameBytes.length / 1000)} kB from a bare route: ${floor.ms} ms, ${floor.cpuMs} ms CPU`,
  });
  const coldMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    await touch();
    coldMs.push(await timeMs(() => post('/api/v1/users/lookup', { emails })));
  }
  await touch();
  const coldTrips = await count(() => post('/api/v1/users/lookup', { emails }));
  figures.push({ name: 'the first lookup of them after a change (median of 5)', value: Math.round(median(coldMs) * 100) / 100, unit: 'ms', note: `every answer read and encoded again; ${trips(coldTrips)}` });

  const single = { emails: ['user4242@big.test'] };
  const singleTrips = await count(() => post('/api/v1/users/lookup', single));
  figures.push({ name: 'SQL statements per single-user lookup', value: singleTrips.statements, unit: 'stmts', limit: 2, note: trips(singleTrips) });
  const bare = await cannon(`${base}/bench/bare`, { method: 'GET', headers });
  const singles = await cannon(`${base}/api/v1/users/lookup`, { method: 'POST', headers, body: JSON.stringify(single) });
  figures.push({ name: 'single-user lookups/s, share of a bare Hono route', value: share(singles.perSec, bare.perSec), unit: '%', limit: 25, higherIsBetter: true, note: `${singles.perSec} req/s vs ${bare.perSec} req/s for the bare route on the same stack, 10 connections` });
  figures.push({ name: 'the same by CPU time per request', value: share(bare.cpuUs, singles.cpuUs), unit: '%', limit: 25, higherIsBetter: true, note: `${singles.cpuUs} µs vs ${bare.cpuUs} µs of CPU per request (steadier than req/s on a loaded machine)` });

  const dashMs = await medianMs(10, () => get('/api/v1/dashboard'));
  const dashTrips = await count(() => get('/api/v1/dashboard'));
  figures.push({ name: `dashboard with ${USERS.toLocaleString('en')} users (median)`, value: dashMs, unit: 'ms', limit: 10, note: trips(dashTrips) });
  // The first dashboard after a change: what a cache keyed on the change version costs when it misses.
  const missMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    await touch();
    missMs.push(await timeMs(() => get('/api/v1/dashboard')));
  }
  figures.push({ name: 'dashboard right after a change (median of 5)', value: Math.round(median(missMs) * 100) / 100, unit: 'ms', note: 'recomputed once per change, then served from the cache' });

  // Role grants through the engine (seat check + assignment + claim + audit, one transaction each)
  // against the plainest possible write: one-row INSERT transactions on the same file.
  const grants = 500;
  const grant = async (i: number) => {
    const put = () => fetch(`${base}/api/v1/users/usr_big_${i * 3 + 1}/roles/observer`, { method: 'PUT', headers });
    // A grant is idempotent: one whose socket a loaded machine dropped (ECONNRESET) is sent again.
    const res = await put().catch(put).catch(put);
    if (res.status !== 200) throw new Error(`grant ${res.status} ${await res.text()}`);
  };
  const grantTrips = await count(() => grant(grants));
  // 20 clients at once, as admins and host saves arrive: the write lock, not the client, is what is measured.
  // The load generator is the one the lookup figures use (autocannon: keep-alive sockets, each answer's
  // status read and its body skipped), not fetch, whose Request/Response streams cost more CPU in this
  // very process than the server's own work on a grant. Each grant is still one real HTTP request to a
  // user of its own, and every one must answer 200.
  const clients = 20;
  let next = 0;
  let answered = 0;
  let t0 = 0;
  let lastAnswer = 0;
  let grantCpu = process.cpuUsage();
  const granted = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
        url: base,
        connections: clients,
        amount: grants,
        // A PUT without a body declares it empty, as fetch and browsers do.
        headers: { ...headers, 'content-length': '0' },
        requests: [{ method: 'PUT', setupRequest: (req) => ({ ...req, path: `/api/v1/users/usr_big_${next++ * 3 + 1}/roles/observer` }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    // Timed from when autocannon has set its clients up (synchronously, before any socket connects: not a
    // grant's cost) to the last answer (autocannon itself only notices it is done at its once-a-second sample).
    grantCpu = process.cpuUsage();
    t0 = lastAnswer = performance.now();
    run.on('response', (_client, status) => {
      if (status === 200) answered++;
      lastAnswer = performance.now();
    });
  });
  const grantsPerSec = Math.round(grants / ((lastAnswer - t0) / 1000));
  const grantCpuUs = cpuPer(grantCpu, grants);
  if (answered !== grants || granted.errors) throw new Error(`grants: ${answered} of ${grants} answered 200 (${granted.non2xx} other statuses, ${granted.errors} errors)`);
  await database.client.execute('create table bench_plain (id integer primary key, v text)');
  const insertCpu = process.cpuUsage();
  const t1 = performance.now();
  for (let i = 0; i < grants; i++) {
    const tx = await database.client.transaction('write');
    await tx.execute({ sql: 'insert into bench_plain (v) values (?)', args: [`row ${i}`] });
    await tx.commit();
  }
  const insertsPerSec = Math.round(grants / ((performance.now() - t1) / 1000));
  const insertCpuUs = cpuPer(insertCpu, grants);
  figures.push({ name: 'round trips per role grant request', value: grantTrips.roundTrips, unit: 'trips', note: trips(grantTrips) });
  // A bulk change of 5,000 users should finish inside a minute locally; across a network, 150/s.
  figures.push({ name: 'role grants per second over HTTP (license + audit)', value: grantsPerSec, unit: 'ops/s', limit: latencyMs > 0 ? 150 : 100, higherIsBetter: true, note: `${clients} clients at once` });
  figures.push({ name: 'role grants/s, share of one-row insert transactions', value: share(grantsPerSec, insertsPerSec), unit: '%', limit: 25, higherIsBetter: true, note: `${grantsPerSec}/s vs ${insertsPerSec}/s plain` });
  // Both wait on the disk's sync at each commit, which other work on the machine can stretch several-fold; CPU time does not count that wait.
  figures.push({ name: 'the same by CPU time per operation', value: share(insertCpuUs, grantCpuUs), unit: '%', limit: 25, higherIsBetter: true, note: `${grantCpuUs} µs vs ${insertCpuUs} µs of CPU per grant / insert (the grant's HTTP client included)` });

  server.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runEngineBench().then((f) => printFigures('Engine and API (embedded libSQL, this machine)', f));
}
