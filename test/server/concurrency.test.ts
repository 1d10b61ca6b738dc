import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@libsql/client';
import { openDatabase } from '../../server/src/db/client.ts';
import { orgs } from '../../server/src/db/schema.ts';
import { systemClock } from '../../server/src/engine/policy/clock.ts';
import { Engine } from '../../server/src/engine/engine.ts';
import { loadOrgTree } from '../../server/src/engine/queries/org-tree.ts';
import { upsertUser } from '../../server/src/engine/changes/users.ts';
import { api, startServerProcess, tempDbUrl, type ServerProcess } from './server-process.ts';

/**
 * 200 simultaneous grants against 20 seats: exactly 20 succeed, through one
 * server and through two processes on one database file.
 */
const ADMIN = 'concurrency-admin-token';

async function setUp(base: string, suffix: string, users: number) {
  const org = await api(base, ADMIN, 'POST', '/orgs', { name: `District ${suffix}`, products: ['elearn', 'weclimb'] });
  const pool = await api(base, ADMIN, 'POST', '/pools', { orgId: org.body.id, sku: 'weclimb', seats: 20, endsAt: '2030-01-01T00:00:00Z' });
  const ids: string[] = [];
  for (let i = 0; i < users; i += 1) {
    const u = await api(base, ADMIN, 'POST', '/users', { email: `u${i}@${suffix}.test`, firstName: 'U', lastName: `${i}`, orgIds: [org.body.id] });
    ids.push(u.body.user.id);
  }
  return { poolId: pool.body.id as string, ids };
}

async function grantAll(bases: string[], ids: string[]) {
  const results = await Promise.all(ids.map((id, i) => api(bases[i % bases.length]!, ADMIN, 'PUT', `/users/${id}/roles/observer`)));
  return results.map((r) => r.status);
}

describe('no over-allocation under concurrency', () => {
  const dbUrl = tempDbUrl();
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    a = await startServerProcess({ DATABASE_URL: dbUrl, ADMIN_TOKEN: ADMIN });
    b = await startServerProcess({ DATABASE_URL: dbUrl, ADMIN_TOKEN: ADMIN });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('one process: 200 simultaneous grants, exactly 20 granted', async () => {
    const { poolId, ids } = await setUp(a.url, 'one', 200);
    const statuses = await grantAll([a.url], ids);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(180);
    expect((await api(a.url, ADMIN, 'GET', `/pools/${poolId}`)).body).toMatchObject({ seats: 20, assigned: 20, available: 0 });
  });

  it('two processes on one database file: exactly 20 granted', async () => {
    const { poolId, ids } = await setUp(a.url, 'two', 200);
    const statuses = await grantAll([a.url, b.url], ids);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(180);
    for (const base of [a.url, b.url]) {
      expect((await api(base, ADMIN, 'GET', `/pools/${poolId}`)).body).toMatchObject({ assigned: 20 });
    }
    expect((await api(b.url, ADMIN, 'GET', '/audit/verify')).body.ok).toBe(true);
  });

  it('two processes: seat holds and grants racing for 20 seats never take more than 20', async () => {
    const { poolId, ids } = await setUp(a.url, 'holds', 200);
    // Half the users are held (an Edit User toggle), half granted outright, spread over both processes.
    const statuses = (
      await Promise.all(ids.map((id, i) => api([a.url, b.url][i % 2]!, ADMIN, 'PUT', i % 4 < 2 ? `/users/${id}/holds/observer` : `/users/${id}/roles/observer`)))
    ).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(180);
    const pool = (await api(b.url, ADMIN, 'GET', `/pools/${poolId}`)).body;
    expect(pool.assigned + pool.held).toBe(20);
    expect(pool.available).toBe(0);
    const db = createClient({ url: dbUrl });
    const holds = Number((await db.execute({ sql: "select count(*) as n from seat_holds where seats like ?", args: [`%${poolId}%`] })).rows[0]!.n);
    expect(holds).toBe(pool.held);
    db.close();
    expect((await api(a.url, ADMIN, 'GET', '/audit/verify')).body.ok).toBe(true);
  });
});

/**
 * Two processes on one database, each sweeping expired seat holds with a
 * two-second lifetime: every hold expires, exactly once, audited once.
 */
describe('seat holds expire exactly once with several processes sweeping', () => {
  const dbUrl = tempDbUrl();
  const procs: ServerProcess[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) procs.push(await startServerProcess({ DATABASE_URL: dbUrl, ADMIN_TOKEN: ADMIN, HOLD_TTL_SECONDS: '2' }));
  });
  afterAll(async () => {
    for (const p of procs) await p.stop();
  });

  it('20 holds placed through both processes are all released by the sweeps, each once', async () => {
    const { poolId, ids } = await setUp(procs[0]!.url, 'expiry', 20);
    const placed = await Promise.all(ids.map((id, i) => api(procs[i % 2]!.url, ADMIN, 'PUT', `/users/${id}/holds/observer`)));
    expect(placed.map((r) => r.status)).toEqual(ids.map(() => 200));
    const deadline = Date.now() + 30_000;
    let pool = (await api(procs[1]!.url, ADMIN, 'GET', `/pools/${poolId}`)).body;
    while (pool.held > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      pool = (await api(procs[1]!.url, ADMIN, 'GET', `/pools/${poolId}`)).body;
    }
    expect(pool).toMatchObject({ assigned: 0, held: 0, available: 20 });
    // Let both sweeps run a few more times: nothing expires twice.
    await new Promise((r) => setTimeout(r, 1500));
    const db = createClient({ url: dbUrl });
    const expired = await db.execute({ sql: `select subject_id, count(*) as n from audit_log where action = 'hold.expire' and subject_id in (${ids.map(() => '?').join(',')}) group by subject_id`, args: ids });
    expect(expired.rows.length).toBe(20);
    expect(expired.rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
    expect(Number((await db.execute('select count(*) as n from seat_holds')).rows[0]!.n)).toBe(0);
    expect(Number((await db.execute({ sql: 'select held from pools where id = ?', args: [poolId] })).rows[0]!.held)).toBe(0);
    db.close();
    expect((await api(procs[0]!.url, ADMIN, 'GET', '/audit/verify')).body.ok).toBe(true);
  });
});

