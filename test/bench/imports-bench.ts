import { serve } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/src/app.ts';
import { systemClock } from '../../server/src/engine/policy/clock.ts';
import { Engine } from '../../server/src/engine/engine.ts';
import { issueToken } from '../../server/src/engine/changes/tokens.ts';
import { JobRunner } from '../../server/src/jobs/job-runner.ts';
import { openBenchDatabase } from './bench-db.ts';
import type { Figure } from './stats.ts';

const TOKEN = 'bench-import-token-000';
const USERS = Number(process.env.BENCH_IMPORT_USERS ?? 100_000);
const ACTIVITY = Number(process.env.BENCH_IMPORT_ACTIVITY ?? 1_000_000);
const SCHOOLS = 40;
const ROLES = ['Learner', 'Observer', 'Learner;Observer', 'Proctor'];

/** The platform's users export for `USERS` new people across the district's schools. */
function usersCsv(): string {
  const lines = ['First Name,Last Name,Email,State Educator ID,Organizations,Roles'];
  for (let i = 0; i < USERS; i++) lines.push(`First${i},"Last, ${i}",imp${i}@big.test,SE${i},org_big_${i % SCHOOLS},${ROLES[i % ROLES.length]}`);
  return lines.join('\r\n');
}

/** `ACTIVITY` login rows streamed as they are sent: neither side ever holds the file. */
function activityStream(): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let i = -1;
  return new ReadableStream({
    pull(controller) {
      if (i === -1) controller.enqueue(encoder.encode('Email,Product,At\n'));
      const lines: string[] = [];
      for (let k = 0; k < 5000 && ++i < ACTIVITY; k++) {
        const day = String(1 + (i % 28)).padStart(2, '0');
        lines.push(i % 2 ? `imp${i % USERS}@big.test,eLearn,2026-05-${day}T10:00:00Z` : `imp${i % USERS}@big.test,weCLIMB,05/${day}/2026 09:30 AM`);
      }
      if (lines.length) controller.enqueue(encoder.encode(lines.join('\n') + '\n'));
      if (i >= ACTIVITY) controller.close();
    },
  });
}

/** Imports over real HTTP into the embedded database: dry runs, applies through the job runner, and activity's memory. */
export async function runImportsBench(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'seatwise-import-bench-'));
  const { database } = await openBenchDatabase(`file:${join(dir, 'bench.db')}`);
  const engine = new Engine(database.db, systemClock);
  const { client } = database;
  const now = new Date();
  await client.execute(`insert into orgs (id, name, parent_id, products) values ('org_big', 'Big District', null, '["elearn","weclimb"]')`);
  for (let s = 0; s < SCHOOLS; s++) await client.execute({ sql: `insert into orgs (id, name, parent_id, products) values (?, ?, 'org_big', '["elearn","weclimb"]')`, args: [`org_big_${s}`, `School ${s}`] });
  const end = new Date(now.getTime() + 200 * 86400000).toISOString();
  // Fewer weCLIMB seats than observers: the import fills the pool and the rest wait.
  for (const [id, sku, seats] of [['pool_big_el', 'elearn', USERS], ['pool_big_wc', 'weclimb', Math.floor(USERS / 3)]] as const) {
    await client.execute({ sql: 'insert into pools (id, org_id, sku, seats, starts_at, ends_at, grace_days, overage_pct) values (?, ?, ?, ?, ?, ?, 30, 0)', args: [id, 'org_big', sku, seats, now.toISOString(), end] });
  }
  await engine.change(null, async (ctx) => {
    await ctx.tx.run(`insert into users (id, email, first_name, last_name, status, updated_at) values ('usr_bench_admin', 'admin@big.test', 'A', 'B', 'active', '${ctx.now.toISOString()}')` as never);
    await issueToken(ctx, 'usr_bench_admin', 'system_admin', 'bench', TOKEN);
  });
  const jobRunner = new JobRunner(engine, { pollMs: 200 });
  jobRunner.start();
  const app = createApp({ database, engine, jobRunner });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1/imports`;
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' };

  const post = async (path: string, body: BodyInit) => {
    const res = await fetch(`${base}/${path}`, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
    const json = (await res.json()) as { jobId?: string | null; report?: { rows: number; created: number; invalid: unknown[] }; error?: unknown };
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };
  const untilDone = async (jobId: string) => {
    for (;;) {
      const row = (await client.execute({ sql: 'select status from jobs where id = ?', args: [jobId] })).rows[0];
      if (row?.status === 'done') return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const seconds = (t: number) => Math.round((performance.now() - t) / 100) / 10;

  const figures: Figure[] = [];
  const roster = usersCsv();
  let t = performance.now();
  const dry = await post('users?dryRun=true', roster);
  figures.push({ name: `users import dry run, ${USERS.toLocaleString('en-US')} rows`, value: seconds(t), unit: 's', limit: 10, note: `${dry.report!.created} to create, ${dry.report!.invalid.length} invalid` });

  t = performance.now();
  const applied = await post('users', roster);
  await untilDone(applied.jobId!);
  const applySeconds = seconds(t);
  figures.push({ name: `users import applied, ${USERS.toLocaleString('en-US')} rows (request + job)`, value: applySeconds, unit: 's', limit: 60, note: `${Math.round(USERS / applySeconds)} users/s` });

  t = performance.now();
  const again = await post('users', roster);
  figures.push({ name: 'the same users file again (nothing to change)', value: seconds(t), unit: 's', limit: 10, note: again.jobId === null ? 'no job, nothing audited' : 'UNEXPECTED: a job was created' });

  const rssBefore = process.memoryUsage().rss;
  t = performance.now();
  const activity = await post('activity?dryRun=true', activityStream());
  const activityDry = seconds(t);
  t = performance.now();
  const activityApplied = await post('activity', activityStream());
  if (activityApplied.jobId) await untilDone(activityApplied.jobId);
  const activityApply = seconds(t);
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  figures.push({ name: `activity dry run, ${ACTIVITY.toLocaleString('en-US')} rows`, value: activityDry, unit: 's', limit: 30, note: `${activity.report!.rows} rows read` });
  figures.push({ name: `activity applied, ${ACTIVITY.toLocaleString('en-US')} rows (request + job)`, value: activityApply, unit: 's', limit: 30, note: `peak RSS ${peakMb} MB (RSS before the activity imports ${Math.round(rssBefore / 1024 / 1024)} MB; server and client in this one process)` });

  await jobRunner.stop();
  server.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
  return figures;
}
