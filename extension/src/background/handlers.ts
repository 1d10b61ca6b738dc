import type { ReportBody, UserDetail } from '../api/types.ts';
import { cacheKeys, type ReportQuery } from '../messaging/protocol.ts';
import type { Handlers } from '../messaging/router.ts';
import { adapterOverridesItem, hostOriginsItem } from '../storage/items.ts';
import { syncContentScripts } from './content-scripts.ts';
import { withApi, type BackgroundContext } from './context.ts';

const REPORT_TTL_MS = 60_000;

function csvFilename(res: Response, fallback: string): string {
  const match = /filename="?([^";]+)"?/i.exec(res.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

const dated = (name: string) => `seatwise-${name}-${new Date().toISOString().slice(0, 10)}.csv`;

/** One handler per request type of the protocol; the compiler keeps this table complete. */
export function createHandlers(ctx: BackgroundContext): Handlers {
  const { session, cache, batcher } = ctx;
  const api = <T>(fn: Parameters<typeof withApi<T>>[1]) => withApi(session, fn);

  const getUser = (id: string) =>
    cache.get<UserDetail>(cacheKeys.user(id), () => api((a) => a.json(() => a.client.api.v1.users[':id'].$get({ param: { id } }))) as Promise<UserDetail>);

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
      cache.get<ReportBody>(cacheKeys.report(report, query), () => api(async (a) => (await a.raw(`/reports/${report}`, { query })).json() as Promise<ReportBody>), { ttlMs: REPORT_TTL_MS }),
    'report.csv': ({ report, query }) =>
      api(async (a) => {
        const res = await a.raw(`/reports/${report}`, { query: { ...query, format: 'csv' }, headers: { Accept: 'text/csv' } });
        return { filename: csvFilename(res, dated(report)), text: await res.text() };
      }),
    'audit.list': ({ query }: { query: ReportQuery }) => api(async (a) => (await a.raw('/audit', { query })).json()),
    'audit.verify': () => api((a) => a.json(() => a.client.api.v1.audit.verify.$get())),
    'origins.sync': async () => {
      const origins = await hostOriginsItem.getValue();
      return { origins, scripts: await syncContentScripts(origins) };
    },
    'settings.overrides': () => adapterOverridesItem.getValue(),
  };
}

