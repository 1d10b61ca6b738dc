import { describe, expect, it } from 'vitest';
import { withWriteTx } from '../db/write-tx.ts';
import { useFixture } from '../testing/test-server.ts';

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
    const ann = await fx.server.call('PUT', `/api/v1/users/${fx.ids['ann@s1.test']}/roles/observer`, { token: fx.tokens.sys });
    expect(ann.status).toBe(200);
    expect(ann.body.roles).toEqual(['observer']);
    expect(ann.body.licenses).toMatchObject([{ product: 'weclimb', poolId: 'p_wc', state: 'active' }]);

    const bob = await fx.server.call('PUT', `/api/v1/users/${fx.ids['bob@s1.test']}/roles/observer`, { token: fx.tokens.sys });
    expect(bob.status).toBe(409);
    expect(bob.body.error).toMatchObject({ code: 'license_limit_reached', product: 'weclimb', poolId: 'p_wc', seats: 1, assigned: 1 });
    const after = await fx.server.call('GET', `/api/v1/users/${fx.ids['bob@s1.test']}`, { token: fx.tokens.sys });
    expect(after.body.user.roles).toEqual([]);
    expect(after.body.user.licenses).toEqual([]);
  });

  it('simultaneous grants and revokes on one user all land: each applies to the roles read in its own transaction', async () => {
    const id = fx.ids['bob@s1.test'];
    const call = (method: string, role: string) => fx.server.call(method, `/api/v1/users/${id}/roles/${role}`, { token: fx.tokens.sys });
    expect((await call('PUT', 'reporter')).status).toBe(200);
    const answers = await Promise.all([call('PUT', 'learner'), call('PUT', 'proctor'), call('PUT', 'evaluator'), call('DELETE', 'reporter')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const user = await fx.server.call('GET', `/api/v1/users/${id}`, { token: fx.tokens.sys });
    expect([...user.body.user.roles].sort()).toEqual(['evaluator', 'learner', 'proctor']);
  });
});

