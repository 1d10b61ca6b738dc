import { describe, expect, it } from 'vitest';
import { useFixture } from '../testing/test-server.ts';
import { errorBody } from '../testing/typed-body.ts';
import { ok, refused } from '../testing/typed-client.ts';

describe('organizations, me, health', () => {
  const fx = useFixture();

  it('health needs no token; everything else does', async () => {
    expect(await ok(fx.server.api().health.$get())).toEqual({ status: 'ok', db: 'ok' });
    expect((await refused(fx.server.api().me.$get(), 401)).code).toBe('unauthenticated');
    await refused(fx.server.api('sw_wrong_token').me.$get(), 401);
  });

  it('me answers the caller, authority and scope', async () => {
    const me = await ok(fx.server.api(fx.tokens.orgAdminS1).me.$get());
    expect(me).toMatchObject({ authority: 'org_admin', canChange: true, scope: { all: false, rootOrgId: 's1' } });
    expect(me.scope.orgs.map((o) => o.id)).toEqual(['s1']);
    expect((await ok(fx.server.api(fx.tokens.sys).me.$get())).scope.all).toBe(true);
  });

  it('creates, renames and activates products within scope; never below itself', async () => {
    const admin = fx.server.api(fx.tokens.orgAdmin);
    const created = await ok(admin.orgs.$post({ json: { name: 'New School', parentId: 'd1', products: ['elearn'] } }), 201);
    const patched = await ok(admin.orgs[':id'].$patch({ param: { id: created.id }, json: { products: ['elearn', 'weclimb'] } }));
    expect(patched.products).toEqual(['elearn', 'weclimb']);
    expect((await ok(admin.orgs.$get())).orgs.map((o) => o.id)).toContain(created.id);
    await refused(admin.orgs[':id'].$get({ param: { id: 's3' } }), 404);
    await refused(admin.orgs.$post({ json: { name: 'Top' } }), 403);
    await refused(fx.server.api(fx.tokens.sys).orgs[':id'].$patch({ param: { id: 'd1' }, json: { parentId: 's1' } }), 400);
    await refused(fx.server.api(fx.tokens.reporter).orgs[':id'].$patch({ param: { id: 's1' }, json: { name: 'X' } }), 403);
  });

  it('CORS admits only the extension\'s own origins', async () => {
    const preflight = (origin: string) =>
      fx.server.app.request('/api/v1/me', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    const ours = await preflight('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(ours.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(ours.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect((await preflight('moz-extension://4b1d7a2e-1111-2222-3333-444455556666')).headers.get('access-control-allow-origin')).toBe('moz-extension://4b1d7a2e-1111-2222-3333-444455556666');
    for (const origin of ['https://evil.example', 'http://127.0.0.1:8787', 'null']) {
      expect((await preflight(origin)).headers.get('access-control-allow-origin'), origin).toBeNull();
    }
    // Every answer says it depends on the origin, with one or without (so no cache hands one to the other).
    const me = (headers: Record<string, string>) => fx.server.app.request('/api/v1/me', { headers: { authorization: `Bearer ${fx.tokens.sys}`, ...headers } });
    const plain = await me({});
    expect(plain.status).toBe(200);
    expect(plain.headers.get('vary')).toBe('Origin');
    const fromExtension = await me({ origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' });
    expect(fromExtension.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(fromExtension.headers.get('vary')).toBe('Origin');
  });

  it('answers unknown routes and oversized bodies in the error shape', async () => {
    const missing = await fx.server.call('GET', '/api/v1/nothing-here', { token: fx.tokens.sys });
    expect(missing.status).toBe(404);
    expect(errorBody(missing).code).toBe('not_found');
    const huge = await fx.server.call('POST', '/api/v1/users/lookup', { token: fx.tokens.sys, body: JSON.stringify({ emails: ['x'.repeat(5 * 1024 * 1024)] }) });
    expect(huge.status).toBe(413);
    expect(errorBody(huge).code).toBe('payload_too_large');
    // A declared length is held to the limit before the body is read; a small one reads it as usual.
    const lookup = (body: string, length: number) => fx.server.call('POST', '/api/v1/users/lookup', { token: fx.tokens.sys, body, headers: { 'content-length': String(length) } });
    const small = JSON.stringify({ emails: ['nobody@nowhere.test'] });
    const declaredHuge = await lookup(small, 5 * 1024 * 1024);
    expect(declaredHuge.status).toBe(413);
    expect(errorBody(declaredHuge).code).toBe('payload_too_large');
    expect((await lookup(small, Buffer.byteLength(small))).status).toBe(200);
  });

  it("the platform's organization id works wherever an organization id does, and names one organization only", async () => {
    const sys = fx.tokens.sys;
    const sysApi = fx.server.api(sys);
    const admin = fx.server.api(fx.tokens.orgAdmin);
    const tagged = await ok(sysApi.orgs[':id'].$patch({ param: { id: 's1' }, json: { externalId: '10042' } }));
    expect(tagged).toMatchObject({ id: 's1', externalId: '10042' });
    expect(await ok(admin.orgs[':id'].$get({ param: { id: '10042' } }))).toMatchObject({ id: 's1', name: 'School One' });
    const child = await ok(admin.orgs.$post({ json: { name: 'Annex', parentId: '10042', externalId: '10043' } }), 201);
    expect(child).toMatchObject({ parentId: 's1', externalId: '10043' });
    const user = await ok(admin.users.$post({ json: { email: 'ext@s1.test', firstName: 'E', lastName: 'X', orgIds: ['10043', 's2'] } }), 201);
    expect(user.user.orgIds).toEqual([child.id, 's2']);
    expect((await ok(admin.users.$get({ query: { orgId: '10042' } }))).users.map((u) => u.email)).toContain('ext@s1.test');
    const pool = await ok(sysApi.pools.$post({ json: { orgId: '10042', sku: 'elearn', seats: 3, endsAt: '2030-01-01T00:00:00Z' } }), 201);
    expect(pool.orgId).toBe('s1');
    // Taken platform ids, and ids that would shadow one of ours, are refused; other districts' ids stay out of reach.
    await refused(sysApi.orgs.$post({ json: { name: 'Dup', parentId: 'd1', externalId: '10042' } }), 409);
    await refused(sysApi.orgs[':id'].$patch({ param: { id: 's2' }, json: { externalId: 's3' } }), 409);
    await ok(sysApi.orgs[':id'].$patch({ param: { id: 's3' }, json: { externalId: '20001' } }));
    await refused(admin.orgs[':id'].$get({ param: { id: '20001' } }), 404);
    await refused(sysApi.orgs[':id'].$get({ param: { id: '99999' } }), 404);
  });
});
