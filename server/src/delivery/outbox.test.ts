import { eq } from 'drizzle-orm';
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { raiseAlerts } from '../alerts/raise.ts';
import { webhookDeliveries } from '../db/schema.ts';
import { createTestServer, seedFixture, type TestServer } from '../testing/test-server.ts';
import { ok } from '../testing/typed-client.ts';
import { webhookReceiver } from '../testing/webhook-receiver.ts';
import { OutboxDelivery } from './outbox.ts';

describe('alert webhook', () => {
  let server: TestServer;
  let tokens: Awaited<ReturnType<typeof seedFixture>>['tokens'];
  let ids: Record<string, string>;

  beforeEach(async () => {
    server = await createTestServer();
    ({ tokens, userIds: ids } = await seedFixture(server, {
      pools: [{ id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 5, endsInDays: 20 }],
      users: [{ email: 'ann@s1.test', orgIds: ['s1'] }],
    }));
  });
  afterEach(() => server.close());

  it('retries with backoff until the receiver accepts, auditing every attempt', async () => {
    const hook = await webhookReceiver((n, _req, res) => res.writeHead(n <= 2 ? 503 : 204).end());
    try {
      const raised = await raiseAlerts(server.engine, { webhookUrl: hook.url });
      expect(raised.map((a) => a.kind)).toEqual(['renewal']);
      const delivery = new OutboxDelivery(server.engine, undefined, { baseDelayMs: 5, pollMs: 5 });
      // Drain until delivered; backoff makes early drains find nothing due, so this loops a few times.
      let row = await server.database.db.select().from(webhookDeliveries).get();
      for (let i = 0; i < 1000 && row?.status === 'pending'; i++) {
        await delivery.drain();
        await new Promise((r) => setTimeout(r, 5));
        row = await server.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, row.id)).get();
      }
      expect(row).toMatchObject({ status: 'delivered', attempts: 3, lastError: null });
      expect(hook.bodies).toHaveLength(3);
      expect(hook.bodies[0]).toEqual({ type: 'alert', alert: { ...raised[0], acknowledged: false } });
      const audit = await ok(server.api(tokens.sys).audit.$get({ query: { action: 'webhook.attempt' } }));
      expect(audit.entries.map((e) => e.after).reverse()).toEqual([
        expect.objectContaining({ attempt: 1, ok: false, httpStatus: 503 }),
        expect.objectContaining({ attempt: 2, ok: false, httpStatus: 503 }),
        expect.objectContaining({ attempt: 3, ok: true, httpStatus: 204 }),
      ]);
      expect(audit.entries.every((e) => e.subjectId === raised[0]!.id)).toBe(true);
    } finally {
      await hook.close();
    }
  });

  it('gives up after the last attempt, and never holds up a license change while a receiver hangs', async () => {
    const hung: ServerResponse[] = [];
    const hook = await webhookReceiver((_n, _req, res) => hung.push(res));
    try {
      await raiseAlerts(server.engine, { webhookUrl: hook.url });
      const delivery = new OutboxDelivery(server.engine, undefined, { maxAttempts: 1, timeoutMs: 30_000 });
      const draining = delivery.drain();
      while (hook.bodies.length === 0) await new Promise((r) => setTimeout(r, 5)); // the POST is in flight
      const grant = await server.call('PUT', `/api/v1/users/${ids['ann@s1.test']}/roles/observer`, { token: tokens.sys });
      expect(grant.status).toBe(200);
      expect(hung).toHaveLength(1);
      hung[0]!.writeHead(500).end();
      expect(await draining).toBe(1);
      const row = await server.database.db.select().from(webhookDeliveries).get();
      expect(row).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 500' });
    } finally {
      await hook.close();
    }
  });
});
