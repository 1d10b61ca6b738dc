import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/client.ts';
import { orgs } from '../../server/src/db/schema.ts';
import { systemClock } from '../../server/src/engine/policy/clock.ts';
import { Engine } from '../../server/src/engine/engine.ts';
import { createPool } from '../../server/src/engine/changes/pools.ts';
import { api, startServerProcess, tempDbUrl, type ServerProcess } from './server-process.ts';

/**
 * Each server process keeps callers, the org tree, dashboard totals and
 * lookup answers between requests. A change made through one process must
 * show in the very next request to another: the change version the triggers
 * bump is what tells it. Process B answers first (so it has kept something),
 * process A changes, B answers again.
 */
const ADMIN = 'read-caches-admin-token';

describe('what a process keeps is never stale after a change in another process', () => {
  const dbUrl = tempDbUrl();
  let a: ServerProcess;
  let b: ServerProcess;
  const ids: Record<string, string> = {};

  const as = (base: () => string, token = ADMIN) => (method: string, path: string, body?: unknown) => api(base(), token, method, path, body);
  const onA = as(() => a.url);
  const onB = as(() => b.url);
  const user = async (email: string, orgId: string) => (await onA('POST', '/users', { email, firstName: 'T', lastName: email, orgIds: [orgId] })).body.user.id as string;
  const token = async (userId: string, authority: string) => {
    const res = await onA('POST', '/tokens', { userId, authority });
    expect(res.status).toBe(201);
    return res.body as { id: string; token: string };
  };

  beforeAll(async () => {
    // Organizations and a pool written before either process answers anything, straight to the file.
    const database = await openDatabase(dbUrl);
    const engine = new Engine(database.db, systemClock);
    ids.d1 = 'org_rc_d1';
    ids.d2 = 'org_rc_d2';
    ids.school = 'org_rc_school';
    await engine.change(null, async (ctx) => {
      await ctx.tx.insert(orgs).values([
        { id: ids.d1!, name: 'District One', parentId: null, products: ['elearn', 'weclimb'] },
        { id: ids.d2!, name: 'District Two', parentId: null, products: ['elearn', 'weclimb'] },
        { id: ids.school!, name: 'Moving School', parentId: ids.d1!, products: ['elearn', 'weclimb'] },
      ]);
      await createPool(ctx, { orgId: ids.d1!, sku: 'weclimb', seats: 10, endsAt: '2030-01-01T00:00:00Z', graceDays: 30, overagePct: 0 });
      ids.elearn = await createPool(ctx, { orgId: ids.d1!, sku: 'elearn', seats: 10, startsAt: '2020-01-01T00:00:00Z', endsAt: '2030-01-01T00:00:00Z', graceDays: 30, overagePct: 0 });
    });
    database.close();
    a = await startServerProcess({ DATABASE_URL: dbUrl, ADMIN_TOKEN: ADMIN });
    b = await startServerProcess({ DATABASE_URL: dbUrl, ADMIN_TOKEN: ADMIN });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('a token revoked through A is refused by the next request to B', async () => {
    const holder = await user('revoked@one.test', ids.d1!);
    const t = await token(holder, 'org_admin');
    expect((await as(() => b.url, t.token)('GET', '/me')).status).toBe(200);
    expect((await onA('DELETE', `/tokens/${t.id}`)).status).toBe(204);
    expect((await as(() => b.url, t.token)('GET', '/me')).status).toBe(401);
  });

  it('a holder archived through A: B refuses their token at once', async () => {
    const holder = await user('archived@one.test', ids.d1!);
    const t = await token(holder, 'reporter');
    expect((await as(() => b.url, t.token)('GET', '/me')).status).toBe(200);
    expect((await onA('POST', `/users/${holder}/archive`)).status).toBe(200);
    expect((await as(() => b.url, t.token)('GET', '/me')).status).toBe(401);
  });

  it('a school moved to another district through A leaves the old district admin’s scope on B at once', async () => {
    const admin = await user('admin@one.test', ids.d1!);
    const t = await token(admin, 'org_admin');
    await user('pupil@school.test', ids.school!);
    const lookup = async () => (await as(() => b.url, t.token)('POST', '/users/lookup', { emails: ['pupil@school.test'] })).body.results[0].user;
    expect(await lookup()).not.toBeNull();
    expect((await onA('PATCH', `/orgs/${ids.school}`, { parentId: ids.d2 })).status).toBe(200);
    expect(await lookup()).toBeNull();
  });

  it('a holder transferred through A: B scopes their token by the new home at once', async () => {
    const admin = await user('mover@one.test', ids.d1!);
    const t = await token(admin, 'org_admin');
    const me = async () => (await as(() => b.url, t.token)('GET', '/me')).body.scope.rootOrgId;
    expect(await me()).toBe(ids.d1);
    expect((await onA('POST', `/users/${admin}/transfer`, { orgIds: [ids.d2] })).status).toBe(200);
    expect(await me()).toBe(ids.d2);
  });

  it('a lookup on B shows a rename, a role granted and a pool’s end moved through A at once', async () => {
    const learner = await user('lookup@one.test', ids.d1!);
    const lookup = async () => (await onB('POST', '/users/lookup', { emails: ['lookup@one.test'] })).body.results[0];
    expect(await lookup()).toMatchObject({ user: { firstName: 'T' }, roles: [], licenses: [] });
    await lookup(); // kept on B
    expect((await onA('POST', '/users', { email: 'lookup@one.test', firstName: 'Renamed', lastName: 'L', orgIds: [ids.d1] })).status).toBe(200);
    expect((await lookup()).user.firstName).toBe('Renamed');
    expect((await onA('PUT', `/users/${learner}/roles/learner`)).status).toBe(200);
    expect(await lookup()).toMatchObject({ roles: ['learner'], licenses: [{ poolId: ids.elearn, state: 'active' }] });
    expect((await onA('PATCH', `/pools/${ids.elearn}`, { endsAt: new Date(Date.now() - 86_400_000).toISOString() })).status).toBe(200);
    expect((await lookup()).licenses).toMatchObject([{ poolId: ids.elearn, state: 'grace' }]);
  });

  it('the dashboard on B counts a seat taken and activity reported through A at once', async () => {
    const learner = await user('dash@one.test', ids.d1!);
    const weclimb = async () => {
      const body = (await onB('GET', '/dashboard')).body;
      return { assigned: body.products.find((p: { product: string }) => p.product === 'weclimb').assigned as number, activeUsers: body.activeUsers as number, inactive: body.inactiveAssignments as number };
    };
    const before = await weclimb();
    expect((await onA('PUT', `/users/${learner}/roles/observer`)).status).toBe(200);
    const granted = await weclimb();
    expect(granted.assigned).toBe(before.assigned + 1);
    expect((await onA('POST', '/activity', { events: [{ userId: learner, product: 'weclimb', at: new Date().toISOString() }] })).status).toBe(200);
    expect((await weclimb()).activeUsers).toBe(granted.activeUsers + 1);
  });
});
