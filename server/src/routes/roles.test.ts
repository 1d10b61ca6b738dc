import { describe, expect, it } from 'vitest';
import type { Role } from '@seatwise/shared';
import { withWriteTx } from '../db/write-tx.ts';
import { useFixture } from '../testing/test-server.ts';
import { ok, refused } from '../testing/typed-client.ts';

describe('role changes through HTTP', () => {
  const fx = useFixture({
    pools: [
      { id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 1 },
      { id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 5 },
    ],
    users: [
      { email: 'ann@s1.test', orgIds: ['s1'] },
      { email: 'bob@s1.test', orgIds: ['s1'] },
    ],
  });

  it('grants Observer with a weCLIMB seat, then refuses the next one with nothing changed', async () => {
    const users = fx.server.api(fx.tokens.sys).users[':id'];
    const ann = await ok(users.roles[':role'].$put({ param: { id: fx.ids['ann@s1.test']!, role: 'observer' } }));
    expect(ann.roles).toEqual(['observer']);
    expect(ann.licenses).toMatchObject([{ product: 'weclimb', poolId: 'p_wc', state: 'active' }]);

    const bob = await refused(users.roles[':role'].$put({ param: { id: fx.ids['bob@s1.test']!, role: 'observer' } }), 409);
    expect(bob).toMatchObject({ code: 'license_limit_reached', product: 'weclimb', poolId: 'p_wc', seats: 1, assigned: 1 });
    const after = (await ok(users.$get({ param: { id: fx.ids['bob@s1.test']! } }))).user;
    expect(after.roles).toEqual([]);
    expect(after.licenses).toEqual([]);
  });

  it('simultaneous grants and revokes on one user all land: each applies to the roles read in its own transaction', async () => {
    const id = fx.ids['bob@s1.test']!;
    const users = fx.server.api(fx.tokens.sys).users[':id'];
    const role = users.roles[':role'];
    const put = (r: Role) => ok(role.$put({ param: { id, role: r } }));
    await put('reporter');
    await Promise.all([put('learner'), put('proctor'), put('evaluator'), ok(role.$delete({ param: { id, role: 'reporter' } }))]);
    const user = await ok(users.$get({ param: { id } }));
    expect([...user.user.roles].sort()).toEqual(['evaluator', 'learner', 'proctor']);
  });
});

