import type { ExtractSchema } from 'hono/types';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { AppType } from './app.ts';
import { createTestServer, type TestServer } from './testing/test-server.ts';

/**
 * Every /api/v1 route as `METHOD /path`. The compiler checks this list against
 * `AppType` (what the extension's `hc<AppType>` and the route tests are typed
 * with) and the test below checks it against what the app serves, so a route
 * registered outside the chained routers (untyped for its clients) fails
 * `pnpm typecheck`. A new route: add it here.
 */
const ROUTES = [
  'GET /api/v1/openapi.json',
  'GET /api/v1/health',
  'GET /api/v1/me',
  'GET /api/v1/orgs',
  'POST /api/v1/orgs',
  'GET /api/v1/orgs/:id',
  'PATCH /api/v1/orgs/:id',
  'GET /api/v1/pools',
  'POST /api/v1/pools',
  'GET /api/v1/pools/:id',
  'PATCH /api/v1/pools/:id',
  'POST /api/v1/pools/:id/renewals',
  'POST /api/v1/pools/:id/preview',
  'POST /api/v1/pools/:id/renewals/preview',
  'GET /api/v1/users',
  'POST /api/v1/users',
  'POST /api/v1/users/lookup',
  'GET /api/v1/users/:id',
  'POST /api/v1/users/:id/archive',
  'POST /api/v1/users/:id/transfer',
  'PUT /api/v1/users/:id/roles/:role',
  'DELETE /api/v1/users/:id/roles/:role',
  'PUT /api/v1/users/:id/roles',
  'POST /api/v1/users/:id/roles/preview',
  'GET /api/v1/users/:id/holds',
  'PUT /api/v1/users/:id/holds/:role',
  'DELETE /api/v1/users/:id/holds/:role',
  'POST /api/v1/bulk/roles',
  'POST /api/v1/bulk/users',
  'GET /api/v1/jobs/:id',
  'POST /api/v1/activity',
  'GET /api/v1/dashboard',
  'GET /api/v1/audit',
  'GET /api/v1/audit/export.csv',
  'GET /api/v1/audit/verify',
  'GET /api/v1/rules',
  'PUT /api/v1/rules',
  /* ---- Administration: organizations and rules ---- */
  'POST /api/v1/orgs/:id/preview',
  'POST /api/v1/users/:id/transfer/preview',
  'POST /api/v1/rules/preview',
  'GET /api/v1/tokens',
  'POST /api/v1/tokens',
  'DELETE /api/v1/tokens/:id',
  'GET /api/v1/reports/claims',
  'GET /api/v1/reports/claims/export.csv',
  'GET /api/v1/reports/usage',
  'GET /api/v1/reports/usage/export.csv',
  'GET /api/v1/reports/inactive',
  'GET /api/v1/reports/inactive/export.csv',
  'GET /api/v1/reports/compliance',
  'GET /api/v1/reports/compliance/export.csv',
  'GET /api/v1/reports/history',
  'GET /api/v1/reports/history/export.csv',
  'GET /api/v1/compliance-reports',
  'GET /api/v1/compliance-reports/:id/html',
  'GET /api/v1/compliance-reports/:id/csv',
  'GET /api/v1/settings/compliance-report',
  'PUT /api/v1/settings/compliance-report',
  'GET /api/v1/alerts',
  'POST /api/v1/alerts/:id/ack',
  'GET /api/v1/settings/alerts',
  'PUT /api/v1/settings/alerts',
  'POST /api/v1/settings/alerts/test',
  'GET /api/v1/events',
  'POST /api/v1/imports/:kind',
  'GET /api/v1/imports/mappings/:kind',
  'PUT /api/v1/imports/mappings/:kind',
] as const;

type Schema = ExtractSchema<AppType>;
type V1Path = keyof Schema & `/api/v1/${string}`;
type Method<M> = M extends `$${infer Name}` ? Uppercase<Name> : never;
/** The routes `AppType` carries, spelled as in ROUTES. */
type TypedRoutes = { [P in V1Path]: `${Method<keyof Schema[P]>} ${P}` }[V1Path];

describe('AppType', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server.close());

  it('carries every listed route, and only those (checked by the compiler)', () => {
    expectTypeOf<(typeof ROUTES)[number]>().toEqualTypeOf<TypedRoutes>();
  });

  it('lists every route the app serves', () => {
    const served = new Set(server.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/')).map((r) => `${r.method} ${r.path}`));
    expect([...served].sort()).toEqual([...ROUTES].sort());
  });
});
