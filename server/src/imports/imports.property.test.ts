import { importResultSchema, ROLE_LABELS, ROLES } from '@seatwise/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../engine/changes/audit.ts';
import { claimJob, workJob } from '../engine/changes/bulk-jobs.ts';
import { createTestServer, seedFixture, type TestServer } from '../testing/test-server.ts';
import { bodyAs } from '../testing/typed-body.ts';

/**
 * Any roster, imported onto any starting state: the dry run predicts the
 * seats the apply takes, and importing the same file again changes and
 * audits nothing.
 */
const PEOPLE = 6;
const ORGS = ['s1', 's2', 'd1', 'School Two'] as const;

const rowArb = fc.record({
  person: fc.nat(PEOPLE - 1),
  first: fc.constantFrom('Ana', 'Zoë', 'Li', 'O"Neil'),
  orgs: fc.uniqueArray(fc.constantFrom(...ORGS), { minLength: 1, maxLength: 2 }),
  roles: fc.subarray([...ROLES], { maxLength: 3 }),
  withId: fc.boolean(),
});
const rosterArb = fc.uniqueArray(rowArb, { selector: (r) => r.person, maxLength: PEOPLE });
const cell = (s: string) => `"${s.replaceAll('"', '""')}"`;

type Row = typeof rowArb extends fc.Arbitrary<infer R> ? R : never;

function toCsv(rows: Row[]): string {
  const lines = rows.map((r) =>
    [r.first, 'Tester', `p${r.person}@s.test`, r.withId ? `MT-${r.person}` : '', r.orgs.join(';'), r.roles.map((x) => ROLE_LABELS[x]).join(';')].map(cell).join(','),
  );
  return ['First Name,Last Name,Email,State Educator ID,Organizations,Roles', ...lines].join('\r\n');
}

async function state(server: TestServer) {
  const q = async (sql: string) => (await server.database.client.execute(sql)).rows.map((r) => JSON.stringify(r));
  return {
    users: await q('select email, first_name, last_name, external_id, status from users order by email'),
    orgs: await q('select user_id, org_id, position from user_orgs order by user_id, org_id'),
    roles: await q('select user_id, role from user_roles order by user_id, role'),
    seats: await q('select user_id, product, pool_id, state from assignments order by user_id, product'),
    pools: await q('select id, assigned from pools order by id'),
    audit: await q('select count(*) from audit_log'),
  };
}

async function importUsers(server: TestServer, token: string, file: string, query = '') {
  const res = await server.call('POST', `/api/v1/imports/users${query}`, { token, body: file, headers: { 'content-type': 'text/csv' } });
  for (let id = await claimJob(server.engine); id; id = await claimJob(server.engine)) await workJob(server.engine, id);
  return res;
}

describe('users import, property', () => {
  it('predicts its seats and is idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(rosterArb, rosterArb, fc.nat(3), fc.nat(3), async (start, roster, elSeats, wcSeats) => {
        const server = await createTestServer();
        try {
          const { tokens } = await seedFixture(server, { pools: [{ id: 'p_el', orgId: 'd1', sku: 'elearn', seats: elSeats }, { id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: wcSeats }, { id: 'p_co', orgId: 's1', sku: 'combined', seats: 1 }] });
          await importUsers(server, tokens.orgAdmin, toCsv(start));
          const dry = await server.call('POST', '/api/v1/imports/users?dryRun=true', { token: tokens.orgAdmin, body: toCsv(roster), headers: { 'content-type': 'text/csv' } });
          const { report } = bodyAs(dry, importResultSchema);
          expect(report.invalid).toEqual([]);
          await importUsers(server, tokens.orgAdmin, toCsv(roster));
          const after = await state(server);
          const assigned = Object.fromEntries(after.pools.map((p) => [JSON.parse(p).id, JSON.parse(p).assigned]));
          for (const p of report.pools) expect(assigned[p.poolId], p.poolId).toBe(p.assignedAfter);

          const again = await importUsers(server, tokens.orgAdmin, toCsv(roster));
          expect(again.status).toBe(200);
          expect(again.body).toMatchObject({ jobId: null, report: { created: 0, updated: 0, unchanged: roster.length } });
          expect(await state(server)).toEqual(after);
          expect((await verifyAuditChain(server.engine.db)).ok).toBe(true);
        } finally {
          server.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
