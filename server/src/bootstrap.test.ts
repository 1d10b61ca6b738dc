import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from './bootstrap.ts';
import { seedDemo, DEMO_TOKENS } from './demo/seed.ts';
import { createTestServer, type TestServer } from './testing/test-server.ts';
import { ok } from './testing/typed-client.ts';

describe('first-run bootstrap and the demo seed', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await createTestServer();
  });
  afterEach(() => server.close());

  it('ADMIN_TOKEN creates a system administrator on an empty database, once', async () => {
    await bootstrapAdmin(server.engine, 'first-admin-token-123', false);
    const me = await ok(server.api('first-admin-token-123').me.$get());
    expect(me).toMatchObject({ authority: 'system_admin', user: { email: 'admin@seatwise.local' } });
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
      expect((await ok(server.api(token).me.$get())).authority).toBe(authority);
    }
    const dash = await ok(server.api(DEMO_TOKENS.system_admin.token).dashboard.$get({ query: {} }));
    const bySku = Object.fromEntries(dash.products.map((p) => [p.product, p]));
    expect(bySku.elearn!.usagePct).toBeGreaterThanOrEqual(90);
    expect(dash.waiting).toBeGreaterThan(0);
    expect(dash.inactiveAssignments).toBeGreaterThan(0);
    const pools = (await ok(server.api(DEMO_TOKENS.system_admin.token).pools.$get({ query: {} }))).pools;
    expect(pools.map((p) => p.state)).toEqual(expect.arrayContaining(['grace', 'expiring', 'active']));
    expect(pools.some((p) => p.daysLeft > 0 && p.daysLeft <= 30)).toBe(true);
    await ok(server.api(DEMO_TOKENS.system_admin.token).users.$get({ query: { limit: '1' } }));
    const hostile = await ok(server.api(DEMO_TOKENS.support.token).users.lookup.$post({ json: { emails: ['hostile.name@lakeview.k12.us'] } }));
    expect(hostile.results[0]!.user!.firstName).toBe('<img src=x onerror=alert(1)>');
    const usage = await ok(server.api(DEMO_TOKENS.reporter.token).reports.usage.$get({ query: { sku: 'elearn' } }));
    expect(usage.points.length).toBeGreaterThanOrEqual(30);
    expect(usage.points.filter((p) => p.snapshot).length).toBeGreaterThanOrEqual(29);
    expect((await ok(server.api(DEMO_TOKENS.system_admin.token).audit.verify.$get())).ok).toBe(true);
  });
});
