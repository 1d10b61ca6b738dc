import { describe, expect, it } from 'vitest';
import { useFixture } from '../testing/test-server.ts';
import { errorBody, issuesOf } from '../testing/typed-body.ts';
import { ok, refused } from '../testing/typed-client.ts';

describe('pools through HTTP', () => {
  const fx = useFixture({
    pools: [{ id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 2, endsInDays: 100, graceDays: 30 }],
    users: ['a', 'b', 'c'].map((n) => ({ email: `${n}@s1.test`, orgIds: ['s1'] })),
  });

  const sys = () => fx.server.api(fx.tokens.sys);
  const grant = (email: string) => sys().users[':id'].roles[':role'].$put({ param: { id: fx.ids[email]!, role: 'observer' } });
  const pool = (id: string, token = fx.tokens.sys) => fx.server.api(token).pools[':id'].$get({ param: { id } });
  const patch = (json: { name?: string; seats?: number; overagePct?: number }, token = fx.tokens.sys) => fx.server.api(token).pools[':id'].$patch({ param: { id: 'p_wc' }, json });

  it('creates, reads and lists pools with live counts', async () => {
    const created = await ok(fx.server.api(fx.tokens.orgAdmin).pools.$post({ json: { orgId: 's1', sku: 'elearn', seats: 10, endsAt: '2027-06-01T00:00:00Z' } }), 201);
    expect(created).toMatchObject({ orgId: 's1', sku: 'elearn', seats: 10, assigned: 0, available: 10, state: 'active', graceDays: 30, overagePct: 0 });
    await ok(grant('a@s1.test'));
    expect(await ok(pool('p_wc', fx.tokens.reporter))).toMatchObject({ seats: 2, assigned: 1, available: 1, usagePct: 50 });
    const list = await ok(fx.server.api(fx.tokens.orgAdminS1).pools.$get({ query: {} }));
    expect(list.pools.map((p) => p.id).sort()).toEqual([created.id, 'p_wc'].sort());
    expect((await ok(fx.server.api(fx.tokens.otherAdmin).pools.$get({ query: {} }))).pools).toEqual([]);
    await refused(pool('p_wc', fx.tokens.otherAdmin), 404);
  });

  it('names pools (given, or SKU and term by default) and says the name in refusals', async () => {
    const named = await ok(sys().pools.$post({ json: { orgId: 's1', sku: 'weclimb', name: 'School One weCLIMB', seats: 0, startsAt: '2026-05-01T00:00:00Z', endsAt: '2027-06-01T00:00:00Z' } }), 201);
    expect(named.name).toBe('School One weCLIMB');
    const unnamed = await ok(sys().pools.$post({ json: { orgId: 's1', sku: 'elearn', seats: 1, startsAt: '2026-05-01T00:00:00Z', endsAt: '2027-06-01T00:00:00Z' } }), 201);
    expect(unnamed.name).toBe('eLearn 2026–27');
    await ok(patch({ name: 'District weCLIMB', seats: 0 }));
    const refusal = await refused(grant('a@s1.test'), 409);
    expect(refusal.message).toMatch(/No weCLIMB seat is free in (School One weCLIMB|District weCLIMB) \(weCLIMB, 0 of 0 seats assigned\)/);
  });

  it('moves through active → expiring → grace → expired with the clock, and a renewal resumes', async () => {
    await ok(grant('a@s1.test'));
    const state = () => ok(pool('p_wc'));
    expect((await state()).state).toBe('active');
    fx.server.clock.advanceDays(50);
    expect((await state()).state).toBe('expiring');
    fx.server.clock.advanceDays(60);
    expect((await state()).state).toBe('grace');
    const lic = async () => (await ok(sys().users[':id'].$get({ param: { id: fx.ids['a@s1.test']! } }))).user.licenses[0]!;
    expect((await lic()).state).toBe('grace');
    fx.server.clock.advanceDays(30);
    expect((await state()).state).toBe('expired');
    expect((await lic()).state).toBe('suspended');
    // Expired pools hand out no new seats.
    expect((await refused(grant('b@s1.test'), 409)).code).toBe('license_limit_reached');

    const renewed = await ok(sys().pools[':id'].renewals.$post({ param: { id: 'p_wc' }, json: { endsAt: new Date(fx.server.clock.current.getTime() + 365 * 86400000).toISOString(), seats: 3 } }));
    expect(renewed).toMatchObject({ state: 'active', seats: 3, assigned: 1 });
    expect((await lic()).state).toBe('active');
    expect((await ok(sys().audit.$get({ query: { action: 'license.resume' } }))).entries).toHaveLength(1);
  });

  it('lowering seats below assigned over-allocates without revoking and blocks new grants', async () => {
    await ok(grant('a@s1.test'));
    await ok(grant('b@s1.test'));
    expect(await ok(patch({ seats: 1 }))).toMatchObject({ seats: 1, assigned: 2, overAllocated: true, available: 0 });
    const dash = await ok(sys().dashboard.$get());
    expect(dash.alerts.map((a) => a.kind)).toContain('over_allocated');
    await refused(grant('c@s1.test'), 409);
  });

  it('an explicit overage allowance is the only way past the seats', async () => {
    await ok(patch({ seats: 2, overagePct: 50 }));
    await ok(grant('a@s1.test'));
    await ok(grant('b@s1.test'));
    await ok(grant('c@s1.test'));
    expect(await ok(pool('p_wc'))).toMatchObject({ seats: 2, assigned: 3, overagePct: 50 });
    const audit = await ok(sys().audit.$get({ query: { action: 'pool.update' } }));
    expect(audit.entries[0]!.after).toMatchObject({ overagePct: 50 });
  });

  it('refuses pool changes outside the caller authority and validates input', async () => {
    await refused(patch({ seats: 5 }, fx.tokens.reporter), 403);
    await refused(patch({ seats: 5 }, fx.tokens.orgAdminS1), 403);
    await refused(fx.server.api(fx.tokens.orgAdmin).pools.$post({ json: { orgId: 's3', sku: 'elearn', seats: 1, endsAt: '2027-01-01T00:00:00Z' } }), 404);
    // Bodies the schema refuses: sent untyped, on purpose.
    const bad = await fx.server.call('POST', '/api/v1/pools', { token: fx.tokens.sys, body: { orgId: 'd1', sku: 'gold', seats: -1, endsAt: 'soon' } });
    expect(bad.status).toBe(400);
    expect(issuesOf(errorBody(bad)).map((i) => i.path[0]).sort()).toEqual(['endsAt', 'seats', 'sku']);
    await refused(sys().pools.$post({ json: { orgId: 'd1', sku: 'elearn', seats: 1, startsAt: '2027-01-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' } }), 400);
    await refused(patch({}), 400);
  });
});

