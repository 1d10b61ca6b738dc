import { describe, expect, it } from 'vitest';
import { expireHolds } from '../engine/changes/holds.ts';
import { useFixture } from '../testing/test-server.ts';
import { ok, refused } from '../testing/typed-client.ts';

describe('seat holds through HTTP', () => {
  const fx = useFixture({
    pools: [{ id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 1 }],
    users: ['ann', 'bob'].map((n) => ({ email: `${n}@s1.test`, orgIds: ['s1'] })),
  });
  const as = (token: string) => fx.server.api(token);
  const observerHold = (email: string) => as(fx.tokens.orgAdmin).users[':id'].holds[':role'];
  const place = (email: string) => observerHold(email).$put({ param: { id: fx.ids[email]!, role: 'observer' } });
  const release = (email: string, reason?: 'unticked' | 'left_page') => observerHold(email).$delete({ param: { id: fx.ids[email]!, role: 'observer' }, query: reason ? { reason } : {} });
  const pool = () => ok(as(fx.tokens.sys).pools[':id'].$get({ param: { id: 'p_wc' } }));
  const user = async (email: string) => (await ok(as(fx.tokens.sys).users[':id'].$get({ param: { id: fx.ids[email]! } }))).user;
  const holds = async (email: string) => (await ok(as(fx.tokens.support).users[':id'].holds.$get({ param: { id: fx.ids[email]! } }))).holds;
  const audit = async (action: string) => (await ok(as(fx.tokens.sys).audit.$get({ query: { action } }))).entries;

  it('a hold takes the seat for everyone else without granting the role; a second one is refused and changes nothing', async () => {
    const placed = await ok(place('ann@s1.test'));
    expect(placed).toMatchObject({ userId: fx.ids['ann@s1.test'], role: 'observer', seats: [{ product: 'weclimb', poolId: 'p_wc', sku: 'weclimb' }] });
    expect(Date.parse(placed.expiresAt) - Date.parse(placed.placedAt)).toBe(15 * 60_000);
    expect(await pool()).toMatchObject({ assigned: 0, held: 1, available: 0 });
    expect(await user('ann@s1.test')).toMatchObject({ roles: [], licenses: [] });
    expect(await holds('ann@s1.test')).toEqual([placed]);

    // Nobody else gets the held seat: not a hold, not a grant, not a preview.
    const other = await refused(place('bob@s1.test'), 409);
    expect(other).toMatchObject({ code: 'license_limit_reached', poolId: 'p_wc', assigned: 0, held: 1 });
    expect(other.message).toContain('1 held for forms being edited');
    await refused(as(fx.tokens.orgAdmin).users[':id'].roles[':role'].$put({ param: { id: fx.ids['bob@s1.test']!, role: 'observer' } }), 409);
    const preview = await ok(as(fx.tokens.support).users[':id'].roles.preview.$post({ param: { id: fx.ids['bob@s1.test']! }, json: { roles: ['observer'] } }));
    expect(preview).toMatchObject({ ok: false });
    expect(preview.pools).toContainEqual({ product: 'weclimb', poolId: 'p_wc', sku: 'weclimb', seats: 1, assigned: 0, held: 1, available: 0 });
    expect(await holds('bob@s1.test')).toEqual([]);
    expect(await pool()).toMatchObject({ assigned: 0, held: 1 });
    expect((await audit('license.refused')).map((e: { subjectId: string }) => e.subjectId)).toEqual([fx.ids['bob@s1.test'], fx.ids['bob@s1.test']]);
    expect(await audit('hold.place')).toMatchObject([{ subjectId: fx.ids['ann@s1.test'], after: { role: 'observer', seats: [{ poolId: 'p_wc' }] } }]);

    // Placing it again renews it and takes no second seat.
    fx.server.clock.current = new Date(fx.server.clock.current.getTime() + 60_000);
    const renewed = await ok(place('ann@s1.test'));
    expect(renewed.id).toBe(placed.id);
    expect(renewed.expiresAt > placed.expiresAt).toBe(true);
    expect(await pool()).toMatchObject({ held: 1 });

    // The dashboard says how many seats are held.
    const dashboard = await ok(as(fx.tokens.sys).dashboard.$get({ query: {} }));
    expect(dashboard.products.find((p) => p.product === 'weclimb')).toMatchObject({ assigned: 0, held: 1, available: 0, pools: [{ poolId: 'p_wc', held: 1 }] });
  });

  it('the host Save granting the role turns the hold into the assignment, on the reserved seat', async () => {
    await ok(place('ann@s1.test'));
    const saved = await ok(as(fx.tokens.orgAdmin).users[':id'].roles.$put({ param: { id: fx.ids['ann@s1.test']! }, json: { roles: ['observer'], source: 'host' } }));
    expect(saved.licenses).toMatchObject([{ product: 'weclimb', poolId: 'p_wc', state: 'active' }]);
    expect(await holds('ann@s1.test')).toEqual([]);
    expect(await pool()).toMatchObject({ assigned: 1, held: 0, available: 0 });
    expect(await audit('hold.convert')).toMatchObject([{ subjectId: fx.ids['ann@s1.test'], before: { role: 'observer' } }]);
    // Converted, so there is nothing left to release.
    await refused(release('ann@s1.test', 'left_page'), 404);
  });

  it('unticking releases the hold, and the freed seat serves the waiting queue', async () => {
    await ok(place('ann@s1.test'));
    // Bob's host Save finds no free seat: he waits.
    await fx.server.api(fx.tokens.orgAdmin).users[':id'].roles.$put({ param: { id: fx.ids['bob@s1.test']! }, json: { roles: ['observer'], source: 'host' } });
    expect((await user('bob@s1.test')).licenses).toMatchObject([{ state: 'waiting' }]);
    await ok(release('ann@s1.test'));
    expect(await holds('ann@s1.test')).toEqual([]);
    expect((await user('bob@s1.test')).licenses).toMatchObject([{ state: 'active', poolId: 'p_wc' }]);
    expect(await pool()).toMatchObject({ assigned: 1, held: 0 });
    expect(await audit('hold.release')).toMatchObject([{ subjectId: fx.ids['ann@s1.test'], after: { reason: 'unticked' } }]);
    await refused(release('ann@s1.test'), 404);
    // A reason outside the list: a request the typed client refuses to build, so sent raw.
    expect((await fx.server.call('DELETE', `/api/v1/users/${fx.ids['ann@s1.test']}/holds/observer?reason=whim`, { token: fx.tokens.orgAdmin })).status).toBe(400);
  });

  it('expires on the server once its time is up, exactly once, audited', async () => {
    await ok(place('ann@s1.test'));
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
    await ok(place('ann@s1.test'));
    await ok(as(fx.tokens.orgAdmin).users[':id'].archive.$post({ param: { id: fx.ids['ann@s1.test']! } }));
    expect(await pool()).toMatchObject({ held: 0 });
    expect(await audit('hold.release')).toMatchObject([{ after: { reason: 'archived' } }]);
    await refused(place('ann@s1.test'), 409);

    await fx.server.api(fx.tokens.orgAdmin).users[':id'].roles[':role'].$put({ param: { id: fx.ids['bob@s1.test']!, role: 'observer' } });
    const again = await refused(place('bob@s1.test'), 409);
    expect(again.message).toContain('already has the observer role');
  });
});
