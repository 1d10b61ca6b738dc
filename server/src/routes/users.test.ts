import { describe, expect, it } from 'vitest';
import { useFixture } from '../testing/test-server.ts';
import { errorBody, issuesOf } from '../testing/typed-body.ts';
import { ok, refused } from '../testing/typed-client.ts';

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
    const created = await ok(fx.server.api(fx.tokens.orgAdmin).users.$post({ json: { email: 'New.Person@S2.test', firstName: 'New', lastName: 'Person', orgIds: ['s2'], roles: ['learner', 'observer'] } }), 201);
    expect(created.user.email).toBe('new.person@s2.test');
    // Needs both products and a combined seat is free: one combined seat.
    expect(created.user.licenses).toMatchObject([
      { product: 'elearn', poolId: 'p_co', sku: 'combined', state: 'active' },
      { product: 'weclimb', poolId: 'p_co', sku: 'combined', state: 'active' },
    ]);
    const updated = await ok(fx.server.api(fx.tokens.orgAdmin).users.$post({ json: { email: 'new.person@s2.test', firstName: 'Renamed', lastName: 'Person', orgIds: ['s2'], roles: ['learner'] } }));
    expect(updated.created).toBe(false);
    expect(updated.user.firstName).toBe('Renamed');
    // Still on the combined seat for eLearn: a kept seat is never shuffled.
    expect(updated.user.licenses).toMatchObject([{ product: 'elearn', poolId: 'p_co' }]);
  });

  it('matches by externalId and refuses an email that belongs to someone else', async () => {
    const api = fx.server.api(fx.tokens.sys);
    const byExt = await ok(api.users.$post({ json: { email: 'ann.new@s1.test', firstName: 'Ann', lastName: 'X', externalId: 'EXT-1', orgIds: ['s1'] } }));
    expect(byExt.user.id).toBe(fx.ids['ann@s1.test']);
    await ok(api.users.$post({ json: { email: 'zed@s1.test', firstName: 'Zed', lastName: 'Z', externalId: 'EXT-2', orgIds: ['s1'] } }), 201);
    const clash = await refused(api.users.$post({ json: { email: 'zed@s1.test', firstName: 'Ann', lastName: 'X', externalId: 'EXT-1', orgIds: ['s1'] } }), 409);
    expect(clash.code).toBe('conflict');
  });

  it('lists users in scope with filters and cursor pagination', async () => {
    const sys = fx.server.api(fx.tokens.sys);
    for (let i = 0; i < 5; i++) {
      await ok(sys.users.$post({ json: { email: `p${i}@s2.test`, firstName: 'P', lastName: `${i}`, orgIds: ['s2'] } }), 201);
    }
    const admin = fx.server.api(fx.tokens.orgAdmin);
    const first = await ok(admin.users.$get({ query: { orgId: 's2', limit: '3' } }));
    expect(first.users.map((u) => u.email)).toEqual(['p0@s2.test', 'p1@s2.test', 'p2@s2.test']);
    const second = await ok(admin.users.$get({ query: { orgId: 's2', limit: '3', cursor: first.nextCursor! } }));
    expect(second.users.map((u) => u.email)).toEqual(['p3@s2.test', 'p4@s2.test']);
    expect(second.nextCursor).toBeNull();
    const learners = await ok(sys.users.$get({ query: { role: 'learner', product: 'elearn' } }));
    expect(learners.users.map((u) => u.email).sort()).toEqual(['ann@s1.test', 'cat@s3.test']);
    const scoped = await ok(admin.users.$get({ query: { q: 'cat' } }));
    expect(scoped.users).toEqual([]);
  });

  it('looks up many keys in order, null for unknown and out-of-scope users', async () => {
    const res = await ok(fx.server.api(fx.tokens.orgAdmin).users.lookup.$post({ json: { emails: ['ANN@s1.test', 'nobody@x.test', 'cat@s3.test'], externalIds: ['EXT-1'] } }));
    expect(res.results.map((r) => [r.key, r.user?.email ?? null])).toEqual([
      ['ANN@s1.test', 'ann@s1.test'],
      ['nobody@x.test', null],
      ['cat@s3.test', null],
      ['EXT-1', 'ann@s1.test'],
    ]);
    expect(res.results[0]!.licenses).toMatchObject([{ product: 'elearn', state: 'active' }]);
  });

  it('gives an org admin the same answers about a user outside its scope as about one that does not exist', async () => {
    const admin = fx.server.api(fx.tokens.orgAdmin);
    // The host page asks about every row it lists: a lookup must not tell them apart (only the key differs).
    const [outside, nobody] = (await ok(admin.users.lookup.$post({ json: { emails: ['cat@s3.test', 'nobody@s3.test'] } }))).results;
    expect({ ...outside, key: '' }).toEqual({ ...nobody, key: '' });
    const catId = (await ok(fx.server.api(fx.tokens.sys).users.lookup.$post({ json: { emails: ['cat@s3.test'] } }))).results[0]!.user!.id;
    const [seen, missing] = [await refused(admin.users[':id'].$get({ param: { id: catId } }), 404), await refused(admin.users[':id'].$get({ param: { id: 'usr_nobody_here' } }), 404)];
    expect(seen.code).toBe(missing.code);
    // A host sync from the platform's record (its organizations lie outside the caller's): one refusal for both, naming the organization.
    const sync = (email: string) => refused(admin.users.$post({ json: { email, firstName: 'C', lastName: 'D', orgIds: ['s3'], roles: ['learner'], source: 'host' } }), 404);
    const [a, b] = [await sync('cat@s3.test'), await sync('nobody@s3.test')];
    expect(a).toEqual(b);
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
      const res = await ok(fx.server.api(fx.tokens.sys).users.lookup.$post({ json: { emails } }));
      expect(res.results).toHaveLength(emails.length);
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
    const res = await ok(fx.server.api(fx.tokens.support).users[':id'].$get({ param: { id: fx.ids['ann@s1.test']! } }));
    expect(res.access).toEqual([
      expect.objectContaining({ product: 'elearn', hasAccess: true }),
      expect.objectContaining({ product: 'weclimb', hasAccess: false, reason: expect.stringContaining('No role') }),
    ]);
    expect(res.events.map((e) => e.action)).toContain('license.assign');
    // Events name the pool as everything else does.
    const pool = await ok(fx.server.api(fx.tokens.sys).pools[':id'].$get({ param: { id: 'p_el' } }));
    expect(res.events.find((e) => e.action === 'license.assign')!.poolName).toBe(pool.name);
    expect(pool.name).toBe('eLearn 2026');
  });

  it('archives a user, releasing every license, and serves the waiting queue', async () => {
    const api = fx.server.api(fx.tokens.sys);
    // Fill eLearn (3 seats: ann + 2) and let a host-synced fourth wait.
    const make = (email: string) => ok(api.users.$post({ json: { email, firstName: 'A', lastName: 'B', orgIds: ['s1'], roles: ['learner'], source: 'host' } }), 201);
    await make('b@s1.test');
    await make('c@s1.test');
    await make('d@s1.test'); // combined seat takes over for eLearn
    const waiter = await make('e@s1.test');
    expect(waiter.user.licenses).toMatchObject([{ product: 'elearn', state: 'waiting', poolId: null }]);

    const archived = await ok(api.users[':id'].archive.$post({ param: { id: fx.ids['ann@s1.test']! } }));
    expect(archived.user.status).toBe('archived');
    expect(archived.user.licenses).toEqual([]);
    const served = await ok(api.users[':id'].$get({ param: { id: waiter.user.id } }));
    expect(served.user.licenses).toMatchObject([{ product: 'elearn', state: 'active', poolId: 'p_el' }]);
  });

  it('transfers a user to another organization and re-evaluates against its pools', async () => {
    const res = await ok(fx.server.api(fx.tokens.sys).users[':id'].transfer.$post({ param: { id: fx.ids['cat@s3.test']! }, json: { orgIds: ['s1'] } }));
    expect(res.user.orgIds).toEqual(['s1']);
    expect(res.user.licenses).toMatchObject([{ product: 'elearn', poolId: 'p_el' }]);
    expect(res.changes.map((c) => [c.kind, c.poolId])).toEqual([
      ['released', 'p_d2'],
      ['acquired', 'p_el'],
    ]);
    await refused(fx.server.api(fx.tokens.orgAdmin).users[':id'].transfer.$post({ param: { id: fx.ids['ann@s1.test']! }, json: { orgIds: ['s3'] } }), 404);
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
      const error = errorBody(res);
      expect(error.code).toBe('invalid_request');
      if (c.field) expect(issuesOf(error)[0]!.path[0]).toBe(c.field);
    }
    const malformed = await fx.server.call('POST', '/api/v1/users', { token: fx.tokens.sys, body: '{"email":' });
    expect(malformed.status).toBe(400);
    const list = await ok(fx.server.api(fx.tokens.sys).users.$get({ query: { q: 'a@b.test' } }));
    expect(list.users).toEqual([]);
  });
});
