import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertView } from '@seatwise/shared';
import { createTestServer, seedFixture, type TestServer } from '../testing/test-server.ts';
import { ok } from '../testing/typed-client.ts';
import { raiseAlerts } from './raise.ts';

describe('alerts', () => {
  let server: TestServer;
  let tokens: Awaited<ReturnType<typeof seedFixture>>['tokens'];
  let ids: Record<string, string>;
  const alerts = async (token = tokens.sys) => (await ok(server.api(token).alerts.$get())).alerts;
  const renewal = (list: AlertView[], poolId: string) => list.find((a) => a.subject.id === poolId && ['renewal', 'grace', 'expired'].includes(a.kind));

  beforeEach(async () => {
    server = await createTestServer();
    ({ tokens, userIds: ids } = await seedFixture(server, {
      pools: [
        { id: 'p95', orgId: 'd1', sku: 'elearn', seats: 3, endsInDays: 95 },
        { id: 'p85', orgId: 'd1', sku: 'weclimb', seats: 2, endsInDays: 85 },
        { id: 'p25', orgId: 'd2', sku: 'weclimb', seats: 3, endsInDays: 25 },
        { id: 'p5', orgId: 'd2', sku: 'combined', seats: 3, endsInDays: 5, graceDays: 10 },
      ],
      users: [
        { email: 'ann@s1.test', orgIds: ['s1'], roles: ['observer'] },
        { email: 'bob@s1.test', orgIds: ['s1'], roles: ['observer'] },
        { email: 'cat@s2.test', orgIds: ['s2'] },
        { email: 'dan@s3.test', orgIds: ['s3'], roles: ['observer'] },
      ],
    }));
  });
  afterEach(() => server.close());

  it('raises renewal alerts at 90, 60, 30 and 7 days, then grace and expiry', async () => {
    let list = await alerts();
    expect(renewal(list, 'p95')).toBeUndefined();
    expect(renewal(list, 'p85')).toMatchObject({ kind: 'renewal', severity: 'info', id: expect.stringMatching(/:90$/) });
    expect(renewal(list, 'p25')).toMatchObject({ kind: 'renewal', severity: 'warning', id: expect.stringMatching(/:30$/) });
    expect(renewal(list, 'p5')).toMatchObject({ kind: 'renewal', severity: 'critical', id: expect.stringMatching(/:7$/) });
    server.clock.advanceDays(26);
    list = await alerts();
    expect(renewal(list, 'p95')).toMatchObject({ id: expect.stringMatching(/:90$/) });
    expect(renewal(list, 'p85')).toMatchObject({ id: expect.stringMatching(/:60$/) });
    expect(renewal(list, 'p25')).toMatchObject({ kind: 'grace', severity: 'critical' });
    expect(renewal(list, 'p5')).toMatchObject({ kind: 'expired', severity: 'critical' });
  });

  it('flags pools at ≥ 90 % assigned, waiting users and refusals, each only in scope', async () => {
    // p85 holds 2 of 2 seats; cat's host-side Observer role waits; a Seatwise grant is refused.
    expect((await server.call('PUT', `/api/v1/users/${ids['cat@s2.test']}/roles`, { token: tokens.sys, body: { roles: ['observer'], source: 'host' } })).status).toBe(200);
    const fay = await ok(server.api(tokens.sys).users.$post({ json: { email: 'fay@s1.test', firstName: 'Fay', lastName: 'F', orgIds: ['s1'] } }), 201);
    expect((await server.call('PUT', `/api/v1/users/${fay.user.id}/roles/observer`, { token: tokens.sys })).status).toBe(409);
    const list = await alerts(tokens.orgAdmin);
    const kinds = list.filter((a) => a.subject.id === 'p85').map((a) => a.kind).sort();
    expect(kinds).toEqual(['refusals', 'renewal', 'usage', 'waiting']);
    expect(list.find((a) => a.kind === 'refusals')).toMatchObject({ severity: 'warning', orgId: 'd1', acknowledged: false });
    expect(list.some((a) => a.subject.id === 'p25' || a.subject.id === 'p5')).toBe(false);
    expect((await alerts(tokens.otherAdmin)).some((a) => a.orgId === 'd1')).toBe(false);
    expect(list.find((a) => a.subject.id === 'p95' && a.kind === 'usage')).toBeUndefined(); // 0 of 3
    const dash = await ok(server.api(tokens.orgAdmin).dashboard.$get({ query: {} }));
    expect(dash.alerts.map((a) => a.id)).toEqual(list.map((a) => a.id));
  });

  it('acknowledges for admins only, audited, and keeps other districts out', async () => {
    const alert = renewal(await alerts(tokens.orgAdmin), 'p85')!;
    const path = `/api/v1/alerts/${encodeURIComponent(alert.id)}/ack`;
    expect((await server.call('POST', path, { token: tokens.reporter })).status).toBe(403);
    expect((await server.call('POST', path, { token: tokens.otherAdmin })).status).toBe(404);
    const ack = await ok(server.api(tokens.orgAdmin).alerts[':id'].ack.$post({ param: { id: alert.id } }));
    expect(ack).toMatchObject({ id: alert.id, acknowledged: true });
    expect(renewal(await alerts(tokens.sys), 'p85')!.acknowledged).toBe(true);
    expect((await server.call('POST', path, { token: tokens.orgAdmin })).status).toBe(200); // idempotent
    const audit = await ok(server.api(tokens.sys).audit.$get({ query: { action: 'alert.ack' } }));
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ subjectId: alert.id, orgId: 'd1', after: { acknowledged: true } });
  });

  it('raises each alert once across scans, clears it when its condition ends, and raises the next threshold', async () => {
    const first = await raiseAlerts(server.engine);
    expect(first.map((a) => a.id)).toContain(renewal(await alerts(), 'p85')!.id);
    expect(await raiseAlerts(server.engine)).toEqual([]);
    const audit = await ok(server.api(tokens.sys).audit.$get({ query: { action: 'alert.raise', limit: '500' } }));
    expect(audit.entries).toHaveLength(first.length);
    server.clock.advanceDays(26); // p85: 90 → 60 days
    const next = await raiseAlerts(server.engine);
    expect(next.map((a) => a.id)).toContain(renewal(await alerts(), 'p85')!.id);
    expect(next.find((a) => a.subject.id === 'p85' && a.kind === 'renewal')?.id).toMatch(/:60$/);
  });
});
