import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, seedFixture, type TestServer } from '../testing/test-server.ts';

/**
 * Generated malformed paths, queries, bodies and headers for every route:
 * never a 5xx, and a rejected request changes nothing.
 */
const ROUTES: [string, string][] = [
  ['GET', '/api/v1/me'],
  ['GET', '/api/v1/orgs'],
  ['POST', '/api/v1/orgs'],
  ['GET', '/api/v1/orgs/:id'],
  ['PATCH', '/api/v1/orgs/:id'],
  ['GET', '/api/v1/pools'],
  ['POST', '/api/v1/pools'],
  ['GET', '/api/v1/pools/:id'],
  ['PATCH', '/api/v1/pools/:id'],
  ['POST', '/api/v1/pools/:id/renewals'],
  ['GET', '/api/v1/dashboard'],
  ['GET', '/api/v1/users'],
  ['POST', '/api/v1/users'],
  ['POST', '/api/v1/users/lookup'],
  ['GET', '/api/v1/users/:id'],
  ['POST', '/api/v1/users/:id/archive'],
  ['POST', '/api/v1/users/:id/transfer'],
  ['PUT', '/api/v1/users/:id/roles/:role'],
  ['DELETE', '/api/v1/users/:id/roles/:role'],
  ['PUT', '/api/v1/users/:id/roles'],
  ['POST', '/api/v1/users/:id/roles/preview'],
  ['GET', '/api/v1/users/:id/holds'],
  ['PUT', '/api/v1/users/:id/holds/:role'],
  ['DELETE', '/api/v1/users/:id/holds/:role'],
  ['POST', '/api/v1/bulk/roles'],
  ['GET', '/api/v1/jobs/:id'],
  ['POST', '/api/v1/activity'],
  ['GET', '/api/v1/audit'],
  ['GET', '/api/v1/rules'],
  ['PUT', '/api/v1/rules'],
  ['POST', '/api/v1/tokens'],
];

const weird = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', '..', '%00', '%ZZ', "' or 1=1 --", '<script>', 'null', '-1', '1e999', 'a'.repeat(300), '__proto__', 'constructor'),
);
const field = fc.constantFrom('email', 'firstName', 'lastName', 'orgIds', 'roles', 'source', 'orgId', 'sku', 'seats', 'endsAt', 'startsAt', 'graceDays', 'overagePct', 'userIds', 'add', 'remove', 'events', 'emails', 'externalIds', 'rules', 'name', 'parentId', 'products', 'authority', 'userId');
const value = fc.oneof(fc.jsonValue(), weird, fc.array(weird, { maxLength: 3 }), fc.integer(), fc.double(), fc.constant(null));
const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  weird,
  fc.dictionary(field, value, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
);
const query = fc.dictionary(fc.constantFrom('reason', 'limit', 'cursor', 'orgId', 'role', 'product', 'status', 'q', 'action', 'from', 'to', 'format', 'x'), weird, { maxKeys: 4 });
const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json; charset=utf-16', '');
const auth = fc.constantFrom('valid', 'valid', 'valid', 'none', 'Bearer', 'Basic abc', 'Bearer ' + 'x'.repeat(2000));

describe('fuzzing every route', () => {
  let server: TestServer;
  let tokens: Awaited<ReturnType<typeof seedFixture>>['tokens'];
  let ids: Record<string, string>;

  beforeAll(async () => {
    server = await createTestServer();
    ({ tokens, userIds: ids } = await seedFixture(server, {
      pools: [{ id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 1 }],
      users: [{ email: 'a@s1.test', orgIds: ['s1'], roles: ['observer'] }, { email: 'b@s1.test', orgIds: ['s1'] }],
    }));
  });
  afterAll(() => server.close());

  /** Everything a request could change, in one string. */
  async function fingerprint(): Promise<string> {
    const tables = ['users', 'user_orgs', 'user_roles', 'assignments', 'pools', 'orgs', 'role_rules', 'api_tokens', 'jobs', 'activity', 'audit_log', 'seat_holds'];
    const parts = [];
    for (const t of tables) parts.push(String((await server.database.client.execute(`select count(*) || ':' || coalesce(sum(length(cast(rowid as text))),0) as f from ${t}`)).rows[0]!.f));
    parts.push(String((await server.database.client.execute("select group_concat(user_id || product || coalesce(pool_id,'') || state) as f from assignments")).rows[0]!.f));
    parts.push(String((await server.database.client.execute('select group_concat(id || seats || ends_at || assigned || held) as f from pools')).rows[0]!.f));
    return parts.join('|');
  }

  it('never answers 5xx and rejected requests change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.oneof(fc.constantFrom('USER', 'POOL', 'ORG'), weird),
        fc.oneof(fc.constant('observer'), weird),
        query,
        body,
        contentType,
        auth,
        fc.constantFrom('sys', 'orgAdmin', 'reporter', 'otherAdmin'),
        async ([method, template], id, role, q, b, ct, authMode, who) => {
          const realId = id === 'USER' ? ids['b@s1.test']! : id === 'POOL' ? 'p_wc' : id === 'ORG' ? 's1' : encodeURIComponent(id);
          const path = template.replace(':id', realId).replace(':role', encodeURIComponent(role));
          const search = new URLSearchParams(q).toString();
          const headers: Record<string, string> = {};
          if (ct) headers['content-type'] = ct;
          if (authMode === 'valid') headers.authorization = `Bearer ${tokens[who as keyof typeof tokens]}`;
          else if (authMode !== 'none') headers.authorization = authMode;
          const before = await fingerprint();
          const res = await server.app.request(`${path}${search ? `?${search}` : ''}`, { method, headers, body: method === 'GET' ? undefined : b });
          const text = await res.text();
          expect(res.status, `${method} ${path} → ${text.slice(0, 300)}`).toBeLessThan(500);
          if (res.status >= 400) {
            const error = JSON.parse(text).error;
            expect(typeof error.code).toBe('string');
            expect(typeof error.message).toBe('string');
            // A refusal is audited; any other rejection leaves no trace.
            if (error.code !== 'license_limit_reached' && error.code !== 'product_not_activated') expect(await fingerprint()).toBe(before);
          }
        },
      ),
      { numRuns: 600 },
    );
  });
});