describe('the dashboard tells each pool of a product apart', () => {
  // The weCLIMB case from the field: a large district pool with weeks left and a small school pilot in grace.
  const fx = useFixture({
    pools: [
      { id: 'p_district', orgId: 'd1', sku: 'weclimb', seats: 290, endsInDays: 21 },
      { id: 'p_pilot', orgId: 's1', sku: 'weclimb', seats: 40, endsInDays: -12, graceDays: 30 },
    ],
  });

  it('heads the product with the main pool (most seats) and lists every pool with its own state', async () => {
    const dash = await ok(fx.server.api(fx.tokens.sys).dashboard.$get());
    const weclimb = dash.products.find((p) => p.product === 'weclimb')!;
    expect(weclimb).toMatchObject({ total: 330, state: 'expiring', daysLeft: 21 });
    expect(weclimb.pools.map((p) => [p.poolId, p.state, p.daysLeft, p.graceDaysLeft])).toEqual([
      ['p_district', 'expiring', 21, null],
      ['p_pilot', 'grace', -12, 18],
    ]);
    const combined = dash.products.find((p) => p.product === 'combined');
    expect(combined).toMatchObject({ state: null, pools: [] });
  });
});

describe('pool previews say what a change would do and change nothing', () => {
  // Two weCLIMB seats, three observers: a and b hold the seats, c waits.
  const fx = useFixture({
    pools: [{ id: 'p_wc', orgId: 's1', sku: 'weclimb', seats: 2, endsInDays: 10, graceDays: 5 }],
    users: ['a', 'b', 'c'].map((n) => ({ email: `${n}@s1.test`, orgIds: ['s1'], roles: ['observer' as const] })),
  });
  const sys = () => fx.server.api(fx.tokens.sys);
  const pool = () => ok(sys().pools[':id'].$get({ param: { id: 'p_wc' } }));
  const license = async (email: string) => (await ok(sys().users[':id'].$get({ param: { id: fx.ids[email]! } }))).user.licenses[0]!.state;
  const auditCount = async () => (await ok(sys().audit.$get({ query: {} }))).entries.length;
  const inAYear = () => new Date(fx.server.clock.current.getTime() + 365 * 86400000).toISOString();

  it('a renewal preview of an expired pool names the suspended licenses that resume and the waiting users served; applying it does exactly that', async () => {
    fx.server.clock.advanceDays(20);
    expect(await pool()).toMatchObject({ state: 'expired', assigned: 2, waiting: 1 });
    expect(await license('a@s1.test')).toBe('suspended');
    const [poolBefore, auditBefore] = [await pool(), await auditCount()];

    const endsAt = inAYear();
    const preview = await ok(sys().pools[':id'].renewals.preview.$post({ param: { id: 'p_wc' }, json: { endsAt, seats: 3 } }));
    expect(preview.licenses).toEqual({ count: 2, before: 'suspended', after: 'active' });
    expect(preview.served.count).toBe(1);
    expect(preview.served.users.map((u) => u.email)).toEqual(['c@s1.test']);
    expect(preview.after).toMatchObject({ state: 'active', seats: 3, assigned: 3, available: 0, waiting: 0, endsAt });
    expect(preview.overAllocatedBy).toBe(0);
    // Nothing changed: the pool, the licenses and the audit log are as they were.
    expect(await pool()).toEqual(poolBefore);
    expect(await license('a@s1.test')).toBe('suspended');
    expect(await license('c@s1.test')).toBe('waiting');
    expect(await auditCount()).toBe(auditBefore);

    // The renewal itself does what the preview said.
    const renewed = await ok(sys().pools[':id'].renewals.$post({ param: { id: 'p_wc' }, json: { endsAt, seats: 3 } }));
    expect(renewed).toEqual(preview.after);
    expect((await ok(sys().audit.$get({ query: { action: 'license.resume' } }))).entries).toHaveLength(preview.licenses.count);
    for (const email of ['a@s1.test', 'b@s1.test', 'c@s1.test']) expect(await license(email)).toBe('active');
  });

  it('cutting seats below assigned over-allocates and revokes nobody; shortening grace suspends; raising seats serves the queue', async () => {
    const cut = await ok(sys().pools[':id'].preview.$post({ param: { id: 'p_wc' }, json: { seats: 1 } }));
    expect(cut).toMatchObject({ overAllocatedBy: 1, served: { count: 0 }, licenses: { count: 2, before: 'active', after: 'active' } });
    expect(cut.after).toMatchObject({ seats: 1, assigned: 2, available: 0, overAllocated: true });
    expect(await ok(sys().pools[':id'].$patch({ param: { id: 'p_wc' }, json: { seats: 1 } }))).toEqual(cut.after);

    fx.server.clock.advanceDays(12);
    expect((await pool()).state).toBe('grace');
    const shorter = await ok(sys().pools[':id'].preview.$post({ param: { id: 'p_wc' }, json: { graceDays: 1 } }));
    expect(shorter.licenses).toEqual({ count: 2, before: 'grace', after: 'suspended' });
    expect(shorter.after.state).toBe('expired');

    const more = await ok(sys().pools[':id'].preview.$post({ param: { id: 'p_wc' }, json: { seats: 3 } }));
    expect(more).toMatchObject({ served: { count: 1 }, overAllocatedBy: 0, after: { assigned: 3, waiting: 0 } });
    expect(await ok(sys().pools[':id'].$patch({ param: { id: 'p_wc' }, json: { seats: 3 } }))).toEqual(more.after);
  });

  it('answers only whoever could make the change, and refuses bad terms in words', async () => {
    const before = await pool();
    const renewal = (token: string, json: { endsAt: string; seats?: number }) => fx.server.api(token).pools[':id'].renewals.preview.$post({ param: { id: 'p_wc' }, json });
    expect((await refused(renewal(fx.tokens.reporter, { endsAt: inAYear() }), 403)).message).toMatch(/read but not change/);
    await refused(renewal(fx.tokens.otherAdmin, { endsAt: inAYear() }), 404);
    await ok(renewal(fx.tokens.orgAdminS1, { endsAt: inAYear() }));
    // A term that ends before it starts: 400 naming endsAt.
    const early = await refused(renewal(fx.tokens.sys, { endsAt: '2000-01-01T00:00:00Z' }), 400);
    expect(issuesOf(early).map((i) => i.path[0])).toEqual(['endsAt']);
    const bad = await fx.server.call('POST', '/api/v1/pools/p_wc/preview', { token: fx.tokens.sys, body: { seats: -3 } });
    expect(bad.status).toBe(400);
    expect(issuesOf(errorBody(bad)).map((i) => i.path[0])).toEqual(['seats']);
    await refused(fx.server.api(fx.tokens.sys).pools[':id'].preview.$post({ param: { id: 'p_nope' }, json: { seats: 1 } }), 404);
    expect(await pool()).toEqual(before);
  });
});
