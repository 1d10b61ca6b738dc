import { computed, signal } from '@preact/signals';
import { toFailure, type Failure } from '../api/failure.ts';
import type { AlertView, Dashboard, Recommendation } from '../api/types.ts';
import type { Cached } from '../background/cache.ts';
import { requestReport, type Backend } from '../messaging/client.ts';
import { cacheKeys, type AlertsView, type Push, type SessionInfo } from '../messaging/protocol.ts';
import { daysLeftText, POOL_STATE_LABELS, POOL_STATE_TONES, skuLabel, usageTone, type Tone } from '../ui/format.ts';
import { createLookupState } from './lookup-state.ts';

export interface SkuView {
  sku: Dashboard['products'][number]['product'];
  label: string;
  total: number;
  assigned: number;
  /** Seats reserved by Edit User holds: taken, not yet assigned. */
  held: number;
  available: number;
  usagePct: number;
  usageTone: Tone;
  stateLabel: string;
  stateTone: Tone;
  daysText: string;
  /** Each pool behind the headline, shown when there is more than one: "District pool: Active, 21 days left". */
  pools: { id: string; name: string; stateLabel: string; stateTone: Tone; daysText: string }[];
}

export const ALERTS_SHOWN = 3;

export interface Timing {
  ms: number;
  source: 'cache' | 'server';
}

/** The popup lists the most urgent few (the server sorts them); the reports page has them all. */
const RECOMMENDATIONS_SHOWN = 3;

/** The popup's state: session, dashboard, alerts, recommendations and the look-up; no rendering. */
export function createPopupState(backend: Backend, { now = () => performance.now(), wallClock = Date.now } = {}) {
  const session = signal<SessionInfo | null>(null);
  const dashboard = signal<Cached<Dashboard> | null>(null);
  const failure = signal<Failure | null>(null);
  const alerts = signal<AlertsView | null>(null);
  const recommendations = signal<Recommendation[] | null>(null);
  const acknowledging = signal<ReadonlySet<string>>(new Set());
  const firstNumbers = signal<Timing | null>(null);
  /** Platform changes waiting in the outbox to reach Seatwise. */
  const outboxWaiting = signal(0);
  const lookup = createLookupState(backend);

  const status = computed(() => session.value?.state.status ?? 'connecting');
  const signedIn = computed(() => session.value !== null && status.value !== 'signed_out');
  /**
   * Which alerts this admin may acknowledge: an acknowledgement holds for everyone who sees the
   * alert, so the server lets a scoped admin acknowledge only alerts about its own organizations.
   */
  const canAcknowledge = computed<(alert: AlertView) => boolean>(() => {
    const me = session.value?.me;
    if (!me?.canChange) return () => false;
    if (me.scope.all) return () => true;
    const mine = new Set(me.scope.orgs.map((o) => o.id));
    return (alert) => !!alert.orgId && mine.has(alert.orgId);
  });
  const loading = computed(() => status.value !== 'signed_out' && dashboard.value === null && failure.value === null);
  const products = computed<SkuView[]>(() =>
    (dashboard.value?.data.products ?? []).map((p) => ({
      sku: p.product,
      label: skuLabel(p.product),
      total: p.total,
      assigned: p.assigned,
      held: p.held,
      available: p.available,
      usagePct: p.usagePct,
      usageTone: usageTone(p.usagePct, p.total),
      stateLabel: p.state ? POOL_STATE_LABELS[p.state] : 'No pool',
      stateTone: p.state ? POOL_STATE_TONES[p.state] : 'muted',
      daysText: daysLeftText(p.daysLeft, p.state, p.pools.find((pool) => pool.endsAt === p.nextEndsAt && pool.state === p.state)?.graceDaysLeft ?? null),
      pools: p.pools.length > 1
        ? p.pools.map((pool) => ({ id: pool.poolId, name: pool.name, stateLabel: POOL_STATE_LABELS[pool.state], stateTone: POOL_STATE_TONES[pool.state], daysText: daysLeftText(pool.daysLeft, pool.state, pool.graceDaysLeft) }))
        : [],
    })),
  );
  const openAlerts = computed(() => (alerts.value?.alerts ?? []).filter((a) => !a.acknowledged));
  /** The popup shows the most severe few; the rest on request. */
  const showAllAlerts = signal(false);
  const visibleAlerts = computed(() => (showAllAlerts.value ? openAlerts.value : openAlerts.value.slice(0, ALERTS_SHOWN)));

  async function loadDashboard() {
    const askedAt = wallClock();
    try {
      const got = await backend.request('dashboard.get', {});
      dashboard.value = got;
      failure.value = null;
      // Time since the page started loading; "cache" when the numbers were fetched before we asked.
      firstNumbers.value ??= { ms: Math.round(now()), source: got.fetchedAt < askedAt ? 'cache' : 'server' };
    } catch (error) {
      failure.value = toFailure(error);
    }
  }

  async function loadAlerts() {
    try {
      alerts.value = await backend.request('alerts.get', {});
    } catch {
      /* alerts are secondary; the dashboard's failure is what is shown */
    }
  }

  async function loadOutbox() {
    try {
      outboxWaiting.value = (await backend.request('outbox.get', {})).waiting;
    } catch {
      /* secondary, like alerts; the background pushes every change of the number */
    }
  }

  async function loadRecommendations() {
    try {
      recommendations.value = (await requestReport(backend, 'compliance', {})).data.recommendations.slice(0, RECOMMENDATIONS_SHOWN);
    } catch {
      recommendations.value = [];
    }
  }

  async function load() {
    session.value = await backend.request('session.get', {}).catch((error) => {
      failure.value = toFailure(error);
      return null;
    });
    if (!signedIn.value) return;
    await Promise.all([loadDashboard(), loadAlerts(), loadRecommendations(), loadOutbox()]);
  }

  function onPush(push: Push) {
    if (push.type === 'connection') {
      const was = session.value?.state.status;
      if (session.value) session.value = { ...session.value, state: push.state };
      if (was === 'signed_out' && push.state.status !== 'signed_out') void load();
    } else if (push.type === 'alerts') alerts.value = push.view;
    else if (push.type === 'outbox') outboxWaiting.value = push.waiting;
    else if (push.type === 'changed') void Promise.all([loadDashboard(), loadRecommendations(), lookup.refresh()]);
    else if (push.type === 'revalidated' && push.key === cacheKeys.dashboard) void loadDashboard();
  }

  async function acknowledge(id: string) {
    acknowledging.value = new Set([...acknowledging.value, id]);
    try {
      alerts.value = await backend.request('alerts.ack', { id });
    } catch (error) {
      failure.value = toFailure(error);
    } finally {
      const next = new Set(acknowledging.value);
      next.delete(id);
      acknowledging.value = next;
    }
  }

  /** Loads, then follows live pushes; returns the teardown (the one I/O edge). */
  function start(): () => void {
    const unsubscribe = backend.subscribe(onPush);
    void load();
    return unsubscribe;
  }

  return { session, dashboard, failure, alerts, recommendations, acknowledging, firstNumbers, outboxWaiting, lookup, status, signedIn, canAcknowledge, loading, products, openAlerts, showAllAlerts, visibleAlerts, load, onPush, acknowledge, start };
}
export type PopupState = ReturnType<typeof createPopupState>;
