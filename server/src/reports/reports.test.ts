import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsReportSchema, complianceReportSchema, historyReportSchema, inactiveReportSchema, usageReportSchema, type UsageReport } from '@seatwise/shared';
import type { z } from 'zod';
import { createTestServer, seedFixture, useFixture, type TestServer } from '../testing/test-server.ts';
import { bodyAs, errorBody } from '../testing/typed-body.ts';
import { ok } from '../testing/typed-client.ts';
import { takeMissingSnapshots } from './usage-snapshot.ts';

/**
 * One hand-built district, walked through time: a weCLIMB pool of d1 that
 * ends on day 40 and expires after 30 days of grace, an eLearn pool, and a
 * weCLIMB pool of d2. Steps run in order; each checks the reports' numbers.
 */
describe('reports over a hand-built scenario', () => {
  let server: TestServer;
  let tokens: Awaited<ReturnType<typeof seedFixture>>['tokens'];
  let ids: Record<string, string>;
  /** A report by its path (the tests read many filters), parsed with the report's shared schema. */
  const get = async <S extends z.ZodType>(path: string, schema: S, token = tokens.sys) => {
    const res = await server.call('GET', path, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return bodyAs(res, schema);
  };
  /** Every page of a JSON report, following nextCursor. */
  const allRows = async <R>(path: string, schema: z.ZodType<{ rows: R[]; nextCursor: string | null }>, token = tokens.sys) => {
    const rows: R[] = [];
    let cursor: string | null = null;
    do {
      const body: { rows: R[]; nextCursor: string | null } = await get(`${path}${path.includes('?') ? '&' : '?'}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, schema, token);
      rows.push(...body.rows);
      cursor = body.nextCursor;
    } while (cursor);
    return rows;
  };
  const csv = async (path: string, token = tokens.sys) => {
    const [route, query] = path.split('?');
    const res = await server.call('GET', `${route}/export.csv${query ? `?${query}` : ''}`, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="seatwise-[A-Za-z0-9_-]+-\d{4}-\d{2}-\d{2}\.csv"$/);
    return parse(res.body as string, { columns: true }) as Record<string, string>[];
  };

  beforeAll(async () => {
    server = await createTestServer();
    ({ tokens, userIds: ids } = await seedFixture(server, {
      pools: [
        { id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 2, endsInDays: 40, graceDays: 30 },
        { id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 10, endsInDays: 300 },
        { id: 'p_d2', orgId: 'd2', sku: 'weclimb', seats: 5, endsInDays: 300 },
      ],
      users: [
        { email: 'ann@s1.test', orgIds: ['s1'], roles: ['observer'], firstName: '=HYPERLINK("http://x")', lastName: 'O\'Brien, "Jr"' },
        { email: 'bob@s1.test', orgIds: ['s1'], roles: ['learner'], firstName: 'Bob', lastName: 'Line\nBreak' },
        { email: 'cat@s2.test', orgIds: ['s2'], roles: ['observer', 'learner'] },
        { email: 'dan@s3.test', orgIds: ['s3'], roles: ['observer'] },
        { email: 'eve@s2.test', orgIds: ['s2'], roles: ['observer'] },
        { email: 'fay@s1.test', orgIds: ['s1'] },
      ],
    }));
    // Fay asks Seatwise for a weCLIMB seat: the pool is full, so it is refused (and audited).
    expect((await server.call('PUT', `/api/v1/users/${ids['fay@s1.test']}/roles/observer`, { token: tokens.sys })).status).toBe(409);
    expect((await server.call('POST', '/api/v1/activity', { token: tokens.sys, body: { events: [{ email: 'ann@s1.test', product: 'weclimb', at: server.clock.current.toISOString() }] } })).status).toBe(200);
  });
  afterAll(() => server.close());

  it('claims: who got which license, scoped, filtered, paginated', async () => {
    const all = await get('/api/v1/reports/claims', claimsReportSchema);
    expect(all.total).toBe(5); // ann wc, bob el, cat wc + el, dan wc; eve waits, fay was refused
    const rows = await allRows('/api/v1/reports/claims', claimsReportSchema);
    expect(rows.map((r) => `${r.email}:${r.product}:${r.poolId}`).sort()).toEqual(['ann@s1.test:weclimb:p_wc', 'bob@s1.test:elearn:p_el', 'cat@s2.test:elearn:p_el', 'cat@s2.test:weclimb:p_wc', 'dan@s3.test:weclimb:p_d2']);
    expect(rows.every((r) => r.how === 'host_sync')).toBe(true);
    expect((await get('/api/v1/reports/claims?product=weclimb', claimsReportSchema)).total).toBe(3);
    expect((await get('/api/v1/reports/claims?orgId=s2', claimsReportSchema)).total).toBe(2);
    expect((await get('/api/v1/reports/claims', claimsReportSchema, tokens.orgAdminS1)).total).toBe(2);
    const other = await allRows('/api/v1/reports/claims', claimsReportSchema, tokens.otherAdmin);
    expect(other.map((r) => r.email)).toEqual(['dan@s3.test']);
    expect((await server.call('GET', '/api/v1/reports/claims?orgId=s1', { token: tokens.otherAdmin })).status).toBe(404);
    expect((await server.call('GET', '/api/v1/reports/claims?cursor=nonsense', { token: tokens.sys })).status).toBe(400);
  });

  it('CSV lives only on the export routes: a JSON report refuses a format, an export refuses paging', async () => {
    const asked = await server.call('GET', '/api/v1/reports/claims?format=csv', { token: tokens.sys });
    expect(asked.status).toBe(400);
    expect(errorBody(asked).message).toMatch(/format/);
    expect((await server.call('GET', '/api/v1/reports/claims/export.csv?limit=5', { token: tokens.sys })).status).toBe(400);
    expect((await server.call('GET', '/api/v1/audit?format=csv', { token: tokens.sys })).status).toBe(400);
  });

  it('claims CSV parses back to the JSON rows, with hostile names quoted and defused', async () => {
    const json = await allRows('/api/v1/reports/claims', claimsReportSchema, tokens.orgAdmin);
    const rows = await csv('/api/v1/reports/claims', tokens.orgAdmin);
    expect(rows.map((r) => [r['Claimed at'], r.Email, r.Product, r.Pool, r.How])).toEqual(json.map((r) => [r.at, r.email, r.product, r.poolId, r.how]));
    const ann = rows.find((r) => r.Email === 'ann@s1.test')!;
    expect(ann['First name']).toBe('\'=HYPERLINK("http://x")');
    expect(ann['Last name']).toBe('O\'Brien, "Jr"');
    expect(rows.find((r) => r.Email === 'bob@s1.test')!['Last name']).toBe('Line\nBreak');
    expect(rows.some((r) => r.Email === 'dan@s3.test')).toBe(false);
  });

  it('inactive: never-seen first, windows of 30/60/90 days, scoped', async () => {
    const now = await get('/api/v1/reports/inactive', inactiveReportSchema);
    expect(now.rows.map((r) => `${r.email}:${r.product}`).sort()).toEqual(['bob@s1.test:elearn', 'cat@s2.test:elearn', 'cat@s2.test:weclimb', 'dan@s3.test:weclimb']);
    // Never seen, licensed 45 days ago: idle for 45 days (counted from the license's start).
    expect(now.rows.every((r) => r.lastActiveAt === null && r.daysInactive === 45)).toBe(true);
    expect((await server.call('GET', '/api/v1/reports/inactive?days=45', { token: tokens.sys })).status).toBe(400);
    expect((await get('/api/v1/reports/inactive', inactiveReportSchema, tokens.otherAdmin)).rows.map((r) => r.email)).toEqual(['dan@s3.test']);
  });

  it('compliance: per pool status and concrete recommendations', async () => {
    const body = await get('/api/v1/reports/compliance', complianceReportSchema);
    const wc = body.pools.find((p) => p.poolId === 'p_wc');
    expect(wc).toMatchObject({ state: 'expiring', seats: 2, assigned: 2, available: 0, usagePct: 100, daysLeft: 40, activeUsers: 1, utilizationPct: 50, inactiveAssignments: 1, waiting: 1, refusals30d: 1 });
    const recs = body.recommendations.filter((r) => r.poolId === 'p_wc');
    expect(recs.map((r) => r.kind).sort()).toEqual(['add_seats', 'rebalance', 'reclaim', 'renew']);
    expect(recs.find((r) => r.kind === 'renew')).toMatchObject({ count: 40 });
    expect(recs.find((r) => r.kind === 'reclaim')).toMatchObject({ count: 1, users: [{ email: 'cat@s2.test' }] });
    expect(recs.find((r) => r.kind === 'add_seats')).toMatchObject({ count: 1 }); // waiting eve + refused fay − reclaimable cat
    expect(recs.find((r) => r.kind === 'rebalance')).toMatchObject({ fromPoolId: 'p_d2', count: 2 });
    const d1 = await get('/api/v1/reports/compliance', complianceReportSchema, tokens.orgAdmin);
    expect(d1.pools.map((p) => p.poolId).sort()).toEqual(['p_el', 'p_wc']);
    expect(d1.recommendations.some((r) => r.kind === 'rebalance')).toBe(false); // the idle pool is d2's, not theirs to see
    const rows = await csv('/api/v1/reports/compliance');
    expect(rows.find((r) => r.Pool === 'p_wc')).toMatchObject({ State: 'expiring', Assigned: '2', Waiting: '1', 'Refusals (30 days)': '1' });
  });

  it('history: one user\'s license events, scoped', async () => {
    const fay = await get(`/api/v1/reports/history?userId=${ids['fay@s1.test']}`, historyReportSchema);
    expect(fay.rows[0]).toMatchObject({ action: 'license.refused', product: 'weclimb', poolId: 'p_wc', poolName: expect.any(String) });
    const cat = await allRows(`/api/v1/reports/history?userId=${ids['cat@s2.test']}`, historyReportSchema);
    expect(cat.filter((r) => r.action === 'license.assign').map((r) => r.product).sort()).toEqual(['elearn', 'weclimb']);
    expect((await csv(`/api/v1/reports/history?userId=${ids['cat@s2.test']}`)).map((r) => r.Action)).toEqual(cat.map((r) => r.action));
    expect((await server.call('GET', `/api/v1/reports/history?userId=${ids['cat@s2.test']}`, { token: tokens.otherAdmin })).status).toBe(404);
  });

  it('usage: today live, missed days filled once, across the end, grace and expiry', async () => {
    const today = await get('/api/v1/reports/usage', usageReportSchema);
    expect(today.points).toHaveLength(3); // no finished day yet: only today's live point per SKU
    expect(today.points.find((p) => p.sku === 'weclimb')).toMatchObject({ date: '2026-06-01', total: 7, assigned: 3, available: 4, activeUsers: 1, waiting: 1, snapshot: false });

    server.clock.advanceDays(41); // 2026-07-12: p_wc ended yesterday, now in grace
    expect(await takeMissingSnapshots(server.engine)).toHaveLength(41);
    expect(await takeMissingSnapshots(server.engine)).toHaveLength(0); // idempotent
    const grace = await get('/api/v1/reports/usage?from=2026-06-01&to=2026-07-12&sku=weclimb', usageReportSchema);
    expect(grace.points).toHaveLength(42);
    const at = (body: UsageReport, date: string) => body.points.find((p) => p.date === date);
    expect(at(grace, '2026-06-01')).toMatchObject({ total: 7, assigned: 3, activeUsers: 1, utilizationPct: 33.3, snapshot: true });
    expect(at(grace, '2026-06-30')).toMatchObject({ activeUsers: 1 }); // ann seen 2026-06-01 12:00, within 30 days of 06-30's end
    expect(at(grace, '2026-07-01')).toMatchObject({ activeUsers: 0 });
    expect(at(grace, '2026-07-12')).toMatchObject({ total: 7, assigned: 3, snapshot: false }); // grace still licenses

    const inactive = await get('/api/v1/reports/inactive?days=30', inactiveReportSchema);
    expect(inactive.rows.find((r) => r.email === 'ann@s1.test')).toMatchObject({ daysInactive: 41, lastActiveAt: '2026-06-01T12:00:00.000Z' });
    expect((await get('/api/v1/reports/inactive?days=60', inactiveReportSchema)).rows.some((r) => r.email === 'ann@s1.test')).toBe(false);
    const inGrace = await get('/api/v1/reports/compliance', complianceReportSchema);
    const renew = inGrace.recommendations.find((r) => r.poolId === 'p_wc' && r.kind === 'renew');
    expect(renew).toMatchObject({ severity: 'critical', count: 29 });
    // The compliance table says how much grace is left, as the popup does.
    expect(inGrace.pools.find((p) => p.poolId === 'p_wc')).toMatchObject({ state: 'grace', daysLeft: -1, graceDaysLeft: 29 });
    expect(inGrace.pools.filter((p) => p.poolId !== 'p_wc').every((p) => p.state === 'grace' || p.graceDaysLeft === null)).toBe(true);

    server.clock.advanceDays(30); // 2026-08-11: grace ran out on 08-10 12:00
    await takeMissingSnapshots(server.engine);
    const expired = await get('/api/v1/reports/usage?from=2026-08-09&to=2026-08-11&sku=weclimb', usageReportSchema);
    expect(expired.points.map((p) => [p.date, p.total, p.assigned])).toEqual([
      ['2026-08-09', 7, 3],
      ['2026-08-10', 5, 1],
      ['2026-08-11', 5, 1],
    ]);
    const d1 = await get('/api/v1/reports/usage?from=2026-08-09&to=2026-08-11&sku=weclimb', usageReportSchema, tokens.orgAdmin);
    expect(d1.points.map((p) => [p.total, p.waiting])).toEqual([[2, 1], [0, 1], [0, 1]]);
    const d2 = await get('/api/v1/reports/usage?from=2026-08-09&to=2026-08-11&sku=weclimb', usageReportSchema, tokens.otherAdmin);
    expect(d2.points.map((p) => [p.total, p.assigned, p.waiting])).toEqual([[5, 1, 0], [5, 1, 0], [5, 1, 0]]);
    const rows = await csv('/api/v1/reports/usage?from=2026-08-09&to=2026-08-11&sku=weclimb');
    expect(rows.map((r) => [r.Date, Number(r.Total), r['From snapshot']])).toEqual(expired.points.map((p) => [p.date, p.total, String(p.snapshot)]));
  });
});

describe('claims count seats as well as claim rows', () => {
  const fx = useFixture({
    pools: [
      { id: 'p_combined', orgId: 'd1', sku: 'combined', seats: 5, endsInDays: 200 },
      { id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 5, endsInDays: 200 },
    ],
    users: [
      { email: 'both@s1.test', orgIds: ['s1'], roles: ['learner', 'observer'] },
      { email: 'one@s1.test', orgIds: ['s1'], roles: ['learner'] },
    ],
  });

  it('a Combined seat is two claims (one per product) but one seat', async () => {
    const all = await ok(fx.server.api(fx.tokens.sys).reports.claims.$get({ query: {} }));
    expect(all).toMatchObject({ total: 3, seats: 2 });
    const combined = await ok(fx.server.api(fx.tokens.sys).reports.claims.$get({ query: { sku: 'combined' } }));
    expect(combined).toMatchObject({ total: 2, seats: 1 });
  });
});

describe('inactivity counts from the later of last use and the license start', () => {
  const fx = useFixture({
    pools: [{ id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 5, endsInDays: 200 }],
    users: [
      { email: 'old@s1.test', orgIds: ['s1'], roles: ['learner'] },
      { email: 'new@s1.test', orgIds: ['s1'] },
    ],
  });

  it('a license granted minutes ago is not inactive, not reclaimable and not counted', async () => {
    expect((await fx.server.call('PUT', `/api/v1/users/${fx.ids['new@s1.test']}/roles/learner`, { token: fx.tokens.sys })).status).toBe(200);
    const api = fx.server.api(fx.tokens.sys);
    expect((await ok(api.reports.inactive.$get({ query: {} }))).rows.map((r) => r.email)).toEqual(['old@s1.test']);
    const reclaim = (await ok(api.reports.compliance.$get({ query: {} }))).recommendations.find((r) => r.kind === 'reclaim');
    expect(reclaim!.users.map((u) => u.email)).toEqual(['old@s1.test']);
    expect((await ok(api.dashboard.$get({ query: {} }))).inactiveAssignments).toBe(1);
  });
});

describe('recommendation wording', () => {
  const fx = useFixture({
    pools: [{ id: 'p_one', orgId: 'd1', sku: 'weclimb', seats: 2, endsInDays: 1 }],
    users: [{ email: 'idle@s1.test', orgIds: ['s1'], roles: ['observer'] }],
  });

  it('agrees every count with its noun ("1 day", "1 seat", "1 user")', async () => {
    const { recommendations } = await ok(fx.server.api(fx.tokens.sys).reports.compliance.$get({ query: {} }));
    const text = recommendations.map((r) => r.message).join('\n');
    expect(text).toContain('within 1 day:');
    expect(text).toContain('with 1 user licensed');
    expect(text).toContain('Reclaim 1 inactive weCLIMB seat in');
    expect(text).not.toMatch(/\b1 (days|seats|users)\b/);
  });
});
