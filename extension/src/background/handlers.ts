import { browser } from '#imports';
import type { ImportResult, Role } from '@seatwise/shared';
import { cacheKeys } from '../messaging/protocol.ts';
import type { Handlers, SenderInfo } from '../messaging/router.ts';
import type { PageKind } from '../adapters/shell.ts';
import type { PartName } from '../overlay/part-names.ts';
import { adapterOverridesItem, inactivityDaysItem } from '../storage/items.ts';
import { readHostRecord } from '../adapters/host-records.ts';
import { FailureError } from '../api/failure.ts';
import { stagedFile } from '../import/staged-files.ts';
import { writeHeaders } from './api-client.ts';
import { withApi, type BackgroundContext } from './context.ts';
import { adminPoolCalls } from './admin-pools-calls.ts';
import { auditCsv, auditPage, reportCsv, reportPage } from './report-calls.ts';

const REPORT_TTL_MS = 60_000;

/** Previews run a few at a time: a bulk selection must not open hundreds of requests at once. */
const PREVIEW_CONCURRENCY = 6;

/**
 * Runs one of the overlay's own scripts in the sending frame (resolved once it
 * has run). The tab's origin is the browser's report, not anything the page
 * says (an allowed site: the router checked); the file is named by a payload
 * the policy held to a fixed list. Nothing is web-accessible for a page to probe.
 */
async function injectOverlayScript(sender: SenderInfo, file: `/overlay-${PageKind}.js` | `/overlay-part-${PartName}.js`) {
  await browser.scripting.executeScript({ target: { tabId: sender.tab!.id!, frameIds: [sender.frameId ?? 0] }, files: [file] });
  return { loaded: true as const };
}

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

