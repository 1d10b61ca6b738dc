import { browser } from '#imports';
import type { Pool, RolePreviewResult } from '@seatwise/shared';
import type { AuditPage, ReportBody, UserDetail } from '../api/types.ts';
import { cacheKeys, type ReportQuery } from '../messaging/protocol.ts';
import type { Handlers } from '../messaging/router.ts';
import { adapterOverridesItem } from '../storage/items.ts';
import { readHostRecord } from '../adapters/host-records.ts';
import { FailureError } from '../api/failure.ts';
import { writeHeaders } from './api-client.ts';
import { withApi, type BackgroundContext } from './context.ts';

const REPORT_TTL_MS = 60_000;

function csvFilename(res: Response, fallback: string): string {
  const match = /filename="?([^";]+)"?/i.exec(res.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

/** Previews run a few at a time: a bulk selection must not open hundreds of requests at once. */
const PREVIEW_CONCURRENCY = 6;

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const dated = (name: string) => `seatwise-${name}-${new Date().toISOString().slice(0, 10)}.csv`;

/** One handler per request type of the protocol; the compiler keeps this table complete. */
export function createHandlers(ctx: BackgroundContext): Handlers {
  const { session, cache, batcher } = ctx;
  const api = <T>(fn: Parameters<typeof withApi<T>>[1]) => withApi(session, fn);

  const getUser = (id: string) =>
    cache.get<UserDetail>(cacheKeys.user(id), () => api((a) => a.json(() => a.client.api.v1.users[':id'].$get({ param: { id: encodeURIComponent(id) } }))) as Promise<UserDetail>);

  /** After a change made here: nothing cached may be served as current, and every open tab re-reads now (the live stream follows). */
  const changed = async <T>(result: Promise<T>): Promise<T> => {
    const value = await result;
    cache.invalidate((key) => key !== cacheKeys.me);
    ctx.hub.broadcast({ type: 'changed', changes: [] });
    return value;
  };
  const preview = (userId: string, roles: RolePreviewResult['roles']) =>
    api((a) => a.json(() => a.client.api.v1.users[':id'].roles.preview.$post({ param: { id: encodeURIComponent(userId) }, json: { roles } }))) as Promise<RolePreviewResult>;

  /** Any table the server streams as CSV (`?format=csv`), named as the server names it. */
  const csvOf = (path: string, query: ReportQuery, name: string) =>
    api(async (a) => {
      const res = await a.raw(path, { query: { ...query, cursor: undefined, limit: undefined, format: 'csv' }, headers: { Accept: 'text/csv' } });
      return { filename: csvFilename(res, dated(name)), text: await res.text() };
    });

  return {
    'session.get': async () => session.info(await ctx.me().catch(() => null)),
    'session.signIn': async ({ serverUrl, token }) => {
      const me = await session.signIn(serverUrl, token);
      cache.set(cacheKeys.me, me);
      return session.info(me);
    },
    'session.signOut': async () => {
      await session.signOut();
      return session.info(null);
    },
    'dashboard.get': () => cache.get(cacheKeys.dashboard, () => api((a) => a.json(() => a.client.api.v1.dashboard.$get()))),
    'alerts.get': () => ctx.alerts.current(),
    'alerts.ack': ({ id }) => ctx.alerts.acknowledge(id),
    'users.lookup': async ({ emails = [], externalIds = [] }) => {
      const keys = [...emails.map((value) => ({ kind: 'email' as const, value })), ...externalIds.map((value) => ({ kind: 'externalId' as const, value }))];
      const answers = await Promise.all(keys.map((k) => cache.get(batcher.cacheKey(k), () => api(() => batcher.lookup(k)))));
      return answers.map((a) => a.data);
    },
    'users.find': async ({ email }) => {
      const key = { kind: 'email' as const, value: email };
      const found = await cache.get(batcher.cacheKey(key), () => api(() => batcher.lookup(key)));
      return found.data.user ? getUser(found.data.user.id) : null;
    },
    'users.get': ({ id }) => getUser(id),
    'report.get': ({ report, query }) =>
      cache.get<ReportBody>(cacheKeys.report(report, query), () => api(async (a) => a.readJson<ReportBody>(await a.raw(`/reports/${encodeURIComponent(report)}`, { query }))), { ttlMs: REPORT_TTL_MS }),
    'report.csv': ({ report, query }) => csvOf(`/reports/${encodeURIComponent(report)}`, query, report),
    'audit.csv': ({ query }) => csvOf('/audit', query, 'audit'),
    'audit.list': ({ query }: { query: ReportQuery }) => api(async (a) => a.readJson<AuditPage>(await a.raw('/audit', { query }))),
    'audit.verify': () => api((a) => a.json(() => a.client.api.v1.audit.verify.$get())),
    'origins.sync': () => ctx.syncOverlay(),
    'settings.overrides': () => adapterOverridesItem.getValue(),
    'roles.preview': ({ userId, roles }) => preview(userId, roles),
    'holds.place': ({ userId, role, idempotencyKey }) =>
      changed(api((a) => a.json(() => a.client.api.v1.users[':id'].holds[':role'].$put({ param: { id: encodeURIComponent(userId), role } }, writeHeaders(idempotencyKey))))),
    // Releasing twice, or after a Save converted it, is not an error: the hold is gone either way.
    'holds.release': ({ userId, role, reason }) =>
      changed(
        api((a) => a.json(() => a.client.api.v1.users[':id'].holds[':role'].$delete({ param: { id: encodeURIComponent(userId), role }, query: { reason } }), { retry: false })).catch((error) => {
          if (error instanceof FailureError && error.failure.kind === 'api' && error.failure.status === 404) return { released: false };
          throw error;
        }),
      ),
    'holds.list': ({ userId }) => api((a) => a.json(() => a.client.api.v1.users[':id'].holds.$get({ param: { id: encodeURIComponent(userId) } }))).then((r) => r.holds),
    'roles.previewMany': ({ items }) => mapLimited(items, PREVIEW_CONCURRENCY, (item) => preview(item.userId, item.roles)),
    'users.sync': ({ idempotencyKey, ...body }) => changed(api((a) => a.json(() => a.client.api.v1.users.$post({ json: { ...body, source: 'host' } }, writeHeaders(idempotencyKey))))),
    'pools.get': () => cache.get(cacheKeys.pools, () => api((a) => a.json(() => a.client.api.v1.pools.$get({ query: {} }))).then((r) => r.pools as Pool[])),
    'complianceReports.list': () => api((a) => a.json(() => a.client.api.v1['compliance-reports'].$get())),
    'complianceReports.file': ({ id, format }) =>
      api(async (a) => {
        const report = a.client.api.v1['compliance-reports'][':id'];
        const param = { id: encodeURIComponent(id) };
        const text = await a.text(() => (format === 'html' ? report.html.$get({ param }) : report.csv.$get({ param })));
        return { filename: `seatwise-compliance-${id}.${format}`, text };
      }),
    // The tab's origin as the browser reports it (an allowed site: the router checked), not anything the page says.
    'host.record': ({ hostUserId }, sender) => readHostRecord(hostUserId, new URL(sender.url!).origin),
    'reports.open': async ({ report }) => {
      await browser.tabs.create({ url: `${browser.runtime.getURL('/reports.html')}#${report}` });
      return { opened: true as const };
    },
  };
}