/**
 * Three processes on one database file with a short job lease: concurrent
 * role changes to the same users are never lost, and a bulk job that runs
 * past its lease is still worked (and finished) exactly once.
 */
/** Users of an organization with weCLIMB activated but no pool, written straight to the file: every Observer grant is refused. */
async function seedUsersWithoutSeats(dbUrl: string, count: number): Promise<string[]> {
  const database = await openDatabase(dbUrl);
  const engine = new Engine(database.db, systemClock);
  const ids = await engine.change(null, async (ctx) => {
    await ctx.tx.insert(orgs).values({ id: 'org_noseats', name: 'District Without Seats', parentId: null, products: ['elearn', 'weclimb'] });
    ctx.tree = await loadOrgTree(ctx.tx);
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push((await upsertUser(ctx, { email: `n${i}@noseats.test`, firstName: 'N', lastName: `${i}`, orgIds: ['org_noseats'], roles: [], source: 'host' })).userId);
    return out;
  });
  database.close();
  return ids;
}

describe('several processes on one database: no lost role changes, jobs worked once', () => {
  // Long enough that the job outlives a lease many times over (and today's 10 s default too).
  const USERS = 2500;
  const dbUrl = tempDbUrl();
  const procs: ServerProcess[] = [];
  let seatless: string[] = [];
  beforeAll(async () => {
    // Written before the servers start: this process's synchronous writes would otherwise stall its own HTTP client.
    seatless = await seedUsersWithoutSeats(dbUrl, USERS);
    for (let i = 0; i < 3; i++) procs.push(await startServerProcess({ DATABASE_URL: dbUrl, ADMIN_TOKEN: ADMIN, JOB_LEASE_MS: '250' }));
  });
  afterAll(async () => {
    for (const p of procs) await p.stop();
  });

  it('different roles granted to the same users at once from three processes: every acknowledged grant stays', async () => {
    const base = procs[0]!.url;
    const org = await api(base, ADMIN, 'POST', '/orgs', { name: 'District Roles', products: ['elearn', 'weclimb'] });
    for (const sku of ['elearn', 'weclimb']) await api(base, ADMIN, 'POST', '/pools', { orgId: org.body.id, sku, seats: 1000, endsAt: '2030-01-01T00:00:00Z' });
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await api(base, ADMIN, 'POST', '/users', { email: `r${i}@roles.test`, firstName: 'R', lastName: `${i}`, orgIds: [org.body.id] })).body.user.id);
    const roles = ['observer', 'learner', 'proctor', 'evaluator', 'reporter'];
    const requests = ids.flatMap((id, u) => roles.map((role, r) => ({ id, role, base: procs[(u + r) % procs.length]!.url })));
    const answers = await Promise.all(requests.map((q) => api(q.base, ADMIN, 'PUT', `/users/${q.id}/roles/${q.role}`)));
    expect(answers.filter((a) => a.status !== 200).map((a) => a.body)).toEqual([]);

    let lost = 0;
    for (const id of ids) {
      const user = (await api(base, ADMIN, 'GET', `/users/${id}`)).body.user;
      lost += roles.filter((role) => !user.roles.includes(role)).length;
      expect(user.licenses.map((l: any) => l.product).sort()).toEqual(['elearn', 'weclimb']);
    }
    expect(lost).toBe(0);
    const db = createClient({ url: dbUrl });
    const counters = await db.execute('select id, assigned, (select count(distinct user_id) from assignments a where a.pool_id = pools.id) as recount from pools');
    for (const row of counters.rows) expect(Number(row.assigned), String(row.id)).toBe(Number(row.recount));
    db.close();
    expect((await api(base, ADMIN, 'GET', '/audit/verify')).body.ok).toBe(true);
  });

  it('an all-refused job running past its lease: one job.finish and one refusal entry per user', async () => {
    const base = procs[0]!.url;
    const ids = seatless;
    const job = await api(base, ADMIN, 'POST', '/bulk/roles', { userIds: ids, add: ['observer'] });
    expect(job.status, JSON.stringify(job.body).slice(0, 300)).toBe(202);
    const jobId = job.body.jobId as string;
    let view = job.body.job;
    const deadline = Date.now() + 150_000;
    while (view.status !== 'done' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      view = (await api(procs[2]!.url, ADMIN, 'GET', `/jobs/${jobId}`)).body;
    }
    expect(view).toMatchObject({ status: 'done', total: USERS, done: 0, refused: USERS });
    // Let any process that might still hold a stale copy of the job run on for a while.
    await new Promise((r) => setTimeout(r, 1500));

    const db = createClient({ url: dbUrl });
    const finishes = await db.execute({ sql: "select count(*) as n from audit_log where action = 'job.finish' and subject_id = ?", args: [jobId] });
    expect(Number(finishes.rows[0]!.n)).toBe(1);
    const refusals = await db.execute({ sql: `select subject_id, count(*) as n from audit_log where action = 'license.refused' and subject_id in (${ids.map(() => '?').join(',')}) group by subject_id`, args: ids });
    expect(refusals.rows.length).toBe(USERS);
    expect(refusals.rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
    db.close();
    expect((await api(base, ADMIN, 'GET', '/audit/verify')).body.ok).toBe(true);
  });
});
