import { describe, expect, it } from 'vitest';
import { expireHolds } from '../engine/changes/holds.ts';
import { useFixture } from '../testing/test-server.ts';

describe('seat holds through HTTP', () => {
  const fx = useFixture({
    pools: [{ id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 1 }],
    users: ['ann', 'bob'].map((n) => ({ email: `${n}@s1.test`, orgIds: ['s1'] })),
  });
  const hold = (email: string, method = 'PUT', query = '') => fx.server.call(method, `/api/v1/users/${fx.ids[email]}/holds/observer${query}`, { token: fx.tokens.orgAdmin });
  const pool = async () => (await fx.server.call('GET', '/api/v1/pools/p_wc', { token: fx.tokens.sys })).body;
  const user = async (email: string) => (await fx.server.call('GET', `/api/v1/users/${fx.ids[email]}`, { token: fx.tokens.sys })).body.user;
  const holds = async (email: string) => (await fx.server.call('GET', `/api/v1/users/${fx.ids[email]}/holds`, { token: fx.tokens.support })).body.holds;
  const audit = async (action: string) => (await fx.server.call('GET', `/api/v1/audit?action=${action}`, { token: fx.tokens.sys })).body.entries;

  it('a hold takes the seat for everyone else without granting the role; a second one is refused and changes nothing', async () => {
    const placed = await hold('ann@s1.test');
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ userId: fx.ids['ann@s1.test'], role: 'observer', seats: [{ product: 'weclimb', poolId: 'p_wc', sku: 'weclimb' }] });
    expect(Date.parse(placed.body.expiresAt) - Date.parse(placed.body.placedAt)).toBe(15 * 60_000);
    expect(await pool()).toMatchObject({ assigned: 0, held: 1, available: 0 });
    expect(await user('ann@s1.test')).toMatchObject({ roles: [], licenses: [] });
    expect(await holds('ann@s1.test')).toEqual([placed.body]);

    // Nobody else gets the held seat: not a hold, not a grant, not a preview.
    const other = await hold('bob@s1.test');
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'license_limit_reached', poolId: 'p_wc', assigned: 0, held: 1 });
    expect(other.body.error.message).toContain('1 held for forms being edited');
    expect((await fx.server.call('PUT', `/api/v1/users/${fx.ids['bob@s1.test']}/roles/observer`, { token: fx.tokens.orgAdmin })).status).toBe(409);
    const preview = await fx.server.call('POST', `/api/v1/users/${fx.ids['bob@s1.test']}/roles/preview`, { token: fx.tokens.support, body: { roles: ['observer'] } });
    expect(preview.body).toMatchObject({ ok: false });
    expect(preview.body.pools).toContainEqual({ product: 'weclimb', poolId: 'p_wc', sku: 'weclimb', seats: 1, assigned: 0, held: 1, available: 0 });
    expect(await holds('bob@s1.test')).toEqual([]);
    expect(await pool()).toMatchObject({ assigned: 0, held: 1 });
    expect((await audit('license.refused')).map((e: { subjectId: string }) => e.subjectId)).toEqual([fx.ids['bob@s1.test'], fx.ids['bob@s1.test']]);
    expect(await audit('hold.place')).toMatchObject([{ subjectId: fx.ids['ann@s1.test'], after: { role: 'observer', seats: [{ poolId: 'p_wc' }] } }]);

    // Placing it again renews it and takes no second seat.
    fx.server.clock.current = new Date(fx.server.clock.current.getTime() + 60_000);
    const renewed = await hold('ann@s1.test');
    expect(renewed.body.id).toBe(placed.body.id);
    expect(renewed.body.expiresAt > placed.body.expiresAt).toBe(true);
    expect(await pool()).toMatchObject({ held: 1 });

    // The dashboard says how many seats are held.
    const dashboard = (await fx.server.call('GET', '/api/v1/dashboard', { token: fx.tokens.sys })).body;
    expect(dashboard.products.find((p: { product: string }) => p.product === 'weclimb')).toMatchObject({ assigned: 0, held: 1, available: 0, pools: [{ poolId: 'p_wc', held: 1 }] });
  });

  it('the host Save granting the role turns the hold into the assignment, on the reserved seat', async () => {
    await hold('ann@s1.test');
    const saved = await fx.server.call('PUT', `/api/v1/users/${fx.ids['ann@s1.test']}/roles`, { token: fx.tokens.orgAdmin, body: { roles: ['observer'], source: 'host' } });
    expect(saved.status).toBe(200);
    expect(saved.body.licenses).toMatchObject([{ product: 'weclimb', poolId: 'p_wc', state: 'active' }]);
    expect(await holds('ann@s1.test')).toEqual([]);
    expect(await pool()).toMatchObject({ assigned: 1, held: 0, available: 0 });
    expect(await audit('hold.convert')).toMatchObject([{ subjectId: fx.ids['ann@s1.test'], before: { role: 'observer' } }]);
    // Converted, so there is nothing left to release.
    expect((await hold('ann@s1.test', 'DELETE', '?reason=left_page')).status).toBe(404);
  });

  it('unticking releases the hold, and the freed seat serves the waiting queue', async () => {
    await hold('ann@s1.test');
    // Bob's host Save finds no free seat: he waits.
    await fx.server.call('PUT', `/api/v1/users/${fx.ids['bob@s1.test']}/roles`, { token: fx.tokens.orgAdmin, body: { roles: ['observer'], source: 'host' } });
    expect((await user('bob@s1.test')).licenses).toMatchObject([{ state: 'waiting' }]);
    const released = await hold('ann@s1.test', 'DELETE');
    expect(released.status).toBe(200);
    expect(await holds('ann@s1.test')).toEqual([]);
    expect((await user('bob@s1.test')).licenses).toMatchObject([{ state: 'active', poolId: 'p_wc' }]);
    expect(await pool()).toMatchObject({ assigned: 1, held: 0 });
    expect(await audit('hold.release')).toMatchObject([{ subjectId: fx.ids['ann@s1.test'], after: { reason: 'unticked' } }]);
    expect((await hold('ann@s1.test', 'DELETE')).status).toBe(404);
    expect((await hold('ann@s1.test', 'DELETE', '?reason=whim')).status).toBe(400);
  });

  it('expires on the server once its time is up, exactly once, audited', async () => {
    await hold('ann@s1.test');
    fx.server.clock.current = new Date(fx.server.clock.current.getTime() + 14 * 60_000);
    expect(await expireHolds(fx.server.engine)).toBe(0);
    fx.server.clock.current = new Date(fx.server.clock.current.getTime() + 60_000);
    const [first, second] = await Promise.all([expireHolds(fx.server.engine), expireHolds(fx.server.engine)]);
    expect(first + second).toBe(1);
    expect(await holds('ann@s1.test')).toEqual([]);
    expect(await pool()).toMatchObject({ held: 0, available: 1 });
    expect(await audit('hold.expire')).toMatchObject([{ subjectId: fx.ids['ann@s1.test'], actorId: null, after: { reason: 'expired' } }]);
  });

  it('archiving the user gives the held seat back; a role the user has already cannot be held', async () => {
    await hold('ann@s1.test');
    expect((await fx.server.call('POST', `/api/v1/users/${fx.ids['ann@s1.test']}/archive`, { token: fx.tokens.orgAdmin })).status).toBe(200);
    expect(await pool()).toMatchObject({ held: 0 });
    expect(await audit('hold.release')).toMatchObject([{ after: { reason: 'archived' } }]);
    expect((await hold('ann@s1.test')).status).toBe(409);

    await fx.server.call('PUT', `/api/v1/users/${fx.ids['bob@s1.test']}/roles/observer`, { token: fx.tokens.orgAdmin });
    const again = await hold('bob@s1.test');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('already has the observer role');
  });
});
