import { browser } from '#imports';
import type { Me } from '../api/types.ts';
import { cacheKeys, type AlertsView, type Push } from '../messaging/protocol.ts';
import { createRouter } from '../messaging/router.ts';
import { cacheSnapshotItem, hostOriginsItem, lastEventIdItem, outboxItem } from '../storage/items.ts';
import { toAlertsView } from './alerts.ts';
import { createCache } from './cache.ts';
import { matchesOverlay } from '../content-scripts/site-patterns.ts';
import { currentOverlayPatterns, syncContentScripts } from './content-scripts.ts';
import { withApi, type BackgroundContext } from './context.ts';
import { createHandlers } from './handlers.ts';
import { createHub } from './hub.ts';
import { clearIndicators, showAlerts } from './indicators.ts';
import { createLiveEvents } from './live-events.ts';
import { createLookupBatcher } from './lookup-batcher.ts';
import { createOutbox } from './outbox.ts';
import { writeHeaders } from './api-client.ts';
import { senderKind } from './request-policy.ts';
import { createSession } from './session.ts';

const KEEPALIVE_ALARM = 'seatwise.keepalive';
/** Kept in storage so a restarted worker (and the popup opened after it) paints at once. */
const PERSISTED_KEYS = [cacheKeys.me, cacheKeys.dashboard, cacheKeys.alerts];
const POLL_MS = 15_000;

