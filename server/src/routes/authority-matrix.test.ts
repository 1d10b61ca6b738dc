import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../engine/changes/users.ts';
import { createPool } from '../engine/changes/pools.ts';
import { placeHold } from '../engine/changes/holds.ts';
import { DEFAULT_ALERT_SETTINGS, writeAlertSettings } from '../alerts/settings.ts';
import { createTestServer, seedFixture, type TestServer } from '../testing/test-server.ts';
import { ok } from '../testing/typed-client.ts';

/**
 * Every authority × every route × a subject inside the caller's organization,
 * outside it, and shared: homed outside but also authorised inside, which the
 * caller sees but may not change (d1 is in scope for every token below, d2 is not).
 */
type Authority = 'sys' | 'orgAdmin' | 'reporter' | 'support';
/** `upsert`: a POST /users that finds an existing user by one of its keys. `admin`: a listing for administrators only, in scope. */
type Kind = 'read' | 'change' | 'upsert' | 'sysOnly' | 'open' | 'admin';
type Where = 'in' | 'out' | 'shared';
interface Subject {
  userId: string;
  email: string;
  externalId: string;
  orgId: string;
  poolId: string;
}
interface RouteCase {
  name: string;
  kind: Kind;
  method: string;
  path: (s: Subject) => string;
  body?: (s: Subject) => unknown;
  /** The route acts on or reads the subject user (so the shared subject applies). */
  user?: true;
  /** What the subject must have before the call (as the system, not the caller). */
  setup?: (server: TestServer, s: Subject) => Promise<unknown>;
}

