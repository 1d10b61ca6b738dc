import { describe, expect, it } from 'vitest';
import { useFixture } from '../testing/test-server.ts';

describe('pools through HTTP', () => {
  const fx = useFixture({
    pools: [{ id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 2, endsInDays: 100, graceDays: 30 }],
    users: ['a', 'b', 'c'].map((n) => ({ email: `${n}@s1.test`, orgIds: ['s1'] })),
  });

  const grant = (email: string) => fx.server.call('PUT', `/api/v1/users/${fx.ids[email]}/roles/observer`, { token: fx.tokens.sys });

  it('creates, reads and lists pools with live counts', async () => {
    const created = await fx.server.call('POST', '/api/v1/pools', {
      token: fx.tokens.orgAdmin,
      body: { orgId: 's1', sku: 'elearn', seats: 10, endsAt: '2027-06-01T00:00:00Z' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ orgId: 's1', sku: 'elearn', seats: 10, assigned: 0, available: 10, state: 'active', graceDays: 30, overagePct: 0 });
    await grant('a@s1.test');
    const one = await fx.server.call('GET', '/api/v1/pools/p_wc', { token: fx.tokens.reporter });
    expect(one.body).toMatchObject({ seats: 2, assigned: 1, available: 1, usagePct: 50 });
    const list = await fx.server.call('GET', '/api/v1/pools', { token: fx.tokens.orgAdminS1 });
    expect(list.body.pools.map((p: any) => p.id).sort()).toEqual([created.body.id, 'p_wc'].sort());
    const other = await fx.server.call('GET', '/api/v1/pools', { token: fx.tokens.otherAdmin });
    expect(other.body.pools).toEqual([]);
    expect((await fx.server.call('GET', '/api/v1/pools/p_wc', { token: fx.tokens.otherAdmin })).status).toBe(404);
  });

  it('names pools (given, or SKU and term by default) and says the name in refusals', async () => {
    const named = await fx.server.call('POST', '/api/v1/pools', { token: fx.tokens.sys, body: { orgId: 's1', sku: 'weclimb', name: 'School One weCLIMB', seats: 0, startsAt: '2026-05-01T00:00:00Z', endsAt: '2027-06-01T00:00:00Z' } });
    expect(named.body.name).toBe('School One weCLIMB');
    const unnamed = await fx.server.call('POST', '/api/v1/pools', { token: fx.tokens.sys, body: { orgId: 's1', sku: 'elearn', seats: 1, startsAt: '2026-05-01T00:00:00Z', endsAt: '2027-06-01T00:00:00Z' } });
    expect(unnamed.body.name).toBe('eLearn 2026–27');
    await fx.server.call('PATCH', '/api/v1/pools/p_wc', { token: fx.tokens.sys, body: { name: 'District weCLIMB', seats: 0 } });
    const refused = await grant('a@s1.test');
    expect(refused.body.error.message).toMatch(/No weCLIMB seat is free in (School One weCLIMB|District weCLIMB) \(weCLIMB, 0 of 0 seats assigned\)/);
  });

  it('moves through active → expiring → grace → expired with the clock, and a renewal resumes', async () => {
    await grant('a@s1.test');
    const state = async () => (await fx.server.call('GET', '/api/v1/pools/p_wc', { token: fx.tokens.sys })).body;
    expect((await state()).state).toBe('active');
    fx.server.clock.advanceDays(50);
    expect((await state()).state).toBe('expiring');
    fx.server.clock.advanceDays(60);
    expect((await state()).state).toBe('grace');
    const lic = async () => (await fx.server.call('GET', `/api/v1/users/${fx.ids['a@s1.test']}`, { token: fx.tokens.sys })).body.user.licenses[0];
    expect((await lic()).state).toBe('grace');
    fx.server.clock.advanceDays(30);
    expect((await state()).state).toBe('expired');
    expect((await lic()).state).toBe('suspended');
    // Expired pools hand out no new seats.
    const refused = await grant('b@s1.test');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('license_limit_reached');

    const renewed = await fx.server.call('POST', '/api/v1/pools/p_wc/renewals', { token: fx.tokens.sys, body: { endsAt: new Date(fx.server.clock.current.getTime() + 365 * 86400000).toISOString(), seats: 3 } });
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ state: 'active', seats: 3, assigned: 1 });
    expect((await lic()).state).toBe('active');
    const audit = await fx.server.call('GET', '/api/v1/audit?action=license.resume', { token: fx.tokens.sys });
    expect(audit.body.entries).toHaveLength(1);
  });

  it('lowering seats below assigned over-allocates without revoking and blocks new grants', async () => {
    await grant('a@s1.test');
    await grant('b@s1.test');
    const lowered = await fx.server.call('PATCH', '/api/v1/pools/p_wc', { token: fx.tokens.sys, body: { seats: 1 } });
    expect(lowered.body).toMatchObject({ seats: 1, assigned: 2, overAllocated: true, available: 0 });
    const dash = await fx.server.call('GET', '/api/v1/dashboard', { token: fx.tokens.sys });
    expect(dash.body.alerts.map((a: any) => a.kind)).toContain('over_allocated');
    const third = await grant('c@s1.test');
    expect(third.status).toBe(409);
  });

  it('an explicit overage allowance is the only way past the seats', async () => {
    await fx.server.call('PATCH', '/api/v1/pools/p_wc', { token: fx.tokens.sys, body: { seats: 2, overagePct: 50 } });
    expect((await grant('a@s1.test')).status).toBe(200);
    expect((await grant('b@s1.test')).status).toBe(200);
    expect((await grant('c@s1.test')).status).toBe(200);
    const pool = (await fx.server.call('GET', '/api/v1/pools/p_wc', { token: fx.tokens.sys })).body;
    expect(pool).toMatchObject({ seats: 2, assigned: 3, overagePct: 50 });
    const audit = await fx.server.call('GET', '/api/v1/audit?action=pool.update', { token: fx.tokens.sys });
    expect(audit.body.entries[0].after.overagePct).toBe(50);
  });

  it('refuses pool changes outside the caller authority and validates input', async () => {
    expect((await fx.server.call('PATCH', '/api/v1/pools/p_wc', { token: fx.tokens.reporter, body: { seats: 5 } })).status).toBe(403);
    expect((await fx.server.call('PATCH', '/api/v1/pools/p_wc', { token: fx.tokens.orgAdminS1, body: { seats: 5 } })).status).toBe(403);
    expect((await fx.server.call('POST', '/api/v1/pools', { token: fx.tokens.orgAdmin, body: { orgId: 's3', sku: 'elearn', seats: 1, endsAt: '2027-01-01T00:00:00Z' } })).status).toBe(404);
    const bad = await fx.server.call('POST', '/api/v1/pools', { token: fx.tokens.sys, body: { orgId: 'd1', sku: 'gold', seats: -1, endsAt: 'soon' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.path[0]).sort()).toEqual(['endsAt', 'seats', 'sku']);
    const backwards = await fx.server.call('POST', '/api/v1/pools', { token: fx.tokens.sys, body: { orgId: 'd1', sku: 'elearn', seats: 1, startsAt: '2027-01-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' } });
    expect(backwards.status).toBe(400);
    expect((await fx.server.call('PATCH', '/api/v1/pools/p_wc', { token: fx.tokens.sys, body: {} })).status).toBe(400);
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
    const dash = await fx.server.call('GET', '/api/v1/dashboard', { token: fx.tokens.sys });
    const weclimb = dash.body.products.find((p: any) => p.product === 'weclimb');
    expect(weclimb).toMatchObject({ total: 330, state: 'expiring', daysLeft: 21 });
    expect(weclimb.pools.map((p: any) => [p.poolId, p.state, p.daysLeft, p.graceDaysLeft])).toEqual([
      ['p_district', 'expiring', 21, null],
      ['p_pilot', 'grace', -12, 18],
    ]);
    const combined = dash.body.products.find((p: any) => p.product === 'combined');
    expect(combined).toMatchObject({ state: null, pools: [] });
  });
});
