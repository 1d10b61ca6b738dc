import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
