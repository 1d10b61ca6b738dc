import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from './bootstrap.ts';
import { seedDemo, DEMO_TOKENS } from './demo/seed.ts';
import { createTestServer, type TestServer } from './testing/test-server.ts';

describe('first-run bootstrap and the demo seed', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await createTestServer();
  });
  afterEach(() => server.close());

  it('ADMIN_TOKEN creates a system administrator on an empty database, once', async () => {
    await bootstrapAdmin(server.engine, 'first-admin-token-123', false);
    const me = await server.call('GET', '/api/v1/me', { token: 'first-admin-token-123' });
    expect(me.body).toMatchObject({ authority: 'system_admin', user: { email: 'admin@seatwise.local' } });
    // A database that already has a system administrator ignores a new ADMIN_TOKEN…
    await bootstrapAdmin(server.engine, 'second-admin-token-456', false);
    expect((await server.call('GET', '/api/v1/me', { token: 'second-admin-token-456' })).status).toBe(401);
    // …unless it runs as a demo.
    await bootstrapAdmin(server.engine, 'second-admin-token-456', true);
    expect((await server.call('GET', '/api/v1/me', { token: 'second-admin-token-456' })).status).toBe(200);
  });

  it('seeds a believable demo district once, with a token per authority', async () => {
    expect(await seedDemo(server.engine)).toEqual({ seeded: true });
    expect(await seedDemo(server.engine)).toEqual({ seeded: false });
    for (const [authority, { token }] of Object.entries(DEMO_TOKENS)) {
      expect((await server.call('GET', '/api/v1/me', { token })).body.authority).toBe(authority);
    }
    const dash = (await server.call('GET', '/api/v1/dashboard', { token: DEMO_TOKENS.system_admin.token })).body;
    const bySku = Object.fromEntries(dash.products.map((p: any) => [p.product, p]));
    expect(bySku.elearn.usagePct).toBeGreaterThanOrEqual(90);
    expect(dash.waiting).toBeGreaterThan(0);
    expect(dash.inactiveAssignments).toBeGreaterThan(0);
    const pools = (await server.call('GET', '/api/v1/pools', { token: DEMO_TOKENS.system_admin.token })).body.pools;
    expect(pools.map((p: any) => p.state)).toEqual(expect.arrayContaining(['grace', 'expiring', 'active']));
    expect(pools.some((p: any) => p.daysLeft > 0 && p.daysLeft <= 30)).toBe(true);
    const users = await server.call('GET', '/api/v1/users?limit=1', { token: DEMO_TOKENS.system_admin.token });
    expect(users.status).toBe(200);
    const hostile = await server.call('POST', '/api/v1/users/lookup', { token: DEMO_TOKENS.support.token, body: { emails: ['hostile.name@lakeview.k12.us'] } });
    expect(hostile.body.results[0].user.firstName).toBe('<img src=x onerror=alert(1)>');
    const usage = await server.call('GET', '/api/v1/reports/usage?sku=elearn', { token: DEMO_TOKENS.reporter.token });
    expect(usage.body.points.length).toBeGreaterThanOrEqual(30);
    expect(usage.body.points.filter((p: any) => p.snapshot).length).toBeGreaterThanOrEqual(29);
    expect((await server.call('GET', '/api/v1/audit/verify', { token: DEMO_TOKENS.system_admin.token })).body.ok).toBe(true);
  });
});
