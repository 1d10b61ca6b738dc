import { describe, expect, it } from 'vitest';
import { raiseAlerts } from '../alerts/raise.ts';
import { startBackground } from '../background/index.ts';
import { createTestServer, seedFixture, useFixture } from '../testing/test-server.ts';
import { ok, refused } from '../testing/typed-client.ts';
import { webhookReceiver } from '../testing/webhook-receiver.ts';

const DEFAULTS = { renewalDays: [90, 60, 30, 7], usagePct: 90 };

describe('alert settings through HTTP: webhook, thresholds, send test', () => {
  const fx = useFixture({
    // 6 of 10 seats taken (60 %), ending in 50 days (inside the 60-day reminder).
    pools: [{ id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 10, endsInDays: 50 }],
    users: Array.from({ length: 6 }, (_, i) => ({ email: `l${i}@s1.test`, orgIds: ['s1'], roles: ['learner' as const] })),
  });
  const settings = (token = fx.tokens.sys) => fx.server.api(token).settings.alerts;
  const putRaw = (body: unknown) => fx.server.call('PUT', '/api/v1/settings/alerts', { token: fx.tokens.sys, body });
  const poolAlerts = async () => (await ok(fx.server.api(fx.tokens.sys).alerts.$get())).alerts.filter((a) => a.subject.id === 'p_el').map((a) => a.kind).sort();

  it('shows the webhook to system administrators only, the thresholds to admins, nothing to readers', async () => {
    expect(await ok(settings().$get())).toEqual({ ...DEFAULTS, webhook: { url: null, environmentDefault: false, source: 'none' }, editable: true });
    expect(await ok(settings(fx.tokens.orgAdmin).$get())).toEqual({ ...DEFAULTS, webhook: null, editable: false });
    await refused(settings(fx.tokens.reporter).$get(), 403);
    await refused(settings(fx.tokens.orgAdmin).$put({ json: { webhookUrl: null, renewalDays: [7], usagePct: 80 } }), 403);
    await refused(settings(fx.tokens.orgAdmin).test.$post(), 403);
  });

  it('refuses bad input naming the field and changes nothing', async () => {
    const before = await ok(settings().$get());
    const cases: [unknown, string][] = [
      [{ webhookUrl: 'ftp://hooks.test/x', renewalDays: [90], usagePct: 90 }, 'webhookUrl'],
      [{ webhookUrl: 'not a url', renewalDays: [90], usagePct: 90 }, 'webhookUrl'],
      [{ webhookUrl: null, renewalDays: [45], usagePct: 90 }, 'renewalDays'],
      [{ webhookUrl: null, renewalDays: [7, 7], usagePct: 90 }, 'renewalDays'],
      [{ webhookUrl: null, renewalDays: [7], usagePct: 120 }, 'usagePct'],
      [{ webhookUrl: null, renewalDays: [7], usagePct: 72.5 }, 'usagePct'],
      [{ webhookUrl: null, renewalDays: [7], usagePct: 90, extra: 1 }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await putRaw(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as { error: { message: string } }).error.message, JSON.stringify(body)).toContain(field);
    }
    expect(await ok(settings().$get())).toEqual(before);
  });

  it('the alert policy reads the thresholds set: usage from the share given, renewal only at the days chosen', async () => {
    expect(await poolAlerts()).toEqual(['renewal']);
    const saved = await ok(settings().$put({ json: { webhookUrl: null, renewalDays: [7, 30], usagePct: 60 } }));
    expect(saved).toMatchObject({ renewalDays: [30, 7], usagePct: 60 });
    // 50 days left is past no chosen reminder; 60 % assigned reaches the new share.
    expect(await poolAlerts()).toEqual(['usage']);
    const usage = (await ok(fx.server.api(fx.tokens.sys).alerts.$get())).alerts.find((a) => a.kind === 'usage');
    expect(usage?.message).toContain('60% assigned: 4 seats left');
    // The scan that raises alerts (and sends them to the webhook) reads the same settings.
    expect((await raiseAlerts(fx.server.engine)).filter((a) => a.subject.id === 'p_el').map((a) => a.kind)).toEqual(['usage']);
    const audit = await ok(fx.server.api(fx.tokens.sys).audit.$get({ query: { action: 'settings.update' } }));
    expect(audit.entries[0]).toMatchObject({ subjectId: 'alerts', before: { usagePct: 90 }, after: { usagePct: 60 } });
  });

  it('"send test" posts to the webhook in force through the delivery path and says how it went', async () => {
    expect((await refused(settings().test.$post(), 400)).message).toContain('no webhook URL is set');
    const hook = await webhookReceiver((n, _req, res) => res.writeHead(n === 1 ? 204 : 500).end());
    try {
      await ok(settings().$put({ json: { webhookUrl: hook.url, renewalDays: [90], usagePct: 90 } }));
      expect(await ok(settings().test.$post())).toEqual({ source: 'setting', delivered: true, status: 204, error: null });
      expect(hook.bodies).toEqual([expect.objectContaining({ type: 'test', sentBy: 'sys@staff.test' })]);
      expect(await ok(settings().test.$post())).toEqual({ source: 'setting', delivered: false, status: 500, error: 'HTTP 500' });
    } finally {
      await hook.close();
    }
    // Nobody listening: the failure in words, not a 500.
    const refusedHere = await ok(settings().test.$post());
    expect(refusedHere).toMatchObject({ delivered: false, status: null });
    expect(refusedHere.error).toMatch(/ECONNREFUSED|fetch failed/);
    const audit = await ok(fx.server.api(fx.tokens.sys).audit.$get({ query: { action: 'webhook.test' } }));
    expect(audit.entries.map((e) => (e.after as { ok: boolean }).ok)).toEqual([false, false, true]);
  });
});

