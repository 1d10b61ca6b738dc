import { describe, expect, it } from 'vitest';
import { produceDueReport } from '../compliance-reports/produce.ts';
import { webhookDeliveries } from '../db/schema.ts';
import { useFixture } from '../testing/test-server.ts';

describe('scheduled compliance reports through HTTP', () => {
  const fx = useFixture({
    pools: [{ id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 1, endsInDays: 20 }],
    users: [{ email: 'a@s1.test', orgIds: ['s1'], roles: ['observer'] }],
  });
  const settings = (body?: unknown, token = fx.tokens.sys) => fx.server.call(body ? 'PUT' : 'GET', '/api/v1/settings/compliance-report', { token, body });

  it('keeps a schedule and recipients that only a system administrator changes, refusing bad addresses by name', async () => {
    expect((await settings()).body).toEqual({ every: 'weekly', recipients: [] });
    const bad = await settings({ every: 'weekly', recipients: ['office@lakeview.test', 'not-an-address'] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.issues)).toContain('recipients');
    expect((await settings({ every: 'weekly', recipients: ['a@x.test', 'A@x.test'] })).status).toBe(400);
    expect((await settings({ every: 'hourly', recipients: [] })).status).toBe(400);
    expect((await settings()).body).toEqual({ every: 'weekly', recipients: [] });
    expect((await settings({ every: 'daily', recipients: ['office@lakeview.test'] }, fx.tokens.orgAdmin)).status).toBe(403);
    expect((await settings(undefined, fx.tokens.reporter)).status).toBe(403);
    const saved = await settings({ every: 'daily', recipients: ['office@lakeview.test'] });
    expect(saved.body).toEqual({ every: 'daily', recipients: ['office@lakeview.test'] });
    const audit = await fx.server.call('GET', '/api/v1/audit?action=settings.update', { token: fx.tokens.sys });
    expect(audit.body.entries[0]).toMatchObject({ before: { every: 'weekly' }, after: { every: 'daily' } });
  });

  it('produces one report per period, stored as HTML and CSV, with its deliveries queued in the same step', async () => {
    await settings({ every: 'daily', recipients: ['office@lakeview.test'] });
    // A hostile pool name is data in the HTML, never markup.
    await fx.server.call('PATCH', '/api/v1/pools/p_wc', { token: fx.tokens.sys, body: { name: '<img src=x onerror=alert(1)>' } });
    const destinations = { smtp: true, webhookUrl: 'https://hooks.lakeview.test/seatwise' };
    const first = await produceDueReport(fx.server.engine, destinations);
    expect(first).toMatch(/^rpt_/);
    expect(await produceDueReport(fx.server.engine, destinations)).toBeNull();

    const listed = (await fx.server.call('GET', '/api/v1/compliance-reports', { token: fx.tokens.sys })).body.reports;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: first, period: fx.server.clock.current.toISOString().slice(0, 10), summary: { pools: 1 } });
    expect(listed[0].deliveries.map((d: any) => [d.channel, d.status]).sort()).toEqual([['email', 'pending'], ['webhook', 'pending']]);
    expect(JSON.stringify(listed)).not.toContain('hooks.lakeview.test'); // a webhook URL may carry a secret

    const html = await fx.server.call('GET', `/api/v1/compliance-reports/${first}/html`, { token: fx.tokens.sys });
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html.body).not.toContain('<img');
    const csv = await fx.server.call('GET', `/api/v1/compliance-reports/${first}/csv`, { token: fx.tokens.sys });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(String(csv.body).split('\n')[0]).toContain('Pool name');

    const rows = await fx.server.engine.db.select().from(webhookDeliveries);
    expect(rows.map((r) => r.url).sort()).toEqual(['https://hooks.lakeview.test/seatwise', 'mailto:office@lakeview.test']);

    fx.server.clock.advanceDays(1);
    expect(await produceDueReport(fx.server.engine, destinations)).toMatch(/^rpt_/);
    expect((await fx.server.call('GET', '/api/v1/compliance-reports', { token: fx.tokens.sys })).body.reports).toHaveLength(2);
  });

  it('produces nothing when switched off, and shows reports to system administrators only', async () => {
    await settings({ every: 'off', recipients: [] });
    expect(await produceDueReport(fx.server.engine, { smtp: false })).toBeNull();
    expect((await fx.server.call('GET', '/api/v1/compliance-reports', { token: fx.tokens.orgAdmin })).status).toBe(403);
    expect((await fx.server.call('GET', '/api/v1/compliance-reports/rpt_nope/html', { token: fx.tokens.sys })).status).toBe(404);
  });
});
