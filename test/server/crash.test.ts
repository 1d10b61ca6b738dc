import { createClient } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/client.ts';
import { orgs } from '../../server/src/db/schema.ts';
import { systemClock } from '../../server/src/engine/policy/clock.ts';
import { Engine } from '../../server/src/engine/engine.ts';
import { loadOrgTree } from '../../server/src/engine/queries/org-tree.ts';
import { createPool } from '../../server/src/engine/changes/pools.ts';
import { upsertUser } from '../../server/src/engine/changes/users.ts';
import { api, startServerProcess, tempDbUrl, type ServerProcess } from './server-process.ts';

/**
 * kill -9 in the middle of a bulk role job over 5,000 users: after a restart
 * every user is all-or-nothing, the job resumes to the end, the assignments
 * are what the audit log says, and the chain verifies.
 */
const ADMIN = 'crash-test-admin-token';
const USERS = 5000;

async function seed(dbUrl: string): Promise<string[]> {
  const database = await openDatabase(dbUrl);
  const engine = new Engine(database.db, systemClock);
  const ids = await engine.change(null, async (ctx) => {
    await ctx.tx.insert(orgs).values({ id: 'org_crash', name: 'Crash District', parentId: null, products: ['elearn', 'weclimb'] });
    ctx.tree = await loadOrgTree(ctx.tx);
    await createPool(ctx, { orgId: 'org_crash', sku: 'weclimb', seats: 3500, endsAt: '2030-01-01T00:00:00Z' }, 'pool_crash_wc');
    await createPool(ctx, { orgId: 'org_crash', sku: 'elearn', seats: 5000, endsAt: '2030-01-01T00:00:00Z' }, 'pool_crash_el');
    const out: string[] = [];
    for (let i = 0; i < USERS; i++) {
      const { userId } = await upsertUser(ctx, { email: `c${i}@crash.test`, firstName: 'C', lastName: `${i}`, orgIds: ['org_crash'], roles: [], source: 'seatwise' });
      out.push(userId);
    }
    return out;
  });
  database.close();
  return ids;
}

describe('crash in the middle of a bulk job', () => {
  const dbUrl = tempDbUrl();
  let server: ServerProcess | undefined;
  afterAll(async () => server?.stop());

  it('leaves every user all-or-nothing and resumes after restart', async () => {
    const ids = await seed(dbUrl);
    server = await startServerProcess({ DATABASE_URL: dbUrl, ADMIN_TOKEN: ADMIN });
    const job = await api(server.url, ADMIN, 'POST', '/bulk/roles', { userIds: ids, add: ['observer', 'learner'] });
    expect(job.status).toBe(202);
    const jobId = job.body.jobId as string;

    let progress = 0;
    while (progress < 800) {
      await new Promise((r) => setTimeout(r, 100));
      progress = (await api(server.url, ADMIN, 'GET', `/jobs/${jobId}`)).body.done;
    }
    const crashed = server.url;
    await server.kill9();
    // The server itself is gone, not only a process in front of it: nothing answers on its port.
    await expect(fetch(`${crashed}/api/v1/health`)).rejects.toThrow();
    server = await startServerProcess({ DATABASE_URL: dbUrl, ADMIN_TOKEN: ADMIN });

    let view = (await api(server.url, ADMIN, 'GET', `/jobs/${jobId}`)).body;
    expect(view.done).toBeGreaterThanOrEqual(progress);
    expect(view.done).toBeLessThan(USERS);
    // The dead process's lease runs out and the new one picks the job up.
    const deadline = Date.now() + 150_000;
    while (view.status !== 'done' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      view = (await api(server.url, ADMIN, 'GET', `/jobs/${jobId}`)).body;
    }
    expect(view).toMatchObject({ status: 'done', total: USERS });
    expect(view.done + view.refused).toBe(USERS);
    expect(view.done).toBe(3500);
    expect(view.refused).toBe(1500);
    expect((await api(server.url, ADMIN, 'GET', '/audit/verify')).body.ok).toBe(true);
    await server.stop();
    server = undefined;

    const db = createClient({ url: dbUrl });
    const roleRows = await db.execute('select user_id, group_concat(role) as roles from user_roles group by user_id');
    const licenseRows = await db.execute("select user_id, count(*) as n from assignments where state = 'active' group by user_id");
    const roles = new Map(roleRows.rows.map((r) => [String(r.user_id), String(r.roles).split(',').sort().join()]));
    const licenses = new Map(licenseRows.rows.map((r) => [String(r.user_id), Number(r.n)]));
    const items = await db.execute({ sql: 'select user_id, status from job_items where job_id = ?', args: [jobId] });
    for (const item of items.rows) {
      const id = String(item.user_id);
      if (item.status === 'done') {
        expect(roles.get(id), id).toBe('learner,observer');
        expect(licenses.get(id), id).toBe(2);
      } else {
        expect(item.status).toBe('refused');
        expect(roles.get(id), id).toBeUndefined();
        expect(licenses.get(id), id).toBeUndefined();
      }
    }
    // Replaying the audit log's license events gives exactly the assignments table.
    const events = await db.execute("select subject_id, action, before, after from audit_log where action in ('license.assign','license.release','license.wait') order by seq");
    const replay = new Map<string, string>();
    for (const e of events.rows) {
      const before = e.before ? JSON.parse(String(e.before)) : null;
      const after = e.after ? JSON.parse(String(e.after)) : null;
      if (e.action === 'license.release') replay.delete(`${e.subject_id}/${before.product}`);
      else replay.set(`${e.subject_id}/${after.product}`, String(after.poolId));
    }
    const table = await db.execute('select user_id, product, pool_id from assignments');
    expect(replay.size).toBe(table.rows.length);
    for (const r of table.rows) expect(replay.get(`${r.user_id}/${r.product}`)).toBe(String(r.pool_id));
    db.close();
  });
});