describe('host syncs, the waiting queue, previews and refusals', () => {
  const fx = useFixture({
    pools: [{ id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 1 }],
    users: ['a', 'b', 'c'].map((n) => ({ email: `${n}@s1.test`, orgIds: ['s1'] })).concat([{ email: 'x@s2.test', orgIds: ['s2'] }]),
    products: { s2: ['elearn'] },
  });

  const setRoles = (email: string, roles: string[], source = 'host') =>
    fx.server.call('PUT', `/api/v1/users/${fx.ids[email]}/roles`, { token: fx.tokens.orgAdmin, body: { roles, source } });
  const licenses = async (email: string) => (await fx.server.call('GET', `/api/v1/users/${fx.ids[email]}`, { token: fx.tokens.sys })).body.user.licenses;

  it('a host save is never refused: the role is recorded and the license waits, served FIFO', async () => {
    expect((await setRoles('a@s1.test', ['observer'])).body.licenses).toMatchObject([{ state: 'active' }]);
    const b = await setRoles('b@s1.test', ['observer']);
    expect(b.status).toBe(200);
    expect(b.body.roles).toEqual(['observer']);
    expect(b.body.licenses).toMatchObject([{ product: 'weclimb', state: 'waiting', poolId: null }]);
    fx.server.clock.advanceDays(1);
    await setRoles('c@s1.test', ['evaluator']);
    expect(await licenses('c@s1.test')).toMatchObject([{ state: 'waiting' }]);

    // a's seat frees: b waited longest, so b gets it and c keeps waiting.
    const revoke = await fx.server.call('DELETE', `/api/v1/users/${fx.ids['a@s1.test']}/roles/observer`, { token: fx.tokens.orgAdmin });
    expect(revoke.body.changes).toMatchObject([{ kind: 'released', product: 'weclimb', poolId: 'p_wc' }]);
    expect(await licenses('b@s1.test')).toMatchObject([{ state: 'active', poolId: 'p_wc' }]);
    expect(await licenses('c@s1.test')).toMatchObject([{ state: 'waiting' }]);
    const claims = await fx.server.call('GET', `/api/v1/audit?action=license.assign&subjectId=${fx.ids['b@s1.test']}`, { token: fx.tokens.sys });
    expect(claims.body.entries[0].after.how).toBe('waiting_fulfilled');

    // More seats serve the rest.
    await fx.server.call('PATCH', '/api/v1/pools/p_wc', { token: fx.tokens.sys, body: { seats: 2 } });
    expect(await licenses('c@s1.test')).toMatchObject([{ state: 'active' }]);
  });

  it('previews what a role set would do without changing anything', async () => {
    const free = await fx.server.call('POST', `/api/v1/users/${fx.ids['a@s1.test']}/roles/preview`, { token: fx.tokens.support, body: { roles: ['observer'] } });
    expect(free.status).toBe(200);
    expect(free.body).toMatchObject({ ok: true, acquire: [{ kind: 'acquired', product: 'weclimb', poolId: 'p_wc' }], release: [] });
    expect(free.body.pools).toContainEqual({ product: 'weclimb', poolId: 'p_wc', sku: 'weclimb', seats: 1, assigned: 0, held: 0, available: 1 });
    expect(await licenses('a@s1.test')).toEqual([]);
    await setRoles('b@s1.test', ['observer'], 'seatwise');
    const full = await fx.server.call('POST', `/api/v1/users/${fx.ids['a@s1.test']}/roles/preview`, { token: fx.tokens.support, body: { roles: ['observer'] } });
    expect(full.body).toMatchObject({ ok: false, refusal: { code: 'license_limit_reached', product: 'weclimb' } });
    // Previews are not refusals: nothing audited.
    expect((await fx.server.call('GET', '/api/v1/audit?action=license.refused', { token: fx.tokens.sys })).body.entries).toEqual([]);
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
    const res = await fx.server.call('PUT', `/api/v1/users/${fx.ids['x@s2.test']}/roles/observer`, { token: fx.tokens.orgAdmin });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'product_not_activated', product: 'weclimb' });
    const after = await fx.server.call('GET', `/api/v1/users/${fx.ids['x@s2.test']}`, { token: fx.tokens.sys });
    expect(after.body.user.roles).toEqual([]);
    const audit = await fx.server.call('GET', '/api/v1/audit?action=license.refused', { token: fx.tokens.sys });
    expect(audit.body.entries).toMatchObject([{ subjectId: fx.ids['x@s2.test'], after: { code: 'product_not_activated' } }]);
    // A host save of the same role is recorded; no license can follow.
    const host = await setRoles('x@s2.test', ['observer']);
    expect(host.body).toMatchObject({ roles: ['observer'], licenses: [] });
  });

  it('a refusal names the pool, its seats and whom to release — never a license granted inside the activity window', async () => {
    await setRoles('a@s1.test', ['observer'], 'seatwise');
    const grantedAt = fx.server.clock.current.toISOString().slice(0, 10);
    const askB = () => fx.server.call('PUT', `/api/v1/users/${fx.ids['b@s1.test']}/roles/observer`, { token: fx.tokens.orgAdmin });
    const fresh = await askB();
    expect(fresh.body.error).toMatchObject({ code: 'license_limit_reached', product: 'weclimb', poolId: 'p_wc', seats: 1, assigned: 1, suggestions: [] });
    expect(fresh.body.error.message).toMatch(/No weCLIMB seat is free/);
    // A whole window later, still never seen: now it is the one to release.
    fx.server.clock.advanceDays(31);
    const later = await askB();
    expect(later.body.error.suggestions).toEqual([{ userId: fx.ids['a@s1.test'], email: 'a@s1.test', lastActiveAt: null, reason: `never active, licensed ${grantedAt}` }]);
  });

  it('readers cannot change roles; out-of-scope users are not found', async () => {
    for (const token of [fx.tokens.reporter, fx.tokens.support]) {
      expect((await fx.server.call('PUT', `/api/v1/users/${fx.ids['a@s1.test']}/roles/learner`, { token })).status).toBe(403);
    }
    expect((await fx.server.call('PUT', `/api/v1/users/${fx.ids['a@s1.test']}/roles/learner`, { token: fx.tokens.otherAdmin })).status).toBe(404);
    expect((await fx.server.call('PUT', `/api/v1/users/${fx.ids['a@s1.test']}/roles/wizard`, { token: fx.tokens.sys })).status).toBe(400);
    expect((await fx.server.call('PUT', `/api/v1/users/${fx.ids['a@s1.test']}/roles`, { token: fx.tokens.sys, body: { roles: ['observer'], source: 'fax' } })).status).toBe(400);
  });
});
