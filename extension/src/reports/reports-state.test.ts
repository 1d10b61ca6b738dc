import { describe, expect, it } from 'vitest';
import { createFakeBackend, tick } from '../testing/fake-backend.ts';
import { session } from '../testing/fixtures.ts';
import { createAuditState } from './audit-state.ts';
import { createReportsPageState } from './reports-state.ts';
import { toUsageSeries } from './usage-series.ts';

const claimsPage = (ids: number[], nextCursor: string | null) => ({ data: { total: 3, rows: ids.map((id) => ({ id })), nextCursor }, fetchedAt: 0, stale: false });

describe('createReportsPageState', () => {
  it('loads the selected report once, pages with the cursor and applies filters', async () => {
    const backend = createFakeBackend({ 'session.get': session(), 'report.get': ({ query }) => (query.cursor ? claimsPage([3], null) : claimsPage([1, 2], '2')) as never });
    const state = createReportsPageState(backend);
    state.start('claims');
    await tick();
    expect(state.reports.claims.rows.value).toEqual([{ id: 1 }, { id: 2 }]);
    await state.reports.claims.loadMore();
    expect(state.reports.claims.rows.value.map((r) => (r as { id: number }).id)).toEqual([1, 2, 3]);
    expect(state.reports.claims.nextCursor.value).toBeNull();
    state.reports.claims.setFilter('product', 'weclimb');
    await tick();
    expect(backend.calls.at(-1)).toEqual({ type: 'report.get', payload: { report: 'claims', query: { limit: '100', product: 'weclimb' } } });
    state.select('claims');
    expect(backend.calls.filter((c) => c.type === 'report.get')).toHaveLength(3);
  });

  it('refreshes the report shown when a live change arrives, and fetches CSV through the background', async () => {
    const backend = createFakeBackend({ 'session.get': session(), 'report.get': claimsPage([1], null) as never, 'report.csv': { filename: 'claims.csv', text: 'id\r\n1\r\n' } });
    const state = createReportsPageState(backend, { inactivityDays: 60 });
    state.start('claims');
    await tick();
    backend.push({ type: 'changed', changes: [] });
    await tick();
    expect(backend.calls.filter((c) => c.type === 'report.get')).toHaveLength(2);
    expect(await state.reports.claims.csv()).toEqual({ filename: 'claims.csv', text: 'id\r\n1\r\n' });
    expect(state.reports.inactive.query.value.days).toBe('60');
  });

  it('checks the audit chain and reports a refusal in words', async () => {
    const backend = createFakeBackend({ 'session.get': session(), 'audit.list': { entries: [], nextCursor: null } as never, 'audit.verify': { kind: 'api', status: 403, code: 'forbidden', message: 'only system administrators can verify the audit chain' } });
    const state = createReportsPageState(backend);
    state.start('audit');
    await state.reports.audit.checkChain();
    expect(state.reports.audit.verifyFailure.value?.message).toMatch(/only system administrators/);
  });
});

describe('report helpers', () => {
  it('aligns usage points per SKU by day', () => {
    const p = (date: string, sku: 'elearn' | 'weclimb', assigned: number) => ({ date, sku, assigned, total: 10, available: 10 - assigned, activeUsers: 0, utilizationPct: 0, waiting: 0, snapshot: true });
    const s = toUsageSeries([p('2026-06-02', 'elearn', 5), p('2026-06-01', 'elearn', 4), p('2026-06-02', 'weclimb', 7)]);
    expect(s.x).toEqual([Date.UTC(2026, 5, 1) / 1000, Date.UTC(2026, 5, 2) / 1000]);
    expect(s.assigned).toEqual({ elearn: [4, 5], weclimb: [null, 7], combined: [null, null] });
  });

  it('downloads the whole filtered audit log as the server\'s CSV', async () => {
    const asked: unknown[] = [];
    const backend = createFakeBackend({
      'audit.list': () => ({ entries: [], nextCursor: null }) as never,
      'audit.csv': ({ query }) => (asked.push(query), { filename: 'seatwise-audit.csv', text: 'seq\r\n' }),
    });
    const audit = createAuditState(backend);
    audit.setFilter('action', 'license.assign');
    await tick();
    expect(await audit.csv()).toEqual({ filename: 'seatwise-audit.csv', text: 'seq\r\n' });
    expect(asked).toEqual([expect.objectContaining({ action: 'license.assign' })]);
  });
});

describe('scheduled compliance reports on the Compliance tab', () => {
  const run = { id: 'rpt_1', period: '2026-W48', generatedAt: '2026-11-23T00:00:00.000Z', summary: { pools: 3, recommendations: 2, critical: 1, waiting: 0, inactiveAssignments: 4 }, deliveries: [] };

  it('lists them for a system administrator, once the session says who is signed in', async () => {
    const backend = createFakeBackend({ 'session.get': session('online', 'system_admin'), 'report.get': { data: { pools: [], recommendations: [] }, fetchedAt: 0, stale: false } as never, 'complianceReports.list': { reports: [run] } });
    const state = createReportsPageState(backend);
    state.start('compliance');
    await tick();
    expect(state.canSeeScheduled.value).toBe(true);
    expect(state.scheduled.runs.value).toEqual([run]);
  });

  it('asks nothing for anyone else (the reports are district-wide)', async () => {
    const backend = createFakeBackend({ 'session.get': session('online', 'org_admin'), 'report.get': { data: { pools: [], recommendations: [] }, fetchedAt: 0, stale: false } as never });
    const state = createReportsPageState(backend);
    state.start('compliance');
    await tick();
    expect(state.canSeeScheduled.value).toBe(false);
    expect(backend.calls.map((c) => c.type)).not.toContain('complianceReports.list');
  });
});
