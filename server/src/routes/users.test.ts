import { describe, expect, it } from 'vitest';
import { useFixture } from '../testing/test-server.ts';

describe('users through HTTP', () => {
  const fx = useFixture({
    pools: [
      { id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 3 },
      { id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 3 },
      { id: 'p_co', orgId: 'd1', sku: 'combined', seats: 1 },
      { id: 'p_d2', orgId: 'd2', sku: 'elearn', seats: 5 },
    ],
    users: [
      { email: 'ann@s1.test', orgIds: ['s1'], roles: ['learner'], externalId: 'EXT-1' },
      { email: 'cat@s3.test', orgIds: ['s3'], roles: ['learner'] },
    ],
  });

  it('creates a user with roles and licenses follow; a second post by email updates', async () => {
    const created = await fx.server.call('POST', '/api/v1/users', {
      token: fx.tokens.orgAdmin,
      body: { email: 'New.Person@S2.test', firstName: 'New', lastName: 'Person', orgIds: ['s2'], roles: ['learner', 'observer'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.user.email).toBe('new.person@s2.test');
    // Needs both products and a combined seat is free: one combined seat.
    expect(created.body.user.licenses).toMatchObject([
      { product: 'elearn', poolId: 'p_co', sku: 'combined', state: 'active' },
      { product: 'weclimb', poolId: 'p_co', sku: 'combined', state: 'active' },
    ]);
    const updated = await fx.server.call('POST', '/api/v1/users', {
      token: fx.tokens.orgAdmin,
      body: { email: 'new.person@s2.test', firstName: 'Renamed', lastName: 'Person', orgIds: ['s2'], roles: ['learner'] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.created).toBe(false);
    expect(updated.body.user.firstName).toBe('Renamed');
    // Still on the combined seat for eLearn: a kept seat is never shuffled.
    expect(updated.body.user.licenses).toMatchObject([{ product: 'elearn', poolId: 'p_co' }]);
  });

  it('matches by externalId and refuses an email that belongs to someone else', async () => {
    const byExt = await fx.server.call('POST', '/api/v1/users', {
      token: fx.tokens.sys,
      body: { email: 'ann.new@s1.test', firstName: 'Ann', lastName: 'X', externalId: 'EXT-1', orgIds: ['s1'] },
    });
    expect(byExt.status).toBe(200);
    expect(byExt.body.user.id).toBe(fx.ids['ann@s1.test']);
    await fx.server.call('POST', '/api/v1/users', { token: fx.tokens.sys, body: { email: 'zed@s1.test', firstName: 'Zed', lastName: 'Z', externalId: 'EXT-2', orgIds: ['s1'] } });
    const clash = await fx.server.call('POST', '/api/v1/users', {
      token: fx.tokens.sys,
      body: { email: 'zed@s1.test', firstName: 'Ann', lastName: 'X', externalId: 'EXT-1', orgIds: ['s1'] },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('conflict');
  });

  it('lists users in scope with filters and cursor pagination', async () => {
    for (let i = 0; i < 5; i++) {
      await fx.server.call('POST', '/api/v1/users', { token: fx.tokens.sys, body: { email: `p${i}@s2.test`, firstName: 'P', lastName: `${i}`, orgIds: ['s2'] } });
    }
    const first = await fx.server.call('GET', '/api/v1/users?orgId=s2&limit=3', { token: fx.tokens.orgAdmin });
    expect(first.status).toBe(200);
    expect(first.body.users.map((u: any) => u.email)).toEqual(['p0@s2.test', 'p1@s2.test', 'p2@s2.test']);
    const second = await fx.server.call('GET', `/api/v1/users?orgId=s2&limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token: fx.tokens.orgAdmin });
    expect(second.body.users.map((u: any) => u.email)).toEqual(['p3@s2.test', 'p4@s2.test']);
    expect(second.body.nextCursor).toBeNull();
    const learners = await fx.server.call('GET', '/api/v1/users?role=learner&product=elearn', { token: fx.tokens.sys });
    expect(learners.body.users.map((u: any) => u.email).sort()).toEqual(['ann@s1.test', 'cat@s3.test']);
    const scoped = await fx.server.call('GET', '/api/v1/users?q=cat', { token: fx.tokens.orgAdmin });
    expect(scoped.body.users).toEqual([]);
  });

  it('looks up many keys in order, null for unknown and out-of-scope users', async () => {
    const res = await fx.server.call('POST', '/api/v1/users/lookup', {
      token: fx.tokens.orgAdmin,
      body: { emails: ['ANN@s1.test', 'nobody@x.test', 'cat@s3.test'], externalIds: ['EXT-1'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => [r.key, r.user?.email ?? null])).toEqual([
      ['ANN@s1.test', 'ann@s1.test'],
      ['nobody@x.test', null],
      ['cat@s3.test', null],
      ['EXT-1', 'ann@s1.test'],
    ]);
    expect(res.body.results[0].licenses).toMatchObject([{ product: 'elearn', state: 'active' }]);
  });

  it('answers a lookup of 1,000 keys with the same number of queries as one of 3: two', async () => {
    await fx.server.engine.change(null, async (ctx) => {
      const { upsertUser } = await import('../engine/changes/users.ts');
      for (let i = 0; i < 400; i++) {
        await upsertUser(ctx, { email: `bulk${i}@s1.test`, firstName: 'B', lastName: `${i}`, orgIds: ['s1'], roles: [], source: 'host' });
      }
    });
    const client = fx.server.database.client;
    const execute = client.execute.bind(client);
    let queries = 0;
    client.execute = ((stmt: Parameters<typeof execute>[0]) => {
      queries++;
      return execute(stmt);
    }) as typeof client.execute;
    const count = async (emails: string[]) => {
      queries = 0;
      const res = await fx.server.call('POST', '/api/v1/users/lookup', { token: fx.tokens.sys, body: { emails } });
      expect(res.body.results).toHaveLength(emails.length);
      return queries;
    };
    await count(['nobody@x.test']); // the caller, read once and kept while nothing it rests on changes
    const few = await count(['bulk1@s1.test', 'bulk2@s1.test', 'nobody@x.test']);
    const many = await count(Array.from({ length: 1000 }, (_, i) => (i < 400 ? `bulk${i}@s1.test` : `missing${i}@x.test`)));
    client.execute = execute;
    expect(many).toBe(few);
    expect(few).toBeLessThanOrEqual(2); // the change version, then one statement for users and licenses
  });

  it('shows a user with activity, access diagnosis and recent events', async () => {
    const res = await fx.server.call('GET', `/api/v1/users/${fx.ids['ann@s1.test']}`, { token: fx.tokens.support });
    expect(res.status).toBe(200);
    expect(res.body.access).toEqual([
      expect.objectContaining({ product: 'elearn', hasAccess: true }),
      expect.objectContaining({ product: 'weclimb', hasAccess: false, reason: expect.stringContaining('No role') }),
    ]);
    expect(res.body.events.map((e: any) => e.action)).toContain('license.assign');
    // Events name the pool as everything else does.
    const pool = (await fx.server.call('GET', '/api/v1/pools/p_el', { token: fx.tokens.sys })).body;
    expect(res.body.events.find((e: any) => e.action === 'license.assign').poolName).toBe(pool.name);
    expect(pool.name).toBe('eLearn 2026');
  });

  it('archives a user, releasing every license, and serves the waiting queue', async () => {
    // Fill eLearn (3 seats: ann + 2) and let a host-synced fourth wait.
    const make = (email: string) =>
      fx.server.call('POST', '/api/v1/users', { token: fx.tokens.sys, body: { email, firstName: 'A', lastName: 'B', orgIds: ['s1'], roles: ['learner'], source: 'host' } });
    await make('b@s1.test');
    await make('c@s1.test');
    await make('d@s1.test'); // combined seat takes over for eLearn
    const waiter = await make('e@s1.test');
    expect(waiter.body.user.licenses).toMatchObject([{ product: 'elearn', state: 'waiting', poolId: null }]);

    const archived = await fx.server.call('POST', `/api/v1/users/${fx.ids['ann@s1.test']}/archive`, { token: fx.tokens.sys });
    expect(archived.status).toBe(200);
    expect(archived.body.user.status).toBe('archived');
    expect(archived.body.user.licenses).toEqual([]);
    const served = await fx.server.call('GET', `/api/v1/users/${waiter.body.user.id}`, { token: fx.tokens.sys });
    expect(served.body.user.licenses).toMatchObject([{ product: 'elearn', state: 'active', poolId: 'p_el' }]);
  });

  it('transfers a user to another organization and re-evaluates against its pools', async () => {
    const res = await fx.server.call('POST', `/api/v1/users/${fx.ids['cat@s3.test']}/transfer`, { token: fx.tokens.sys, body: { orgIds: ['s1'] } });
    expect(res.status).toBe(200);
    expect(res.body.user.orgIds).toEqual(['s1']);
    expect(res.body.user.licenses).toMatchObject([{ product: 'elearn', poolId: 'p_el' }]);
    expect(res.body.changes.map((c: any) => [c.kind, c.poolId])).toEqual([
      ['released', 'p_d2'],
      ['acquired', 'p_el'],
    ]);
    const outOfScope = await fx.server.call('POST', `/api/v1/users/${fx.ids['ann@s1.test']}/transfer`, { token: fx.tokens.orgAdmin, body: { orgIds: ['s3'] } });
    expect(outOfScope.status).toBe(404);
  });

  it('rejects bad input with a 400 naming the field, changing nothing', async () => {
    const cases = [
      { body: { email: 'not-an-email', firstName: 'A', lastName: 'B', orgIds: ['s1'] }, field: 'email' },
      { body: { email: 'a@b.test', firstName: '', lastName: 'B', orgIds: ['s1'] }, field: 'firstName' },
      { body: { email: 'a@b.test', firstName: 'A', lastName: 'B', orgIds: [] }, field: 'orgIds' },
      { body: { email: 'a@b.test', firstName: 'A', lastName: 'B', orgIds: ['s1'], roles: ['wizard'] }, field: 'roles' },
      { body: { email: 'a@b.test', firstName: 'A', lastName: 'B', orgIds: ['s1'], extra: 1 }, field: '' },
    ];
    for (const c of cases) {
      const res = await fx.server.call('POST', '/api/v1/users', { token: fx.tokens.sys, body: c.body });
      expect(res.status, JSON.stringify(c.body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      if (c.field) expect(res.body.error.issues[0].path[0]).toBe(c.field);
    }
    const malformed = await fx.server.call('POST', '/api/v1/users', { token: fx.tokens.sys, body: '{"email":' });
    expect(malformed.status).toBe(400);
    const list = await fx.server.call('GET', '/api/v1/users?q=a@b.test', { token: fx.tokens.sys });
    expect(list.body.users).toEqual([]);
  });
});