/** One handler per request type of the protocol; the compiler keeps this table complete. */
export function createHandlers(ctx: BackgroundContext): Handlers {
  const { session, cache, batcher } = ctx;
  const api = <T>(fn: Parameters<typeof withApi<T>>[1]) => withApi(session, fn);

  const getUser = (id: string) =>
    cache.get(cacheKeys.user(id), () => api((a) => a.json(() => a.client.api.v1.users[':id'].$get({ param: { id: encodeURIComponent(id) } }))));

  /** After a change made here: nothing cached may be served as current, and every open tab re-reads now (the live stream follows). */
  const changed = async <T>(result: Promise<T>): Promise<T> => {
    const value = await result;
    cache.invalidate((key) => key !== cacheKeys.me);
    ctx.hub.broadcast({ type: 'changed', changes: [] });
    return value;
  };
  const preview = (userId: string, roles: Role[]) =>
    api((a) => a.json(() => a.client.api.v1.users[':id'].roles.preview.$post({ param: { id: encodeURIComponent(userId) }, json: { roles } })));

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
    'report.get': ({ report, query }) => cache.get(cacheKeys.report(report, query), () => api((a) => reportPage(a, report, query)), { ttlMs: REPORT_TTL_MS }),
    'report.csv': ({ report, query }) => api((a) => reportCsv(a, report, query)),
    'audit.csv': ({ query }) => api((a) => auditCsv(a, query)),
    'audit.list': ({ query }) => api((a) => auditPage(a, query)),
    'audit.verify': () => api((a) => a.json(() => a.client.api.v1.audit.verify.$get())),
    'origins.sync': () => ctx.syncOverlay(),
    'settings.overlay': async () => ({ overrides: await adapterOverridesItem.getValue(), inactivityDays: await inactivityDaysItem.getValue() }),
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
    // Every open tab re-reads when the change lands, now or later (the outbox says so).
    'users.sync': ({ idempotencyKey, ...body }) => ctx.outbox.submit(body, idempotencyKey),
    'users.syncMany': ({ idempotencyKey, users }) => ctx.outbox.submitMany(users, idempotencyKey),
    'outbox.get': async () => ({ waiting: await ctx.outbox.waiting() }),
    'pools.get': () => cache.get(cacheKeys.pools, () => api((a) => a.json(() => a.client.api.v1.pools.$get({ query: {} }))).then((r) => r.pools)),
    'complianceReports.list': () => api((a) => a.json(() => a.client.api.v1['compliance-reports'].$get())),
    'complianceReports.file': ({ id, format }) =>
      api(async (a) => {
        const report = a.client.api.v1['compliance-reports'][':id'];
        const param = { id: encodeURIComponent(id) };
        const text = await a.text(() => (format === 'html' ? report.html.$get({ param }) : report.csv.$get({ param })));
        return { filename: `seatwise-compliance-${id}.${format}`, text };
      }),
    'overlay.load': ({ page }, sender) => injectOverlayScript(sender, `/overlay-${page}.js`),
    'overlay.loadPart': ({ part }, sender) => injectOverlayScript(sender, `/overlay-part-${part}.js`),
    'host.record': ({ hostUserId }, sender) => readHostRecord(hostUserId, new URL(sender.url!).origin),
    'reports.open': async ({ report }) => {
      await browser.tabs.create({ url: `${browser.runtime.getURL('/reports.html')}#${report}` });
      return { opened: true as const };
    },
    'imports.mapping': ({ kind, orgId }) => api((a) => a.json(() => a.client.api.v1.imports.mappings[':kind'].$get({ param: { kind }, query: { orgId } }))),
    'imports.saveMapping': ({ kind, ...json }) => api((a) => a.json(() => a.client.api.v1.imports.mappings[':kind'].$put({ param: { kind }, json }), { retry: false })),
    'imports.run': async ({ fileId, kind, dryRun, mode, skipInvalid, orgId }) => {
      const file = await stagedFile(fileId);
      if (!file) throw new FailureError({ kind: 'internal', message: 'The file is no longer at hand: pick it again.' });
      const query = { dryRun: String(dryRun) as 'true' | 'false', mode, skipInvalid: String(skipInvalid) as 'true' | 'false', orgId };
      // The staged blob goes as the body as it is, never read into a string here. No idempotency key: the server
      // would buffer the whole file to fingerprint it (and a repeated import changes nothing anyway). No retry either.
      const send = () =>
        api((a) => a.json<ImportResult>(() => a.client.api.v1.imports[':kind'].$post({ param: { kind }, query }, { headers: { 'Content-Type': 'text/csv' }, init: { body: file } }), { retry: dryRun }));
      return dryRun ? send() : changed(send());
    },
    'imports.job': async ({ id, items, cursor }) => {
      const job = await api((a) => a.json(() => a.client.api.v1.jobs[':id'].$get({ param: { id: encodeURIComponent(id) }, query: { items, cursor } })));
      // What the job changed is in place once it is done: nothing cached may be served as current.
      if (job.status === 'done' && items === 'none') cache.invalidate((key) => key !== cacheKeys.me);
      return job;
    },
    /* ---- Administration: pools ---- */
    ...adminPoolCalls(api, changed),
    /* ---- Administration: organizations and rules ---- */
    'orgs.list': () => api((a) => a.json(() => a.client.api.v1.orgs.$get())).then((r) => r.orgs),
    'orgs.preview': ({ orgId, patch }) => api((a) => a.json(() => a.client.api.v1.orgs[':id'].preview.$post({ param: { id: encodeURIComponent(orgId) }, json: patch }))),
    'orgs.update': ({ orgId, patch, idempotencyKey }) =>
      changed(api((a) => a.json(() => a.client.api.v1.orgs[':id'].$patch({ param: { id: encodeURIComponent(orgId) }, json: patch }, writeHeaders(idempotencyKey))))),
    'rules.get': () => api((a) => a.json(() => a.client.api.v1.rules.$get())).then((r) => r.rules),
    'rules.preview': ({ rules }) => api((a) => a.json(() => a.client.api.v1.rules.preview.$post({ json: { rules } }))),
    'rules.save': ({ rules, idempotencyKey }) => changed(api((a) => a.json(() => a.client.api.v1.rules.$put({ json: { rules } }, writeHeaders(idempotencyKey))))),
    'users.transferPreview': ({ userId, orgIds }) =>
      api((a) => a.json(() => a.client.api.v1.users[':id'].transfer.preview.$post({ param: { id: encodeURIComponent(userId) }, json: { orgIds } }))),
    /* ---- Administration: tokens and alerts ---- */
    'tokens.list': () => api((a) => a.json(() => a.client.api.v1.tokens.$get())).then((r) => r.tokens),
    // Never retried: a repeat would issue a second token (see the protocol).
    'tokens.issue': (json) => changed(api((a) => a.json(() => a.client.api.v1.tokens.$post({ json }), { retry: false }))),
    'tokens.revoke': ({ id, idempotencyKey }) =>
      changed(
        api(async (a) => {
          await a.response(() => a.client.api.v1.tokens[':id'].$delete({ param: { id: encodeURIComponent(id) } }, writeHeaders(idempotencyKey)));
          return { revoked: true as const };
        }),
      ),
    'alertSettings.get': () => api((a) => a.json(() => a.client.api.v1.settings.alerts.$get())),
    'alertSettings.save': ({ idempotencyKey, ...json }) => changed(api((a) => a.json(() => a.client.api.v1.settings.alerts.$put({ json }, writeHeaders(idempotencyKey))))),
    'alertSettings.test': ({ idempotencyKey }) => api((a) => a.json(() => a.client.api.v1.settings.alerts.test.$post({}, writeHeaders(idempotencyKey)))),
    'reportSettings.get': () => api((a) => a.json(() => a.client.api.v1.settings['compliance-report'].$get())),
    'reportSettings.save': ({ idempotencyKey, ...json }) => changed(api((a) => a.json(() => a.client.api.v1.settings['compliance-report'].$put({ json }, writeHeaders(idempotencyKey))))),
  };
}

