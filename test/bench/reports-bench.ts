import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { createApp } from '../../server/src/app.ts';
import { systemClock } from '../../server/src/engine/policy/clock.ts';
import { Engine } from '../../server/src/engine/engine.ts';
import { issueToken } from '../../server/src/engine/changes/tokens.ts';
import { openBenchDatabase } from './bench-db.ts';
import { writeLargeDistrict } from './large-district.ts';
import { median, medianMs, printFigures, timeMs, type Figure } from './stats.ts';

const DAY = 86_400_000;
const CLAIMS = 1_000_000;
const USERS = 10_000;
const CSV_ROWS = 100_000;
const TOKEN = 'bench-reports-token-000';
const SCHOOLS = 40; // as large-district.ts writes them

/** 1,000,000 claims spread evenly over the past year, newest last, written with multi-row INSERTs. */
async function writeClaims(client: Client, now: Date): Promise<(i: number) => string> {
  const span = 365 * DAY;
  const at = (i: number) => new Date(now.getTime() - span + Math.floor((i * span) / CLAIMS)).toISOString();
  const hows = ['role_grant', 'host_sync', 'waiting_fulfilled', 'transfer'];
  const rowsPerStmt = 500;
  const stmtsPerBatch = 40;
  for (let i = 0; i < CLAIMS; i += rowsPerStmt * stmtsPerBatch) {
    const stmts: string[] = [];
    for (let s = i; s < Math.min(CLAIMS, i + rowsPerStmt * stmtsPerBatch); s += rowsPerStmt) {
      const values: string[] = [];
      for (let j = s; j < Math.min(CLAIMS, s + rowsPerStmt); j++) {
        const u = j % USERS;
        const wc = u % 3 === 0;
        values.push(`('${at(j)}','usr_big_${u}','org_big_${u % SCHOOLS}','${wc ? 'weclimb' : 'elearn'}','${wc ? 'pool_big_wc' : 'pool_big_el'}','${wc ? 'weclimb' : 'elearn'}','${hows[j % hows.length]}',null)`);
      }
      stmts.push(`insert into claims (at, user_id, org_id, product, pool_id, sku, how, actor_id) values ${values.join(',')}`);
    }
    await client.batch(stmts, 'write');
  }
  return at;
}

/** A year of daily snapshots for every organization and SKU, as the scheduler would have left them. */
async function writeYearOfSnapshots(client: Client, now: Date) {
  const orgs = ['org_big', ...Array.from({ length: SCHOOLS }, (_, s) => `org_big_${s}`)];
  for (let d = 365; d >= 1; d--) {
    const date = new Date(now.getTime() - d * DAY).toISOString().slice(0, 10);
    const rows = orgs.flatMap((org, o) => ['elearn', 'weclimb', 'combined'].map((sku, k) => `('${date}','${org}','${sku}',${1000 + o},${500 + d + k},${500 - d},${200 + k},${o % 3})`));
    await client.batch([`insert into usage_snapshot_days (date, taken_at) values ('${date}','${now.toISOString()}')`, `insert into usage_snapshots (date, org_id, sku, total, assigned, available, active_users, waiting) values ${rows.join(',')}`], 'write');
  }
}

/** Claims report over 1,000,000 rows, CSV export of 100,000 rows, a year of usage. */
export async function runReportsBench(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'seatwise-reports-bench-'));
  const { database } = await openBenchDatabase(`file:${join(dir, 'bench.db')}`);
  try {
    const now = new Date();
    const engine = new Engine(database.db, systemClock);
    await writeLargeDistrict(database.client, USERS, now);
    const seeded = await timeMs(async () => {
      await writeClaims(database.client, now);
      await writeYearOfSnapshots(database.client, now);
    });
    await database.client.execute('analyze');
    await engine.change(null, async (ctx) => {
      await ctx.tx.run(`insert into users (id, email, first_name, last_name, status, updated_at) values ('usr_bench_admin', 'admin@bench.test', 'A', 'B', 'active', '${ctx.now.toISOString()}')` as never);
      await issueToken(ctx, 'usr_bench_admin', 'system_admin', 'bench', TOKEN);
    });
    const app = createApp({ database, engine });
    const get = async (path: string) => {
      const res = await app.request(path, { headers: { authorization: `Bearer ${TOKEN}` } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res;
    };

    const figures: Figure[] = [];
    const from = new Date(now.getTime() - 30 * DAY).toISOString();
    let windowTotal = 0;
    const claimsMs = await medianMs(10, async () => {
      windowTotal = ((await (await get(`/api/v1/reports/claims?from=${from}&limit=100`)).json()) as { total: number }).total;
    });
    figures.push({ name: 'claims report, 30-day window of 1,000,000 claims (median)', value: claimsMs, unit: 'ms', limit: 500, note: `${windowTotal.toLocaleString('en')} claims in the window; first page of 100 + filtered total` });

    // The newest 100,000 claims, found from the generator's own timestamps.
    const csvFrom = new Date(now.getTime() - 365 * DAY + Math.floor(((CLAIMS - CSV_ROWS) * 365 * DAY) / CLAIMS)).toISOString();
    const rates: number[] = [];
    let lines = 0;
    for (let run = 0; run < 3; run++) {
      const ms = await timeMs(async () => {
        const text = await (await get(`/api/v1/reports/claims/export.csv?from=${csvFrom}`)).text();
        lines = text.split('\n').length - 2; // header and the final newline
      });
      rates.push(Math.round((lines / ms) * 1000));
    }
    figures.push({ name: `CSV export of ${CSV_ROWS.toLocaleString('en')} claims (median of 3)`, value: median(rates), unit: 'rows/s', limit: 150_000, higherIsBetter: true, note: `${lines.toLocaleString('en')} rows streamed` });

    const yearAgo = new Date(now.getTime() - 364 * DAY).toISOString().slice(0, 10);
    let points = 0;
    const usageMs = await medianMs(10, async () => {
      points = ((await (await get(`/api/v1/reports/usage?from=${yearAgo}`)).json()) as { points: unknown[] }).points.length;
    });
    figures.push({ name: 'usage series for a year (median)', value: usageMs, unit: 'ms', limit: 200, note: `${points} points; today computed live over ${USERS.toLocaleString('en')} users; seeding took ${(seeded / 1000).toFixed(1)} s` });
    return figures;
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runReportsBench()
    .then((figures) => printFigures('Reports', figures))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
