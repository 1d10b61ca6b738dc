import type { AlertView } from '../api/types.ts';
import { describe, expect, it } from 'vitest';
import { createFakeBackend, tick } from '../testing/fake-backend.ts';
import { dashboard, session, userDetail } from '../testing/fixtures.ts';
import { createPopupState } from './popup-state.ts';

const alertsView = { alerts: [{ id: 'renewal:p2', kind: 'renewal', severity: 'warning', message: 'weCLIMB pool p2 ends in 21 days', subject: { type: 'pool', id: 'p2' }, orgId: 'o1', raisedAt: '2026-06-01T00:00:00Z', acknowledged: false }], unacknowledged: 1 } as never;
const alert = (orgId: string | null): AlertView => ({ ...(alertsView as { alerts: AlertView[] }).alerts[0]!, orgId });

function setup(overrides = {}) {
  const backend = createFakeBackend({
    'session.get': session('online'),
    'dashboard.get': { data: dashboard(), fetchedAt: 5_000, stale: false },
    'alerts.get': alertsView,
    'report.get': { data: { pools: [], recommendations: [{ kind: 'reclaim', severity: 'warning', message: 'Reclaim 14 inactive weCLIMB seats', poolId: 'p2', count: 14, users: [], fromPoolId: null }] }, fetchedAt: 0, stale: false },
    ...overrides,
  });
  const state = createPopupState(backend, { now: () => 42, wallClock: () => 10_000 });
  return { backend, state };
}

describe('createPopupState', () => {
  it('derives one view per SKU with state words, usage tone and days left', async () => {
    const { state } = setup();
    await state.load();
    expect(state.products.value.map((p) => [p.label, p.assigned, p.total, p.available, p.stateLabel, p.usageTone, p.daysText])).toEqual([
      ['eLearn', 92, 100, 8, 'Active', 'warn', '200 days left'],
      ['weCLIMB', 50, 50, 0, 'Expiring', 'bad', '21 days left'],
      ['Combined', 0, 0, 0, 'No pool', 'muted', 'No pool'],
    ]);
    // One pool: no list. Two: each with its own state, the pilot's grace told as the days access still lasts.
    expect(state.products.value[0]!.pools).toEqual([]);
    expect(state.products.value[1]!.pools.map((p) => [p.name, p.stateLabel, p.daysText])).toEqual([
      ['District weCLIMB', 'Expiring', '21 days left'],
      ['Riverside pilot', 'In grace', '18 days of grace left'],
    ]);
    expect(state.recommendations.value?.[0]?.message).toBe('Reclaim 14 inactive weCLIMB seats');
    // An org admin acknowledges alerts of its own organizations, not the district's or another's.
    expect(state.canAcknowledge.value(alert('o1'))).toBe(true);
    expect(state.canAcknowledge.value(alert('district-above'))).toBe(false);
    expect(state.canAcknowledge.value(alert(null))).toBe(false);
    expect(state.firstNumbers.value).toEqual({ ms: 42, source: 'cache' });
  });

  it('says how many platform changes wait to reach Seatwise, and follows the background as the number changes', async () => {
    const { state } = setup({ 'outbox.get': { waiting: 2 } });
    await state.load();
    expect(state.outboxWaiting.value).toBe(2);
    state.onPush({ type: 'outbox', waiting: 0 });
    expect(state.outboxWaiting.value).toBe(0);
  });

  it('shows the signed-out state and asks for nothing else', async () => {
    const { state, backend } = setup({ 'session.get': session('signed_out') });
    await state.load();
    expect(state.signedIn.value).toBe(false);
    expect(state.loading.value).toBe(false);
    expect(backend.calls.map((c) => c.type)).toEqual(['session.get']);
  });

  it('keeps the failure in plain words when the server cannot be reached', async () => {
    const { state } = setup({ 'dashboard.get': { kind: 'unreachable', serverUrl: 'http://127.0.0.1:1', message: 'Cannot reach the server at http://127.0.0.1:1.' } });
    await state.load();
    expect(state.failure.value?.message).toBe('Cannot reach the server at http://127.0.0.1:1.');
    expect(state.loading.value).toBe(false);
  });

  it('re-reads the numbers when a live change arrives, and follows connection pushes', async () => {
    const { state, backend } = setup();
    state.start();
    await tick();
    const next = dashboard();
    next.products[0]!.assigned = 93;
    backend.answer('dashboard.get', { data: next, fetchedAt: 11_000, stale: false });
    backend.push({ type: 'changed', changes: [] });
    await tick();
    expect(state.products.value[0]!.assigned).toBe(93);
    backend.push({ type: 'connection', state: { status: 'revoked', message: 'no' } });
    expect(state.status.value).toBe('revoked');
  });

  it('lets admins acknowledge an alert; reporters cannot', async () => {
    const { state, backend } = setup({ 'alerts.ack': { alerts: [], unacknowledged: 0 } });
    await state.load();
    await state.acknowledge('renewal:p2');
    expect(backend.calls.at(-1)).toEqual({ type: 'alerts.ack', payload: { id: 'renewal:p2' } });
    expect(state.openAlerts.value).toEqual([]);
    const reporter = setup({ 'session.get': session('online', 'reporter') });
    await reporter.state.load();
    expect(reporter.state.canAcknowledge.value(alert('o1'))).toBe(false);
  });

  it('looks a user up by email and validates what was typed', async () => {
    const { state } = setup({ 'users.find': { data: userDetail(), fetchedAt: 1, stale: false } });
    state.lookup.query.value = 'pat@';
    expect(state.lookup.validation.value).toBe('Enter a full email address.');
    state.lookup.query.value = 'pat@district.org';
    await state.lookup.submit();
    expect(state.lookup.status.value).toBe('found');
    expect(state.lookup.detail.value?.access[1]?.reason).toMatch(/Waiting/);
    const missing = setup({ 'users.find': null });
    missing.state.lookup.query.value = 'nobody@district.org';
    await missing.state.lookup.submit();
    expect(missing.state.lookup.status.value).toBe('not_found');
  });
});