describe('the stored webhook and ALERT_WEBHOOK_URL', () => {
  it('the environment is the default, a stored URL replaces it, clearing it falls back; the background delivers to the one in force', async () => {
    const fromEnv = await webhookReceiver();
    const stored = await webhookReceiver();
    const server = await createTestServer({ alertWebhookUrl: fromEnv.url });
    const background = { stop: async () => {} };
    try {
      const { tokens } = await seedFixture(server, { pools: [{ id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 5, endsInDays: 20 }] });
      const settings = server.api(tokens.sys).settings.alerts;
      expect((await ok(settings.$get())).webhook).toEqual({ url: null, environmentDefault: true, source: 'environment' });
      expect(await ok(settings.test.$post())).toMatchObject({ source: 'environment', delivered: true });
      expect(fromEnv.bodies.map((b) => b.type)).toEqual(['test']);

      expect((await ok(settings.$put({ json: { webhookUrl: stored.url, renewalDays: [90, 60, 30, 7], usagePct: 90 } }))).webhook).toEqual({ url: stored.url, environmentDefault: true, source: 'setting' });
      // The background's alert scan reads the setting: the pool's renewal alert goes to the stored URL, not the environment's.
      Object.assign(background, startBackground(server.engine, { webhookUrl: fromEnv.url, alertScanEveryMs: 50, snapshotEveryMs: 3_600_000, reportCheckEveryMs: 3_600_000 }));
      await expect.poll(() => stored.bodies.map((b) => b.type), { timeout: 10_000 }).toContain('alert');
      expect(stored.bodies.find((b) => b.type === 'alert')?.alert).toMatchObject({ kind: 'renewal', subject: { id: 'p_wc' } });
      expect(fromEnv.bodies.map((b) => b.type)).toEqual(['test']);

      expect((await ok(settings.$put({ json: { webhookUrl: null, renewalDays: [90, 60, 30, 7], usagePct: 90 } }))).webhook).toMatchObject({ url: null, source: 'environment' });
    } finally {
      await background.stop();
      server.close();
      await fromEnv.close();
      await stored.close();
    }
  });
});
