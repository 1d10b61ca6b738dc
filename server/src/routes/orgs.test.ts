import { describe, expect, it } from 'vitest';
import { useFixture } from '../testing/test-server.ts';

describe('organizations, me, health', () => {
  const fx = useFixture();

  it('health needs no token; everything else does', async () => {
    expect((await fx.server.call('GET', '/api/v1/health')).body).toEqual({ status: 'ok', db: 'ok' });
    const anon = await fx.server.call('GET', '/api/v1/me');
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('unauthenticated');
    expect((await fx.server.call('GET', '/api/v1/me', { token: 'sw_wrong_token' })).status).toBe(401);
  });

  it('me answers the caller, authority and scope', async () => {
    const me = await fx.server.call('GET', '/api/v1/me', { token: fx.tokens.orgAdminS1 });
    expect(me.body).toMatchObject({ authority: 'org_admin', canChange: true, scope: { all: false, rootOrgId: 's1' } });
    expect(me.body.scope.orgs.map((o: any) => o.id)).toEqual(['s1']);
    const sys = await fx.server.call('GET', '/api/v1/me', { token: fx.tokens.sys });
    expect(sys.body.scope.all).toBe(true);
  });

  it('creates, renames and activates products within scope; never below itself', async () => {
    const created = await fx.server.call('POST', '/api/v1/orgs', { token: fx.tokens.orgAdmin, body: { name: 'New School', parentId: 'd1', products: ['elearn'] } });
    expect(created.status).toBe(201);
    const patched = await fx.server.call('PATCH', `/api/v1/orgs/${created.body.id}`, { token: fx.tokens.orgAdmin, body: { products: ['elearn', 'weclimb'] } });
    expect(patched.body.products).toEqual(['elearn', 'weclimb']);
    expect((await fx.server.call('GET', '/api/v1/orgs', { token: fx.tokens.orgAdmin })).body.orgs.map((o: any) => o.id)).toContain(created.body.id);
    expect((await fx.server.call('GET', '/api/v1/orgs/s3', { token: fx.tokens.orgAdmin })).status).toBe(404);
    expect((await fx.server.call('POST', '/api/v1/orgs', { token: fx.tokens.orgAdmin, body: { name: 'Top' } })).status).toBe(403);
    const cycle = await fx.server.call('PATCH', '/api/v1/orgs/d1', { token: fx.tokens.sys, body: { parentId: 's1' } });
    expect(cycle.status).toBe(400);
    expect((await fx.server.call('PATCH', '/api/v1/orgs/s1', { token: fx.tokens.reporter, body: { name: 'X' } })).status).toBe(403);
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
  });

  it('answers unknown routes and oversized bodies in the error shape', async () => {
    const missing = await fx.server.call('GET', '/api/v1/nothing-here', { token: fx.tokens.sys });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const huge = await fx.server.call('POST', '/api/v1/users/lookup', { token: fx.tokens.sys, body: JSON.stringify({ emails: ['x'.repeat(5 * 1024 * 1024)] }) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it("the platform's organization id works wherever an organization id does, and names one organization only", async () => {
    const sys = fx.tokens.sys;
    const tagged = await fx.server.call('PATCH', '/api/v1/orgs/s1', { token: sys, body: { externalId: '10042' } });
    expect(tagged.body).toMatchObject({ id: 's1', externalId: '10042' });
    expect((await fx.server.call('GET', '/api/v1/orgs/10042', { token: fx.tokens.orgAdmin })).body).toMatchObject({ id: 's1', name: 'School One' });
    const child = await fx.server.call('POST', '/api/v1/orgs', { token: fx.tokens.orgAdmin, body: { name: 'Annex', parentId: '10042', externalId: '10043' } });
    expect(child.body).toMatchObject({ parentId: 's1', externalId: '10043' });
    const user = await fx.server.call('POST', '/api/v1/users', { token: fx.tokens.orgAdmin, body: { email: 'ext@s1.test', firstName: 'E', lastName: 'X', orgIds: ['10043', 's2'] } });
    expect(user.body.user.orgIds).toEqual([child.body.id, 's2']);
    expect((await fx.server.call('GET', '/api/v1/users?orgId=10042', { token: fx.tokens.orgAdmin })).body.users.map((u: any) => u.email)).toContain('ext@s1.test');
    const pool = await fx.server.call('POST', '/api/v1/pools', { token: sys, body: { orgId: '10042', sku: 'elearn', seats: 3, endsAt: '2030-01-01T00:00:00Z' } });
    expect(pool.body.orgId).toBe('s1');
    // Taken platform ids, and ids that would shadow one of ours, are refused; other districts' ids stay out of reach.
    expect((await fx.server.call('POST', '/api/v1/orgs', { token: sys, body: { name: 'Dup', parentId: 'd1', externalId: '10042' } })).status).toBe(409);
    expect((await fx.server.call('PATCH', '/api/v1/orgs/s2', { token: sys, body: { externalId: 's3' } })).status).toBe(409);
    await fx.server.call('PATCH', '/api/v1/orgs/s3', { token: sys, body: { externalId: '20001' } });
    expect((await fx.server.call('GET', '/api/v1/orgs/20001', { token: fx.tokens.orgAdmin })).status).toBe(404);
    expect((await fx.server.call('GET', '/api/v1/orgs/99999', { token: sys })).status).toBe(404);
  });
});
