import { ROLES } from '@seatwise/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { hostTestApp } from './test-app.ts';

let host: ReturnType<typeof hostTestApp>;
beforeEach(() => {
  host = hostTestApp();
});

const userForm = (user: any) => ({
  email: user.email,
  firstName: user.firstName,
  lastName: user.lastName,
  middleInitial: user.middleInitial,
  stateEducatorId: user.stateEducatorId,
  timeZone: user.timeZone,
  orgIds: user.orgIds,
  roles: user.roles,
});

describe('GET /demo/api/users', () => {
  it('pages 25 rows by default, sorted by last name', async () => {
    const { status, body } = await host.json('/demo/api/users');
    expect(status).toBe(200);
    expect(body.users).toHaveLength(25);
    expect(body).toMatchObject({ page: 1, rows: 25 });
    expect(body.total).toBeGreaterThan(2000);
    const names = body.users.map((u: any) => u.lastName);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
  });

  it('pages do not overlap and honour rows up to 5000', async () => {
    const one = await host.json('/demo/api/users?rows=10&page=1');
    const two = await host.json('/demo/api/users?rows=10&page=2');
    const ids = new Set(one.body.users.map((u: any) => u.id));
    expect(two.body.users.some((u: any) => ids.has(u.id))).toBe(false);
    const big = await host.json('/demo/api/users?rows=5000');
    expect(big.body.users).toHaveLength(big.body.total);
    expect(big.body.pages).toBe(1);
  });

  it('filters by role, organization and search, treating empty values as "all"', async () => {
    const { body } = await host.json('/demo/api/users?role=evaluator&org=org_school_3&rows=500');
    expect(body.users.length).toBeGreaterThan(0);
    for (const u of body.users) {
      expect(u.roles).toContain('evaluator');
      expect(u.orgIds).toContain('org_school_3');
    }
    const all = await host.json('/demo/api/users?role=&org=&q=');
    expect(all.status).toBe(200);
    const search = await host.json('/demo/api/users?q=hostile.name');
    expect(search.body.users.map((u: any) => u.email)).toEqual(['hostile.name@lakeview.k12.us']);
  });

  it.each([
    ['rows=0', 'rows'],
    ['rows=5001', 'rows'],
    ['rows=abc', 'rows'],
    ['page=-1', 'page'],
    ['role=wizard', 'role'],
    ['org=org_nowhere', 'org'],
  ])('answers %s with a 400 naming %s', async (query, field) => {
    const { status, body } = await host.json(`/demo/api/users?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues[0].path).toBe(field);
  });
});

describe('the hostile user', () => {
  it('is in the host records with markup for a first name', async () => {
    const { body } = await host.json('/demo/api/users/MT-199999');
    expect(body.user).toMatchObject({ email: 'hostile.name@lakeview.k12.us', firstName: '<img src=x onerror=alert(1)>' });
  });
});

describe('GET/POST /demo/api/users/:id', () => {
  it('reads and saves a user', async () => {
    const { body } = await host.json('/demo/api/users/MT-100001');
    expect(body.user.roles).toEqual(['system_administrator']);
    const form = { ...userForm(body.user), email: ' New.Admin@Lakeview.k12.us ', roles: ['system_administrator', 'learner'] };
    const saved = await host.json('/demo/api/users/MT-100001', { body: form });
    expect(saved.status).toBe(200);
    expect(saved.body.user).toMatchObject({ id: 'MT-100001', email: 'new.admin@lakeview.k12.us', roles: ['system_administrator', 'learner'] });
    expect((await host.json('/demo/api/users/MT-100001')).body.user.email).toBe('new.admin@lakeview.k12.us');
  });

  it('refuses an empty email with a 400 naming the field and changes nothing', async () => {
    const { body } = await host.json('/demo/api/users/MT-100005');
    const res = await host.json('/demo/api/users/MT-100005', { body: { ...userForm(body.user), email: '', roles: ['learner'] } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'email', message: 'Email is required' }]);
    expect((await host.json('/demo/api/users/MT-100005')).body.user).toEqual(body.user);
  });

  it.each([
    [{ email: 'not-an-email' }, 'email'],
    [{ firstName: '  ' }, 'firstName'],
    [{ middleInitial: 'AB' }, 'middleInitial'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ orgIds: [] }, 'orgIds'],
    [{ orgIds: ['org_nowhere'] }, 'orgIds'],
    [{ roles: ['wizard'] }, 'roles'],
    [{ roles: 'learner' }, 'roles'],
  ])('refuses %j with a 400 naming %s', async (change, field) => {
    const { body } = await host.json('/demo/api/users/MT-100010');
    const res = await host.json('/demo/api/users/MT-100010', { body: { ...userForm(body.user), ...change } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: any) => i.path)).toContain(field);
  });

  it('refuses a taken email with a 409 naming the field', async () => {
    const { body } = await host.json('/demo/api/users/MT-100010');
    const res = await host.json('/demo/api/users/MT-100010', { body: { ...userForm(body.user), email: 'hostile.name@lakeview.k12.us' } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', issues: [{ path: 'email' }] });
  });

  it('answers malformed JSON with a 400 and unknown users with a 404', async () => {
    expect((await host.json('/demo/api/users/MT-100010', { raw: '{nope' })).status).toBe(400);
    expect((await host.json('/demo/api/users/MT-000000')).status).toBe(404);
    expect((await host.json('/demo/api/users/MT-000000', { body: {} })).status).toBe(404);
    expect((await host.json('/demo/api/users/MT-100010/invitation', { body: {} })).body).toEqual({ sentTo: expect.stringContaining('@') });
  });
});

describe('POST /demo/api/users/bulk', () => {
  const firstIds = async (n: number, query = '') => (await host.json(`/demo/api/users?rows=${n}${query}`)).body.users.map((u: any) => u.id);

  it('adds and removes a role on the selected users only', async () => {
    const ids = await firstIds(3, '&role=learner');
    const added = await host.json('/demo/api/users/bulk', { body: { action: 'add-role', userIds: ids, role: 'observer' } });
    expect(added.body).toEqual({ updated: expect.any(Number) });
    for (const id of ids) expect((await host.json(`/demo/api/users/${id}`)).body.user.roles).toContain('observer');
    const removed = await host.json('/demo/api/users/bulk', { body: { action: 'remove-role', userIds: ids, role: 'observer' } });
    expect(removed.body.updated).toBe(3);
    for (const id of ids) expect((await host.json(`/demo/api/users/${id}`)).body.user.roles).not.toContain('observer');
  });

  it('changes organizations', async () => {
    const ids = await firstIds(2);
    await host.json('/demo/api/users/bulk', { body: { action: 'change-organizations', userIds: ids, orgIds: ['org_school_8'] } });
    for (const id of ids) expect((await host.json(`/demo/api/users/${id}`)).body.user.orgIds).toEqual(['org_school_8']);
  });

  it('logs a license claim when a role newly calls for a product', async () => {
    const [id] = await firstIds(1, '&role=reporter');
    const before = (await host.json('/demo/api/claims?rows=1')).body.total;
    await host.json('/demo/api/users/bulk', { body: { action: 'add-role', userIds: [id], role: 'learner' } });
    const after = await host.json('/demo/api/claims?rows=1');
    expect(after.body.total).toBe(before + 1);
    expect(after.body.claims[0]).toMatchObject({ userId: id, product: 'elearn' });
  });

  it.each([
    [{ action: 'explode', userIds: ['MT-100001'] }, 'action'],
    [{ action: 'add-role', userIds: [], role: 'learner' }, 'userIds'],
    [{ action: 'add-role', userIds: ['MT-000000'], role: 'learner' }, 'userIds'],
    [{ action: 'add-role', userIds: ['MT-100001'], role: 'wizard' }, 'role'],
    [{ action: 'change-organizations', userIds: ['MT-100001'], orgIds: ['org_nowhere'] }, 'orgIds'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const res = await host.json('/demo/api/users/bulk', { body });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe(field);
  });
});

describe('reference data, licenses and claims', () => {
  it('lists orgs and the roles in the form order', async () => {
    expect((await host.json('/demo/api/orgs')).body.orgs).toHaveLength(9);
    expect((await host.json('/demo/api/meta')).body.roles.map((r: any) => r.id)).toEqual([...ROLES]);
  });

  it('serves the License Dashboard numbers per SKU', async () => {
    const { body } = await host.json('/demo/api/licenses');
    expect(body.products.map((p: any) => p.product)).toEqual(['elearn', 'weclimb', 'combined']);
    for (const p of body.products) {
      expect(p.available).toBe(Math.max(0, p.total - p.assigned));
      expect(p.usagePercent).toBe(Math.round((p.assigned / p.total) * 100));
    }
  });

  it('filters claims by date and refuses malformed dates', async () => {
    const all = (await host.json('/demo/api/claims?rows=5000')).body;
    const day = all.claims[Math.floor(all.claims.length / 2)].claimedAt.slice(0, 10);
    const { body } = await host.json(`/demo/api/claims?from=${day}&to=${day}&rows=5000`);
    expect(body.total).toBeGreaterThan(0);
    expect(body.claims.every((c: any) => c.claimedAt.startsWith(day))).toBe(true);
    expect(body.claims[0]).toMatchObject({ id: expect.stringMatching(/^CLM-/), userName: expect.any(String), email: expect.any(String) });
    const bad = await host.json('/demo/api/claims?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('from');
  });

  it('answers an unknown endpoint with a JSON 404', async () => {
    const res = await host.json('/demo/api/nothing-here');
    expect(res).toEqual({ status: 404, body: { error: { code: 'not_found', message: 'No such endpoint' } } });
  });
});