const future = '2030-01-01T00:00:00Z';
const ROUTES: RouteCase[] = [
  { name: 'GET /me', kind: 'open', method: 'GET', path: () => '/api/v1/me' },
  { name: 'GET /orgs', kind: 'open', method: 'GET', path: () => '/api/v1/orgs' },
  { name: 'GET /orgs/:id', kind: 'read', method: 'GET', path: (s) => `/api/v1/orgs/${s.orgId}` },
  { name: 'POST /orgs', kind: 'change', method: 'POST', path: () => '/api/v1/orgs', body: (s) => ({ name: 'Annex', parentId: s.orgId }) },
  { name: 'PATCH /orgs/:id', kind: 'change', method: 'PATCH', path: (s) => `/api/v1/orgs/${s.orgId}`, body: () => ({ name: 'Renamed' }) },
  { name: 'GET /pools', kind: 'open', method: 'GET', path: () => '/api/v1/pools' },
  { name: 'GET /pools/:id', kind: 'read', method: 'GET', path: (s) => `/api/v1/pools/${s.poolId}` },
  { name: 'POST /pools', kind: 'change', method: 'POST', path: () => '/api/v1/pools', body: (s) => ({ orgId: s.orgId, sku: 'elearn', seats: 5, endsAt: future }) },
  { name: 'PATCH /pools/:id', kind: 'change', method: 'PATCH', path: (s) => `/api/v1/pools/${s.poolId}`, body: () => ({ seats: 50 }) },
  { name: 'POST /pools/:id/renewals', kind: 'change', method: 'POST', path: (s) => `/api/v1/pools/${s.poolId}/renewals`, body: () => ({ endsAt: future }) },
  // Previews change nothing, but answer only whoever could make the change.
  { name: 'POST /pools/:id/preview', kind: 'change', method: 'POST', path: (s) => `/api/v1/pools/${s.poolId}/preview`, body: () => ({ seats: 1 }) },
  { name: 'POST /pools/:id/renewals/preview', kind: 'change', method: 'POST', path: (s) => `/api/v1/pools/${s.poolId}/renewals/preview`, body: () => ({ endsAt: future }) },
  { name: 'GET /dashboard', kind: 'open', method: 'GET', path: () => '/api/v1/dashboard' },
  { name: 'GET /alerts', kind: 'open', method: 'GET', path: () => '/api/v1/alerts' },
  { name: 'GET /users', kind: 'open', method: 'GET', path: () => '/api/v1/users' },
  { name: 'GET /users/:id', kind: 'read', user: true, method: 'GET', path: (s) => `/api/v1/users/${s.userId}` },
  { name: 'POST /users', kind: 'change', method: 'POST', path: () => '/api/v1/users', body: (s) => ({ email: `n${Math.random()}@x.test`, firstName: 'N', lastName: 'N', orgIds: [s.orgId] }) },
  { name: 'POST /users (an existing email)', kind: 'upsert', user: true, method: 'POST', path: () => '/api/v1/users', body: (s) => ({ email: s.email, firstName: 'Taken', lastName: 'Over', orgIds: ['s1'], roles: ['learner'] }) },
  { name: 'POST /users (a new email, an existing externalId)', kind: 'upsert', user: true, method: 'POST', path: () => '/api/v1/users', body: (s) => ({ email: `n${Math.random()}@x.test`, externalId: s.externalId, firstName: 'Taken', lastName: 'Over', orgIds: ['s1'], roles: ['learner'] }) },
  { name: 'POST /users/lookup', kind: 'open', method: 'POST', path: () => '/api/v1/users/lookup', body: () => ({ emails: ['a@b.test'] }) },
  { name: 'POST /users/:id/archive', kind: 'change', user: true, method: 'POST', path: (s) => `/api/v1/users/${s.userId}/archive` },
  { name: 'POST /users/:id/transfer', kind: 'change', user: true, method: 'POST', path: (s) => `/api/v1/users/${s.userId}/transfer`, body: (s) => ({ orgIds: [s.orgId] }) },
  { name: 'PUT /users/:id/roles/:role', kind: 'change', user: true, method: 'PUT', path: (s) => `/api/v1/users/${s.userId}/roles/observer` },
  { name: 'DELETE /users/:id/roles/:role', kind: 'change', user: true, method: 'DELETE', path: (s) => `/api/v1/users/${s.userId}/roles/learner` },
  { name: 'PUT /users/:id/roles', kind: 'change', user: true, method: 'PUT', path: (s) => `/api/v1/users/${s.userId}/roles`, body: () => ({ roles: ['observer'] }) },
  { name: 'POST /users/:id/roles/preview', kind: 'read', user: true, method: 'POST', path: (s) => `/api/v1/users/${s.userId}/roles/preview`, body: () => ({ roles: ['learner'] }) },
  { name: 'GET /users/:id/holds', kind: 'read', user: true, method: 'GET', path: (s) => `/api/v1/users/${s.userId}/holds` },
  { name: 'PUT /users/:id/holds/:role', kind: 'change', user: true, method: 'PUT', path: (s) => `/api/v1/users/${s.userId}/holds/observer` },
  {
    name: 'DELETE /users/:id/holds/:role',
    kind: 'change',
    user: true,
    method: 'DELETE',
    path: (s) => `/api/v1/users/${s.userId}/holds/observer?reason=left_page`,
    setup: (server, s) => server.engine.change(null, (ctx) => placeHold(ctx, s.userId, 'observer', 60_000)),
  },
  { name: 'POST /bulk/roles', kind: 'change', user: true, method: 'POST', path: () => '/api/v1/bulk/roles', body: (s) => ({ userIds: [s.userId], add: ['observer'] }) },
  { name: 'POST /bulk/users', kind: 'change', method: 'POST', path: () => '/api/v1/bulk/users', body: (s) => ({ users: [{ email: `b${Math.random()}@x.test`, firstName: 'B', lastName: 'U', orgIds: [s.orgId], source: 'host' }] }) },
  { name: 'POST /bulk/users (an existing email)', kind: 'upsert', user: true, method: 'POST', path: () => '/api/v1/bulk/users', body: (s) => ({ users: [{ email: s.email, firstName: 'Taken', lastName: 'Over', orgIds: ['s1'], roles: ['learner'], source: 'host' }] }) },
  { name: 'POST /tokens', kind: 'change', user: true, method: 'POST', path: () => '/api/v1/tokens', body: (s) => ({ userId: s.userId, authority: 'reporter' }) },
  { name: 'POST /tokens (org_admin)', kind: 'change', user: true, method: 'POST', path: () => '/api/v1/tokens', body: (s) => ({ userId: s.userId, authority: 'org_admin' }) },
  { name: 'POST /tokens (system_admin)', kind: 'sysOnly', user: true, method: 'POST', path: () => '/api/v1/tokens', body: (s) => ({ userId: s.userId, authority: 'system_admin' }) },
  { name: 'GET /reports/claims', kind: 'open', method: 'GET', path: () => '/api/v1/reports/claims' },
  { name: 'GET /reports/claims/export.csv', kind: 'open', method: 'GET', path: () => '/api/v1/reports/claims/export.csv' },
  { name: 'GET /reports/inactive', kind: 'open', method: 'GET', path: () => '/api/v1/reports/inactive' },
  { name: 'GET /reports/inactive/export.csv', kind: 'open', method: 'GET', path: () => '/api/v1/reports/inactive/export.csv' },
  { name: 'GET /reports/compliance', kind: 'open', method: 'GET', path: () => '/api/v1/reports/compliance' },
  { name: 'GET /reports/compliance/export.csv', kind: 'open', method: 'GET', path: () => '/api/v1/reports/compliance/export.csv' },
  { name: 'GET /reports/usage', kind: 'open', method: 'GET', path: () => '/api/v1/reports/usage' },
  { name: 'GET /reports/usage/export.csv', kind: 'open', method: 'GET', path: () => '/api/v1/reports/usage/export.csv' },
  { name: 'GET /reports/history', kind: 'read', user: true, method: 'GET', path: (s) => `/api/v1/reports/history?userId=${s.userId}` },
  { name: 'GET /reports/history/export.csv', kind: 'read', user: true, method: 'GET', path: (s) => `/api/v1/reports/history/export.csv?userId=${s.userId}` },
  { name: 'GET /audit', kind: 'open', method: 'GET', path: () => '/api/v1/audit' },
  { name: 'GET /audit/export.csv', kind: 'open', method: 'GET', path: () => '/api/v1/audit/export.csv' },
  { name: 'GET /audit/verify', kind: 'sysOnly', method: 'GET', path: () => '/api/v1/audit/verify' },
  { name: 'GET /rules', kind: 'open', method: 'GET', path: () => '/api/v1/rules' },
  { name: 'POST /imports/users (dry run)', kind: 'change', method: 'POST', path: (s) => `/api/v1/imports/users?dryRun=true&orgId=${s.orgId}`, body: (s) => ({ rows: [{ Email: `i${Math.random()}@x.test`, 'First Name': 'I', 'Last Name': 'M', Organizations: [s.orgId] }] }) },
  { name: 'POST /imports/orgs', kind: 'change', method: 'POST', path: (s) => `/api/v1/imports/orgs?orgId=${s.orgId}`, body: (s) => ({ rows: [{ 'Organization ID': `imp${Math.random()}`.replace('.', ''), 'Organization Name': 'Imported', 'Parent Organization ID': s.orgId }] }) },
  { name: 'GET /imports/mappings/:kind', kind: 'read', method: 'GET', path: (s) => `/api/v1/imports/mappings/users?orgId=${s.orgId}` },
  { name: 'PUT /imports/mappings/:kind', kind: 'change', method: 'PUT', path: () => '/api/v1/imports/mappings/users', body: (s) => ({ orgId: s.orgId, columns: { Mail: 'email' } }) },
  { name: 'PUT /rules', kind: 'sysOnly', method: 'PUT', path: () => '/api/v1/rules', body: () => ({ rules: { reporter: [] } }) },
  /* ---- Administration: organizations and rules ---- */
  { name: 'POST /orgs/:id/preview', kind: 'change', method: 'POST', path: (s) => `/api/v1/orgs/${s.orgId}/preview`, body: () => ({ products: ['elearn'] }) },
  { name: 'POST /users/:id/transfer/preview', kind: 'change', user: true, method: 'POST', path: (s) => `/api/v1/users/${s.userId}/transfer/preview`, body: (s) => ({ orgIds: [s.orgId] }) },
  { name: 'POST /rules/preview', kind: 'sysOnly', method: 'POST', path: () => '/api/v1/rules/preview', body: () => ({ rules: { reporter: ['elearn'] } }) },
  // The scheduled compliance report covers the whole district: system administrators only.
  { name: 'GET /compliance-reports', kind: 'sysOnly', method: 'GET', path: () => '/api/v1/compliance-reports' },
  { name: 'GET /settings/compliance-report', kind: 'sysOnly', method: 'GET', path: () => '/api/v1/settings/compliance-report' },
  { name: 'PUT /settings/compliance-report', kind: 'sysOnly', method: 'PUT', path: () => '/api/v1/settings/compliance-report', body: () => ({ every: 'weekly', recipients: [] }) },
  // Administration → Tokens and Alerts: tokens of users the caller sees; thresholds read by admins, the webhook and every change district-wide.
  { name: 'GET /tokens', kind: 'admin', method: 'GET', path: () => '/api/v1/tokens' },
  { name: 'GET /settings/alerts', kind: 'admin', method: 'GET', path: () => '/api/v1/settings/alerts' },
  { name: 'PUT /settings/alerts', kind: 'sysOnly', method: 'PUT', path: () => '/api/v1/settings/alerts', body: () => ({ webhookUrl: null, renewalDays: [90, 60, 30, 7], usagePct: 90 }) },
  {
    name: 'POST /settings/alerts/test',
    kind: 'sysOnly',
    method: 'POST',
    path: () => '/api/v1/settings/alerts/test',
    // A port nobody listens on: the test answers 200 with the failure in words.
    setup: (server) => server.engine.change(null, (ctx) => writeAlertSettings(ctx, { ...DEFAULT_ALERT_SETTINGS, webhookUrl: 'http://127.0.0.1:9/hook' })),
  },
];