describe('host syncs, the waiting queue, previews and refusals', () => {
  const fx = useFixture({
    pools: [{ id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 1 }],
    users: ['a', 'b', 'c'].map((n) => ({ email: `${n}@s1.test`, orgIds: ['s1'] })).concat([{ email: 'x@s2.test', orgIds: ['s2'] }]),
    products: { s2: ['elearn'] },
  });

  const user = (email: string) => ({ id: fx.ids[email]! });
  const setRoles = (email: string, roles: Role[], source: 'host' | 'seatwise' = 'host') =>
    ok(fx.server.api(fx.tokens.orgAdmin).users[':id'].roles.$put({ param: user(email), json: { roles, source } }));
  const licenses = async (email: string) => (await ok(fx.server.api(fx.tokens.sys).users[':id'].$get({ param: user(email) }))).user.licenses;
  const sys = () => fx.server.api(fx.tokens.sys);
  const roleOf = (email: string, role: Role) => ({ param: { ...user(email), role } });

  it('a host save is never refused: the role is recorded and the license waits, served FIFO', async () => {
    expect((await setRoles('a@s1.test', ['observer'])).licenses).toMatchObject([{ state: 'active' }]);
    const b = await setRoles('b@s1.test', ['observer']);
    expect(b.roles).toEqual(['observer']);
    expect(b.licenses).toMatchObject([{ product: 'weclimb', state: 'waiting', poolId: null }]);
    fx.server.clock.advanceDays(1);
    await setRoles('c@s1.test', ['evaluator']);
    expect(await licenses('c@s1.test')).toMatchObject([{ state: 'waiting' }]);

    // a's seat frees: b waited longest, so b gets it and c keeps waiting.
    const revoke = await ok(fx.server.api(fx.tokens.orgAdmin).users[':id'].roles[':role'].$delete(roleOf('a@s1.test', 'observer')));
    expect(revoke.changes).toMatchObject([{ kind: 'released', product: 'weclimb', poolId: 'p_wc' }]);
    expect(await licenses('b@s1.test')).toMatchObject([{ state: 'active', poolId: 'p_wc' }]);
    expect(await licenses('c@s1.test')).toMatchObject([{ state: 'waiting' }]);
    const claims = await ok(sys().audit.$get({ query: { action: 'license.assign', subjectId: fx.ids['b@s1.test']! } }));
    expect(claims.entries[0]!.after).toMatchObject({ how: 'waiting_fulfilled' });

    // More seats serve the rest.
    await ok(sys().pools[':id'].$patch({ param: { id: 'p_wc' }, json: { seats: 2 } }));
    expect(await licenses('c@s1.test')).toMatchObject([{ state: 'active' }]);
  });

  it('previews what a role set would do without changing anything', async () => {
    const preview = () => ok(fx.server.api(fx.tokens.support).users[':id'].roles.preview.$post({ param: user('a@s1.test'), json: { roles: ['observer'] } }));
    const free = await preview();
    expect(free).toMatchObject({ ok: true, acquire: [{ kind: 'acquired', product: 'weclimb', poolId: 'p_wc' }], release: [] });
    expect(free.pools).toContainEqual({ product: 'weclimb', poolId: 'p_wc', sku: 'weclimb', seats: 1, assigned: 0, held: 0, available: 1 });
    expect(await licenses('a@s1.test')).toEqual([]);
    await setRoles('b@s1.test', ['observer'], 'seatwise');
    expect(await preview()).toMatchObject({ ok: false, refusal: { code: 'license_limit_reached', product: 'weclimb' } });
    // Previews are not refusals: nothing audited.
    expect((await ok(sys().audit.$get({ query: { action: 'license.refused' } }))).entries).toEqual([]);
  });

  it('a preview never takes the write lock: it answers while a change holds it', async () => {
    let release!: () => void;
    const started = new Promise<void>((ready) => {
      void withWriteTx(fx.server.engine.db, () => new Promise<void>((done) => ((release = done), ready())));
    });
    await started;
    try {
      const answer = await fx.server.call('POST', `/api/v1/users/${fx.ids['a@s1.test']}/roles/preview`, { token: fx.tokens.support, body: { roles: ['observer'] } });
      expect(answer.status).toBe(200);
    } finally {
      release();
    }
  });

  it('refuses a product the organization has not activated, and audits the refusal', async () => {
    const res = await refused(fx.server.api(fx.tokens.orgAdmin).users[':id'].roles[':role'].$put(roleOf('x@s2.test', 'observer')), 409);
    expect(res).toMatchObject({ code: 'product_not_activated', product: 'weclimb' });
    expect((await ok(sys().users[':id'].$get({ param: user('x@s2.test') }))).user.roles).toEqual([]);
    const audit = await ok(sys().audit.$get({ query: { action: 'license.refused' } }));
    expect(audit.entries).toMatchObject([{ subjectId: fx.ids['x@s2.test'], after: { code: 'product_not_activated' } }]);
    // A host save of the same role is recorded; no license can follow.
    const host = await setRoles('x@s2.test', ['observer']);
    expect(host).toMatchObject({ roles: ['observer'], licenses: [] });
  });

  it('a refusal names the pool, its seats and whom to release — never a license granted inside the activity window', async () => {
    await setRoles('a@s1.test', ['observer'], 'seatwise');
    const grantedAt = fx.server.clock.current.toISOString().slice(0, 10);
    const askB = () => refused(fx.server.api(fx.tokens.orgAdmin).users[':id'].roles[':role'].$put(roleOf('b@s1.test', 'observer')), 409);
    const fresh = await askB();
    expect(fresh).toMatchObject({ code: 'license_limit_reached', product: 'weclimb', poolId: 'p_wc', seats: 1, assigned: 1, suggestions: [] });
    expect(fresh.message).toMatch(/No weCLIMB seat is free/);
    // A whole window later, still never seen: now it is the one to release.
    fx.server.clock.advanceDays(31);
    const later = await askB();
    expect(later.suggestions).toEqual([{ userId: fx.ids['a@s1.test'], email: 'a@s1.test', lastActiveAt: null, reason: `never active, licensed ${grantedAt}` }]);
  });

  it('readers cannot change roles; out-of-scope users are not found', async () => {
    const learner = (token: string) => fx.server.api(token).users[':id'].roles[':role'].$put(roleOf('a@s1.test', 'learner'));
    for (const token of [fx.tokens.reporter, fx.tokens.support]) await refused(learner(token), 403);
    await refused(learner(fx.tokens.otherAdmin), 404);
    // A role or source the schema refuses: sent untyped, on purpose.
    expect((await fx.server.call('PUT', `/api/v1/users/${fx.ids['a@s1.test']}/roles/wizard`, { token: fx.tokens.sys })).status).toBe(400);
    expect((await fx.server.call('PUT', `/api/v1/users/${fx.ids['a@s1.test']}/roles`, { token: fx.tokens.sys, body: { roles: ['observer'], source: 'fax' } })).status).toBe(400);
  });
});
