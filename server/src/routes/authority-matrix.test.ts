import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../engine/users.ts';
import { createPool } from '../engine/pools.ts';
import { createTestServer, seedFixture, type TestServer } from '../testing/test-server.ts';

/**
 * Every authority × every route × a subject inside and outside the caller's
 * organization (d1 is in scope for every token below, d2 is not).
 */
type Authority = 'sys' | 'orgAdmin' | 'reporter' | 'support';
type Kind = 'read' | 'change' | 'sysOnly' | 'open';
interface Subject {
  userId: string;
  orgId: string;
  poolId: string;
}
interface RouteCase {
  name: string;
  kind: Kind;
  method: string;
  path: (s: Subject) => string;
  body?: (s: Subject) => unknown;
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
  { name: 'GET /dashboard', kind: 'open', method: 'GET', path: () => '/api/v1/dashboard' },
  { name: 'GET /users', kind: 'open', method: 'GET', path: () => '/api/v1/users' },
  { name: 'GET /users/:id', kind: 'read', method: 'GET', path: (s) => `/api/v1/users/${s.userId}` },
  { name: 'POST /users', kind: 'change', method: 'POST', path: () => '/api/v1/users', body: (s) => ({ email: `n${Math.random()}@x.test`, firstName: 'N', lastName: 'N', orgIds: [s.orgId] }) },
  { name: 'POST /users/lookup', kind: 'open', method: 'POST', path: () => '/api/v1/users/lookup', body: () => ({ emails: ['a@b.test'] }) },
  { name: 'POST /users/:id/archive', kind: 'change', method: 'POST', path: (s) => `/api/v1/users/${s.userId}/archive` },
  { name: 'POST /users/:id/transfer', kind: 'change', method: 'POST', path: (s) => `/api/v1/users/${s.userId}/transfer`, body: (s) => ({ orgIds: [s.orgId] }) },
  { name: 'PUT /users/:id/roles/:role', kind: 'change', method: 'PUT', path: (s) => `/api/v1/users/${s.userId}/roles/learner` },
  { name: 'DELETE /users/:id/roles/:role', kind: 'change', method: 'DELETE', path: (s) => `/api/v1/users/${s.userId}/roles/learner` },
  { name: 'PUT /users/:id/roles', kind: 'change', method: 'PUT', path: (s) => `/api/v1/users/${s.userId}/roles`, body: () => ({ roles: ['learner'] }) },
  { name: 'POST /users/:id/roles/preview', kind: 'read', method: 'POST', path: (s) => `/api/v1/users/${s.userId}/roles/preview`, body: () => ({ roles: ['learner'] }) },
  { name: 'POST /bulk/roles', kind: 'change', method: 'POST', path: () => '/api/v1/bulk/roles', body: (s) => ({ userIds: [s.userId], add: ['learner'] }) },
  { name: 'POST /tokens', kind: 'change', method: 'POST', path: () => '/api/v1/tokens', body: (s) => ({ userId: s.userId, authority: 'reporter' }) },
  { name: 'GET /audit', kind: 'open', method: 'GET', path: () => '/api/v1/audit' },
  { name: 'GET /audit/verify', kind: 'sysOnly', method: 'GET', path: () => '/api/v1/audit/verify' },
  { name: 'GET /rules', kind: 'open', method: 'GET', path: () => '/api/v1/rules' },
  { name: 'POST /imports/users (dry run)', kind: 'change', method: 'POST', path: (s) => `/api/v1/imports/users?dryRun=true&orgId=${s.orgId}`, body: (s) => ({ rows: [{ Email: `i${Math.random()}@x.test`, 'First Name': 'I', 'Last Name': 'M', Organizations: [s.orgId] }] }) },
  { name: 'POST /imports/orgs', kind: 'change', method: 'POST', path: (s) => `/api/v1/imports/orgs?orgId=${s.orgId}`, body: (s) => ({ rows: [{ 'Organization ID': `imp${Math.random()}`.replace('.', ''), 'Organization Name': 'Imported', 'Parent Organization ID': s.orgId }] }) },
  { name: 'GET /imports/mappings/:kind', kind: 'read', method: 'GET', path: (s) => `/api/v1/imports/mappings/users?orgId=${s.orgId}` },
  { name: 'PUT /imports/mappings/:kind', kind: 'change', method: 'PUT', path: () => '/api/v1/imports/mappings/users', body: (s) => ({ orgId: s.orgId, columns: { Mail: 'email' } }) },
  { name: 'PUT /rules', kind: 'sysOnly', method: 'PUT', path: () => '/api/v1/rules', body: () => ({ rules: { reporter: [] } }) },
];

const AUTHORITIES: Authority[] = ['sys', 'orgAdmin', 'reporter', 'support'];

/** What each authority may get: a status class or exact codes. */
function expected(kind: Kind, who: Authority, inScope: boolean): number[] | 'ok' {
  const reader = who === 'reporter' || who === 'support';
  switch (kind) {
    case 'open':
      return 'ok';
    case 'sysOnly':
      return who === 'sys' ? 'ok' : [403];
    case 'read':
      return inScope || who === 'sys' ? 'ok' : [404];
    case 'change':
      if (reader) return inScope ? [403] : [403, 404];
      return inScope || who === 'sys' ? 'ok' : [404];
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

  /** A fresh user and pool per case, so one case's change never feeds the next. */
  async function subject(orgId: 's1' | 's3'): Promise<Subject> {
    n++;
    return server.engine.change(null, async (ctx) => {
      const poolId = await createPool(ctx, { orgId, sku: 'elearn', seats: 100, endsAt: future }, `pool_m${n}`);
      const { userId } = await upsertUser(ctx, { email: `m${n}@${orgId}.test`, firstName: 'M', lastName: `${n}`, orgIds: [orgId], roles: ['learner'], source: 'seatwise' });
      return { userId, orgId, poolId };
    });
  }

  for (const route of ROUTES) {
    it(route.name, async () => {
      for (const who of AUTHORITIES) {
        for (const inScope of [true, false]) {
          const s = await subject(inScope ? 's1' : 's3');
          const res = await server.call(route.method, route.path(s), { token: tokens[who], body: route.body?.(s) });
          const want = expected(route.kind, who, inScope);
          const label = `${route.name} as ${who} ${inScope ? 'in' : 'out of'} scope → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`;
          if (want === 'ok') expect(res.status, label).toBeLessThan(300);
          else expect(want, label).toContain(res.status);
          // Nothing of the other district leaks into an in-scope listing.
          if (route.kind === 'open' && who !== 'sys' && res.status === 200) {
            expect(JSON.stringify(res.body), label).not.toMatch(/"(s3|d2|pool_m\d+@s3)"/);
          }
        }
      }
    });
  }
});
