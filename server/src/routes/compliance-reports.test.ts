import { describe, expect, it } from 'vitest';
import { produceDueReport } from '../compliance-reports/produce.ts';
import { webhookDeliveries } from '../db/schema.ts';
import { useFixture } from '../testing/test-server.ts';
import { ok, refused } from '../testing/typed-client.ts';

describe('scheduled compliance reports through HTTP', () => {
  const fx = useFixture({
    pools: [{ id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 1, endsInDays: 20 }],
    users: [{ email: 'a@s1.test', orgIds: ['s1'], roles: ['observer'] }],
  });
  const sys = () => fx.server.api(fx.tokens.sys);
  const settings = (token = fx.tokens.sys) => fx.server.api(token).settings['compliance-report'];
  /** Bodies the schema refuses: sent untyped, on purpose. */
  const putRaw = (body: unknown) => fx.server.call('PUT', '/api/v1/settings/compliance-report', { token: fx.tokens.sys, body });

  it('keeps a schedule and recipients that only a system administrator changes, refusing bad addresses by name', async () => {
    expect(await ok(settings().$get())).toEqual({ every: 'weekly', recipients: [] });
    const bad = await refused(settings().$put({ json: { every: 'weekly', recipients: ['office@lakeview.test', 'not-an-address'] } }), 400);
    expect(JSON.stringify(bad.issues)).toContain('recipients');
    await refused(settings().$put({ json: { every: 'weekly', recipients: ['a@x.test', 'A@x.test'] } }), 400);
    expect((await putRaw({ every: 'hourly', recipients: [] })).status).toBe(400);
    expect(await ok(settings().$get())).toEqual({ every: 'weekly', recipients: [] });
    await refused(settings(fx.tokens.orgAdmin).$put({ json: { every: 'daily', recipients: ['office@lakeview.test'] } }), 403);
    await refused(settings(fx.tokens.reporter).$get(), 403);
    const saved = await ok(settings().$put({ json: { every: 'daily', recipients: ['office@lakeview.test'] } }));
    expect(saved).toEqual({ every: 'daily', recipients: ['office@lakeview.test'] });
    const audit = await ok(sys().audit.$get({ query: { action: 'settings.update' } }));
    expect(audit.entries[0]).toMatchObject({ before: { every: 'weekly' }, after: { every: 'daily' } });
  });

  it('produces one report per period, stored as HTML and CSV, with its deliveries queued in the same step', async () => {
    await ok(settings().$put({ json: { every: 'daily', recipients: ['office@lakeview.test'] } }));
    // A hostile pool name is data in the HTML, never markup.
    await ok(sys().pools[':id'].$patch({ param: { id: 'p_wc' }, json: { name: '<img src=x onerror=alert(1)>' } }));
    const destinations = { smtp: true, webhookUrl: 'https://hooks.lakeview.test/seatwise' };
    const first = await produceDueReport(fx.server.engine, destinations);
    expect(first).toMatch(/^rpt_/);
    expect(await produceDueReport(fx.server.engine, destinations)).toBeNull();

    const listed = (await ok(sys()['compliance-reports'].$get())).reports;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: first, period: fx.server.clock.current.toISOString().slice(0, 10), summary: { pools: 1 } });
    expect(listed[0]!.deliveries.map((d) => [d.channel, d.status]).sort()).toEqual([['email', 'pending'], ['webhook', 'pending']]);
    expect(JSON.stringify(listed)).not.toContain('hooks.lakeview.test'); // a webhook URL may carry a secret

    const stored = sys()['compliance-reports'][':id'];
    const html = await stored.html.$get({ param: { id: first! } });
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await html.text();
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img');
    const csv = await stored.csv.$get({ param: { id: first! } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\n')[0]).toContain('Pool name');

    const rows = await fx.server.engine.db.select().from(webhookDeliveries);
    expect(rows.map((r) => r.url).sort()).toEqual(['https://hooks.lakeview.test/seatwise', 'mailto:office@lakeview.test']);

    fx.server.clock.advanceDays(1);
    expect(await produceDueReport(fx.server.engine, destinations)).toMatch(/^rpt_/);
    expect((await ok(sys()['compliance-reports'].$get())).reports).toHaveLength(2);
  });

  it('produces nothing when switched off, and shows reports to system administrators only', async () => {
    await ok(settings().$put({ json: { every: 'off', recipients: [] } }));
    expect(await produceDueReport(fx.server.engine, { smtp: false })).toBeNull();
    await refused(fx.server.api(fx.tokens.orgAdmin)['compliance-reports'].$get(), 403);
    await refused(sys()['compliance-reports'][':id'].html.$get({ param: { id: 'rpt_nope' } }), 404);
  });
});