/** Wires the background; every listener is added synchronously, as MV3 requires. */
export function startBackground() {
  const ownId = browser.runtime.id;
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/+$/, '');
  let alertsView: AlertsView | null = null;
  let polling: ReturnType<typeof setInterval> | null = null;

  const hub = createHub(ownId, () => {
    const greet: Push[] = [{ type: 'connection', state: session.state }, { type: 'outbox', waiting: outboxWaiting }];
    if (alertsView) greet.push({ type: 'alerts', view: alertsView });
    return greet;
  }, async (sender) => {
    const kind = sender ? senderKind(sender, extensionOrigin) : null;
    return kind === 'page' || (kind === 'overlay' && matchesOverlay(sender!.url!, await patterns()));
  });
  const cache = createCache({ ttlMs: 30_000, onRevalidated: (key) => (persist(key), hub.broadcast({ type: 'revalidated', key })) });
  const session = createSession({ onState: (state) => hub.broadcast({ type: 'connection', state }), onCredentialsChanged: restart });
  /** Everything cached may be behind the server: nothing is served as current, and every open page re-reads now. */
  const refreshAll = () => {
    cache.invalidate((key) => key !== cacheKeys.me);
    hub.broadcast({ type: 'changed', changes: [] });
  };
  let outboxWaiting = 0;
  const outbox = createOutbox({
    load: () => outboxItem.getValue(),
    save: (entries) => outboxItem.setValue(entries),
    send: (change, key): Promise<unknown> =>
      'user' in change
        ? withApi(session, (a) => a.json(() => a.client.api.v1.users.$post({ json: { ...change.user, source: 'host' } }, writeHeaders(key))))
        : withApi(session, (a) => a.json(() => a.client.api.v1.bulk.users.$post({ json: { users: change.users.map((u) => ({ ...u, source: 'host' as const })) } }, writeHeaders(key)))),
    onCount: (waiting) => {
      if (waiting === outboxWaiting) return;
      outboxWaiting = waiting;
      hub.broadcast({ type: 'outbox', waiting });
    },
    onDelivered: refreshAll,
  });
  void outbox.waiting().then((n) => (outboxWaiting = n));
  const batcher = createLookupBatcher((request) => withApi(session, (a) => a.json(() => a.client.api.v1.users.lookup.$post({ json: request }))).then((r) => r.results));

  function persist(key: string) {
    if (!PERSISTED_KEYS.includes(key)) return;
    const snapshot = Object.fromEntries(PERSISTED_KEYS.flatMap((k) => { const e = cache.peek(k); return e ? [[k, { data: e.data, fetchedAt: e.fetchedAt }]] : []; }));
    void cacheSnapshotItem.setValue(snapshot);
  }
  const hydrated = cacheSnapshotItem.getValue().then((snap) => Object.entries(snap).forEach(([k, v]) => cache.set(k, v.data, v.fetchedAt)));

  const me = async (): Promise<Me | null> => {
    await hydrated;
    if (!(await session.api().then(() => true, () => false))) return null;
    const got = await cache.get(cacheKeys.me, () => withApi(session, (a) => a.json(() => a.client.api.v1.me.$get())), { ttlMs: 300_000 });
    persist(cacheKeys.me);
    return got.data as Me;
  };

  async function loadAlerts(): Promise<AlertsView> {
    const view = toAlertsView(await withApi(session, (a) => a.json(() => a.client.api.v1.alerts.$get())));
    cache.set(cacheKeys.alerts, view);
    persist(cacheKeys.alerts);
    alertsView = view;
    hub.broadcast({ type: 'alerts', view });
    void showAlerts(view, await me().catch(() => null));
    return view;
  }

  /** The overlay's match patterns, worked out once per worker and after every change of sites or server. */
  let overlayPatterns: Promise<string[]> | null = null;
  const patterns = () => (overlayPatterns ??= session.ready().then(() => hostOriginsItem.getValue()).then((origins) => currentOverlayPatterns(origins, session.serverUrl)));
  async function syncOverlay() {
    overlayPatterns = null;
    const origins = await hostOriginsItem.getValue();
    return { origins, scripts: await syncContentScripts(await patterns()) };
  }

  const ctx: BackgroundContext = {
    session, cache, batcher, hub, outbox, me, syncOverlay,
    alerts: {
      current: async () => { await hydrated; return alertsView ?? cache.peek<AlertsView>(cacheKeys.alerts)?.data ?? loadAlerts(); },
      refresh: loadAlerts,
      acknowledge: async (id) => {
        await withApi(session, (a) => a.json(() => a.client.api.v1.alerts[':id'].ack.$post({ param: { id: encodeURIComponent(id) } }), { retry: false }));
        return loadAlerts();
      },
    },
  };

  const live = createLiveEvents({
    api: () => session.api(),
    loadLastEventId: () => lastEventIdItem.getValue(),
    saveLastEventId: (id) => lastEventIdItem.setValue(id),
    onReady: () => {
      stopPolling();
      session.setState({ status: 'online', live: true });
      // Connected again after a gap (server or browser restart, sleep): what happened meanwhile may not be
      // in the stream (a new session starts without a resume point), so every open page re-reads now, and
      // platform changes that waited for the server go out.
      refreshAll();
      void outbox.flush({ force: true });
      void loadAlerts().catch(() => undefined);
    },
    onChanges: (changes) => {
      cache.invalidate((key) => key !== cacheKeys.me);
      hub.broadcast({ type: 'changed', changes });
      void loadAlerts().catch(() => undefined);
    },
    onAlert: () => void loadAlerts().catch(() => undefined),
    onFailure: (failure, retryInMs) => {
      if (failure.kind === 'revoked') return session.setState({ status: 'revoked', message: failure.message });
      if (failure.kind === 'unreachable') {
        session.setState({ status: 'unreachable', serverUrl: session.serverUrl, message: `Cannot reach the server at ${session.serverUrl}.`, retryAt: retryInMs === null ? null : Date.now() + retryInMs });
      } else if (session.state.status === 'online') session.setState({ status: 'online', live: false }); // the stream is gone: not live until it is back

    },
    onUnavailable: () => { session.setState({ status: 'online', live: false }); startPolling(); },
  });

  /** Without a live stream, open pages are refreshed by polling while any is open. */
  function startPolling() {
    polling ??= setInterval(() => {
      if (hub.size) refreshAll();
    }, POLL_MS);
  }
  function stopPolling() {
    if (polling) clearInterval(polling), (polling = null);
  }

  async function wake() {
    await session.ready();
    if (session.state.status === 'signed_out') return;
    live.ensure();
    void outbox.flush();
    if (!alertsView) await loadAlerts().catch(() => undefined);
  }

  /** New credentials (or none): forget everything learnt with the old ones. */
  function restart() {
    live.stop();
    stopPolling();
    cache.clear();
    alertsView = null;
    void cacheSnapshotItem.setValue({});
    void lastEventIdItem.setValue(null);
    void clearIndicators();
    void syncOverlay().catch(() => undefined);
    void wake();
  }

  const router = createRouter(createHandlers(ctx), {
    ownId,
    extensionOrigin,
    overlayAllowed: async (url) => matchesOverlay(url, await patterns()),
  });
  browser.runtime.onMessage.addListener(router as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
  browser.runtime.onConnect.addListener((port) => { void hub.onConnect(port); void wake(); });
  browser.alarms.onAlarm.addListener((alarm) => { if (alarm.name === KEEPALIVE_ALARM) void wake(); });
  browser.runtime.onInstalled.addListener(() => void syncOverlay().catch(() => undefined));
  browser.runtime.onStartup.addListener(() => void wake());
  void browser.alarms.create(KEEPALIVE_ALARM, { periodInMinutes: 0.5 });
  void wake();
}