const AUTHORITIES: Authority[] = ['sys', 'orgAdmin', 'reporter', 'support'];

/** What each authority may get: a status class or exact codes. */
function expected(kind: Kind, who: Authority, where: Where): number[] | 'ok' {
  const reader = who === 'reporter' || who === 'support';
  switch (kind) {
    case 'open':
      return 'ok';
    case 'sysOnly':
      return who === 'sys' ? 'ok' : [403];
    case 'admin':
      return reader ? [403] : 'ok';
    case 'read':
      return where !== 'out' || who === 'sys' ? 'ok' : [404];
    case 'change':
      if (reader) return where === 'out' ? [403, 404] : [403];
      if (who === 'sys' || where === 'in') return 'ok';
      // Seen through a second organization: visible, so 403; wholly outside: 404, as if it did not exist.
      return where === 'shared' ? [403] : [404];
    case 'upsert':
      // Found by its email or externalId: one 403 for every user the caller may not change, never "taken".
      return who === 'sys' || (where === 'in' && !reader) ? 'ok' : [403];
  }
}

describe('authority matrix', () => {
  let server: TestServer;
  let tokens: Awaited<ReturnType<typeof seedFixture>>['tokens'];
  let n = 0;

  beforeAll(async () => {
    server = await createTestServer();
    ({ tokens } = await seedFixture(server));
  });
  afterAll(() => server.close());
  /** The subject user as a system administrator sees it, to compare before and after a request. */
  const userNow = async (id: string) => (await ok(server.api(tokens.sys).users[':id'].$get({ param: { id } }))).user;

  /**
   * What a d1 token must never read: the emails of users wholly in the other
   * district now (a system admin's case may have moved one into d1) and its
   * organizations' names. (Its pools' ids may show: a shared user's license
   * names the pool it draws from.)
   */
  async function otherDistrict(): Promise<RegExp> {
    const { users } = (await server.call('GET', '/api/v1/users?orgId=d2&limit=500', { token: tokens.sys })).body as { users: { email: string; orgIds: string[] }[] };
    const hidden = users.filter((u) => u.orgIds.every((o) => o === 's3' || o === 'd2')).map((u) => u.email.replace(/[.]/g, '\\.'));
    return new RegExp([...hidden, 'School Three', 'District Two'].join('|'));
  }

  /** A fresh user and pool per case, so one case's change never feeds the next. */
  async function subject(where: Where): Promise<Subject> {
    n++;
    const home = where === 'in' ? 's1' : 's3';
    const orgIds = where === 'shared' ? ['s3', 's1'] : [home];
    const email = `m${n}@${where === 'shared' ? 'shared' : home}.test`;
    const externalId = `ext-${where}-${n}`;
    return server.engine.change(null, async (ctx) => {
      const poolId = await createPool(ctx, { orgId: home, sku: 'elearn', seats: 100, endsAt: future }, `pool_${where}_${n}`);
      await createPool(ctx, { orgId: home, sku: 'weclimb', seats: 100, endsAt: future }, `pool_${where}_wc_${n}`);
      const { userId } = await upsertUser(ctx, { email, externalId, firstName: 'M', lastName: `${n}`, orgIds, roles: ['learner'], source: 'seatwise' });
      // The shared subject's transfer and upsert cases name an organization the caller does control.
      return { userId, email, externalId, orgId: where === 'out' ? 's3' : 's1', poolId };
    });
  }

  for (const route of ROUTES) {
    it(route.name, async () => {
      for (const who of AUTHORITIES) {
        for (const where of (route.user ? ['in', 'out', 'shared'] : ['in', 'out']) as Where[]) {
          const s = await subject(where);
          await route.setup?.(server, s);
          const before = await userNow(s.userId);
          const res = await server.call(route.method, route.path(s), { token: tokens[who], body: route.body?.(s) });
          const want = expected(route.kind, who, where);
          const label = `${route.name} as ${who} on a user ${where} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`;
          if (want === 'ok') expect(res.status, label).toBeLessThan(300);
          else expect(want, label).toContain(res.status);
          if (res.status >= 400) {
            // Refused: the subject is exactly as it was, and the refusal names nothing of the other district.
            expect(await userNow(s.userId), label).toEqual(before);
            // (It may echo the caller's own input: an id or email it sent.)
            if (who !== 'sys') expect(JSON.stringify(res.body), label).not.toMatch(/taken|exists|School Three|District Two/);
          }
          // Nothing of the other district leaks into an in-scope listing, report or export.
          if ((route.kind === 'open' || route.kind === 'admin') && who !== 'sys' && res.status === 200) {
            const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
            const leak = (await otherDistrict()).exec(text);
            expect(leak && text.slice(Math.max(0, leak.index - 300), leak.index + 100), label).toBeNull();
          }
        }
      }
    });
  }
});
