import { describe, expect, it } from 'vitest';
import { raiseAlerts } from '../alerts/raise.ts';
import { claimJob, workJob } from '../engine/changes/bulk-jobs.ts';
import { useFixture } from '../testing/test-server.ts';
import { errorBody } from '../testing/typed-body.ts';
import { ok, refused } from '../testing/typed-client.ts';

/**
 * Who may change a user, what tokens a caller may issue, and what advice
 * names — through HTTP with the fixture's scoped tokens. `orgAdminS1` is the
 * school admin (scope: s1); s2 is a sibling school of the same district d1;
 * s3 is in the other district. `shared@s3.test` is homed in s3 and also
 * authorised in s1: s1's admin sees it but may not change it.
 */
describe('who may change a user, tokens and advice', () => {
  const fx = useFixture({
    pools: [
      { id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 2 },
      { id: 'p_s1', orgId: 's1', sku: 'weclimb', seats: 1 },
      { id: 'p_s3', orgId: 's3', sku: 'combined', seats: 10 },
    ],
    users: [
      { email: 'a@s1.test', orgIds: ['s1'], roles: ['learner'], externalId: 'A-1' },
      { email: 'b@s2.test', orgIds: ['s2'], roles: ['learner'] },
      { email: 'c@s1.test', orgIds: ['s1'], externalId: 'C-1' },
      { email: 'w@s1.test', orgIds: ['s1'], roles: ['observer'] },
      { email: 'riv@s3.test', orgIds: ['s3'], roles: ['learner'], externalId: 'RIV-1' },
      { email: 'shared@s3.test', orgIds: ['s3', 's1'], roles: ['learner'], externalId: 'SH-1' },
    ],
  });
  const as = (token: string) => fx.server.api(token);
  const sys = () => as(fx.tokens.sys);
  const s1 = () => as(fx.tokens.orgAdminS1);
  const asSys = async (id: string) => (await ok(sys().users[':id'].$get({ param: { id } }))).user;
  const pool = (id: string) => ok(sys().pools[':id'].$get({ param: { id } }));
  const user = (id: string) => ({ param: { id } });
  /** A token for a new staff member homed in `orgId`, issued by the system admin. */
  async function staffToken(orgId: string, authority: 'reporter' | 'support' | 'org_admin') {
    const created = await ok(sys().users.$post({ json: { email: `${authority}.${orgId}@staff.test`, firstName: 'Staff', lastName: orgId, orgIds: [orgId] } }), 201);
    return (await ok(sys().tokens.$post({ json: { userId: created.user.id, authority } }), 201)).token;
  }

  it('1. an upsert cannot take over another school\'s user by its externalId, and a key conflict names only the caller\'s users', async () => {
    for (const externalId of ['RIV-1', 'SH-1']) {
      const owner = fx.ids[externalId === 'RIV-1' ? 'riv@s3.test' : 'shared@s3.test']!;
      const before = await asSys(owner);
      const res = await refused(s1().users.$post({ json: { email: 'new@s1.test', firstName: 'New', lastName: 'Person', externalId, orgIds: ['s1'], roles: ['learner', 'observer'] } }), 403);
      expect(res).toMatchObject({ code: 'forbidden', field: 'externalId' });
      expect(await asSys(owner)).toEqual(before);
    }
    expect((await ok(sys().users.lookup.$post({ json: { emails: ['new@s1.test'] } }))).results[0]!.user).toBeNull();
    // The email's user is the caller's, the externalId's is not: still the 403, never a 409 that confirms the other.
    await refused(s1().users.$post({ json: { email: 'a@s1.test', firstName: 'A', lastName: 'A', externalId: 'RIV-1', orgIds: ['s1'] } }), 403);
    // Both keys belong to the caller's own users: the 409 names only what the caller sent.
    const conflict = await refused(s1().users.$post({ json: { email: 'a@s1.test', firstName: 'A', lastName: 'A', externalId: 'C-1', orgIds: ['s1'] } }), 409);
    expect(conflict.code).toBe('conflict');
  });

  it('2. a caller issues tokens only for users it may change, inside its scope, never above its authority', async () => {
    await refused(s1().tokens.$post({ json: { userId: fx.ids['shared@s3.test']!, authority: 'org_admin' } }), 403);
    await refused(s1().tokens.$post({ json: { userId: fx.ids['b@s2.test']!, authority: 'reporter' } }), 404);
    const above = await refused(s1().tokens.$post({ json: { userId: fx.ids['c@s1.test']!, authority: 'system_admin' } }), 403);
    expect(above.field).toBe('authority');
    await refused(as(fx.tokens.reporter).tokens.$post({ json: { userId: fx.ids['c@s1.test']!, authority: 'reporter' } }), 403);
    const own = await ok(s1().tokens.$post({ json: { userId: fx.ids['c@s1.test']!, authority: 'org_admin' } }), 201);
    expect((await ok(as(own.token).me.$get())).scope.rootOrgId).toBe('s1');
    // Nothing was issued for the refused requests.
    const created = (await ok(sys().audit.$get({ query: { action: 'token.create' } }))).entries.filter((e) => e.actorId !== null);
    expect(created.map((e) => e.subjectId)).toEqual([fx.ids['c@s1.test']]);
  });

  it('3. a user homed elsewhere but authorised here is seen, not changed: transfer, roles, archive, bulk', async () => {
    const id = fx.ids['shared@s3.test']!;
    const before = await asSys(id);
    const seats = (await pool('p_s3')).assigned;
    await ok(s1().users[':id'].$get(user(id)));
    const users = s1().users;
    const attempts = [
      await users[':id'].transfer.$post({ ...user(id), json: { orgIds: ['s1'] } }),
      await users[':id'].roles[':role'].$put({ param: { id, role: 'observer' } }),
      await users[':id'].roles[':role'].$delete({ param: { id, role: 'learner' } }),
      await users[':id'].roles.$put({ ...user(id), json: { roles: ['learner', 'observer'] } }),
      await users[':id'].archive.$post(user(id)),
      await s1().bulk.roles.$post({ json: { userIds: [id], add: ['observer'] } }),
      await users.$post({ json: { email: 'shared@s3.test', firstName: 'S', lastName: 'S', orgIds: ['s1'] } }),
    ];
    expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    expect(await asSys(id)).toEqual(before);
    expect((await pool('p_s3')).assigned).toBe(seats);
  });

  it('3. a bulk job checks each user again when it runs: one moved out of scope meanwhile is refused, not changed', async () => {
    const id = fx.ids['c@s1.test']!;
    const job = await ok(s1().bulk.roles.$post({ json: { userIds: [id, fx.ids['a@s1.test']!], add: ['reporter'] } }), 202);
    await ok(sys().users[':id'].transfer.$post({ ...user(id), json: { orgIds: ['s3'] } }));
    await workJob(fx.server.engine, (await claimJob(fx.server.engine))!);
    const done = await ok(s1().jobs[':id'].$get({ param: { id: job.jobId }, query: {} }));
    expect(done.items).toEqual([
      { userId: id, status: 'refused', code: 'not_found' },
      { userId: fx.ids['a@s1.test'], status: 'done', code: null },
    ]);
    expect((await asSys(id)).roles).toEqual([]);
  });

  it('4. a refusal suggests, and compliance recommends, only users the caller may see (JSON and CSV)', async () => {
    const reporterS1 = await staffToken('s1', 'reporter');
    const supportS1 = await staffToken('s1', 'support');
    // p_el (the district's eLearn pool) is full with a@s1 and b@s2, both never active.
    const learner = { param: { id: fx.ids['c@s1.test']!, role: 'learner' as const } };
    const suggested = (error: Awaited<ReturnType<typeof refused>>) => (error.suggestions as { email: string }[]).map((s) => s.email);
    expect(suggested(await refused(s1().users[':id'].roles[':role'].$put(learner), 409))).toEqual(['a@s1.test']);
    expect(suggested(await refused(as(fx.tokens.orgAdmin).users[':id'].roles[':role'].$put(learner), 409)).sort()).toEqual(['a@s1.test', 'b@s2.test']);

    const reclaimOf = (report: { recommendations: { kind: string; poolId: string; count: number; users: { email: string }[] }[] }) => report.recommendations.find((r) => r.kind === 'reclaim' && r.poolId === 'p_el')!;
    for (const token of [fx.tokens.orgAdminS1, reporterS1, supportS1]) {
      const json = await ok(as(token).reports.compliance.$get({ query: {} }));
      const reclaim = reclaimOf(json);
      expect(reclaim.count).toBe(2);
      expect(reclaim.users.map((u) => u.email)).toEqual(['a@s1.test']);
      expect(JSON.stringify(json)).not.toContain('b@s2.test');
      const csv = await (await as(token).reports.compliance['export.csv'].$get({ query: {} })).text();
      expect(csv).toContain('a@s1.test and 1 more');
      expect(csv).not.toContain('b@s2.test');
    }
    const all = await ok(as(fx.tokens.orgAdmin).reports.compliance.$get({ query: {} }));
    expect(reclaimOf(all).users.map((u) => u.email).sort()).toEqual(['a@s1.test', 'b@s2.test']);
  });

  it('5. creating a user whose email lives outside the scope does not confirm it exists', async () => {
    const create = (email: string) => s1().users.$post({ json: { email, firstName: 'X', lastName: 'Y', orgIds: ['s1'] } });
    const hidden = await refused(create('riv@s3.test'), 403);
    // It echoes the address the caller sent, and says nothing more: not "taken", not where.
    expect(hidden.message.replace('riv@s3.test', '')).not.toMatch(/taken|exist|s3|School|District/i);
    // The same answer whether the user lies in another district or is only seen through a second organization.
    const seen = await refused(create('shared@s3.test'), 403);
    expect(seen.message.replace('shared', 'riv')).toBe(hidden.message);
  });

  it('5. a school admin acknowledges its own alerts, not the district\'s it can see', async () => {
    await raiseAlerts(fx.server.engine);
    const visible = (await ok(s1().alerts.$get())).alerts.map((a) => a.id);
    expect(visible).toEqual(expect.arrayContaining(['usage:p_el', 'usage:p_s1']));
    const ack = (token: string, id: string) => as(token).alerts[':id'].ack.$post({ param: { id: encodeURIComponent(id) } });
    await refused(ack(fx.tokens.orgAdminS1, 'usage:p_el'), 403);
    expect((await ok(as(fx.tokens.orgAdmin).alerts.$get())).alerts.find((a) => a.id === 'usage:p_el')!.acknowledged).toBe(false);
    expect((await ok(ack(fx.tokens.orgAdminS1, 'usage:p_s1'))).acknowledged).toBe(true);
    await ok(ack(fx.tokens.orgAdmin, 'usage:p_el'));
  });
});

describe('bad input is a 4xx naming the field, and changes nothing', () => {
  const fx = useFixture({ users: [{ email: 'ann@s1.test', orgIds: ['s1'] }] });
  /** The refused requests, table-driven and untyped on purpose (the typed client would not send them). */
  const api = (method: string, path: string, body?: unknown) => fx.server.call(method, `/api/v1${path}`, { token: fx.tokens.sys, body });
  const sys = () => fx.server.api(fx.tokens.sys);
  const audited = async () => (await ok(sys().audit.$get({ query: { limit: '1' } }))).entries[0]!.seq;

  it('12. repeated orgIds, a NUL in a name, a pool ending before it starts, activity from the future', async () => {
    const seq = await audited();
    const cases: [string, string, unknown, string][] = [
      ['POST', '/users', { email: 'dup@s1.test', firstName: 'D', lastName: 'U', orgIds: ['s1', 's1'] }, 'orgIds'],
      ['POST', `/users/${fx.ids['ann@s1.test']}/transfer`, { orgIds: ['s2', 's1', 's2'] }, 'orgIds'],
      ['POST', '/users', { email: 'nul@s1.test', firstName: 'Nu\u0000ll', lastName: 'U', orgIds: ['s1'] }, 'firstName'],
      ['POST', '/orgs', { name: 'Annex\u0000', parentId: 'd1' }, 'name'],
      ['POST', '/pools', { orgId: 's1', sku: 'elearn', seats: 5, startsAt: '2026-07-01T00:00:00Z', endsAt: '2026-06-30T00:00:00Z' }, 'endsAt'],
      // No startsAt: it starts now (the test clock, 2026-06-01), so an end last month is refused.
      ['POST', '/pools', { orgId: 's1', sku: 'elearn', seats: 5, endsAt: '2026-05-01T00:00:00Z' }, 'endsAt'],
      ['POST', '/activity', { events: [{ email: 'ann@s1.test', product: 'elearn', at: '2026-06-02T12:00:00Z' }] }, 'events.0.at'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await api(method, path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).toBe(400);
      expect(errorBody(res).message).toContain(field);
    }
    expect(await audited()).toBe(seq);
    expect((await ok(sys().users[':id'].$get({ param: { id: fx.ids['ann@s1.test']! } }))).user.orgIds).toEqual(['s1']);
    // Inside the clock skew (a host a minute ahead) is accepted.
    await ok(sys().activity.$post({ json: { events: [{ email: 'ann@s1.test', product: 'elearn', at: '2026-06-01T12:01:00Z' }] } }));
  });
});

describe('a scoped admin\'s transfer or sync keeps the authorisations outside its scope', () => {
  const fx = useFixture({ users: [{ email: 'multi@s1.test', orgIds: ['s1', 's3'] }, { email: 'two@s1.test', orgIds: ['s1', 's3'], externalId: 'EXT-TWO' }] });

  it('moves the user within its organizations without removing the other district\'s authorisation', async () => {
    const id = fx.ids['multi@s1.test']!;
    const users = (token: string) => fx.server.api(token).users[':id'];
    await ok(users(fx.tokens.orgAdmin).transfer.$post({ param: { id }, json: { orgIds: ['s2', 's1'] } }));
    const orgIds = async () => (await ok(users(fx.tokens.sys).$get({ param: { id } }))).user.orgIds;
    expect(await orgIds()).toEqual(['s2', 's1', 's3']);
    // A system administrator's scope is everything: its list is the whole new set.
    await ok(users(fx.tokens.sys).transfer.$post({ param: { id }, json: { orgIds: ['s1'] } }));
    expect(await orgIds()).toEqual(['s1']);
  });

  it('syncs the platform\'s record of its user, which names the other district\'s organization too, and keeps it', async () => {
    const id = fx.ids['two@s1.test']!;
    const admin = fx.server.api(fx.tokens.orgAdmin);
    const sync = (orgIds: string[]) => admin.users.$post({ json: { email: 'two@s1.test', firstName: 'Two', lastName: 'Orgs', externalId: 'EXT-TWO', orgIds, roles: ['learner'], source: 'host' } });
    const orgIds = async () => (await ok(fx.server.api(fx.tokens.sys).users[':id'].$get({ param: { id } }))).user.orgIds;
    // The platform lists both: the one outside the caller's scope is the user's already, so it stays.
    expect((await ok(sync(['s1', 's3']))).user.roles).toEqual(['learner']);
    expect(await orgIds()).toEqual(['s1', 's3']);
    // A record naming only the caller's organizations moves within them; the other district's stays.
    await ok(sync(['s2']));
    expect(await orgIds()).toEqual(['s2', 's3']);
    // Naming an organization outside its scope that the user does not hold is "not found", and changes nothing.
    expect((await refused(sync(['s2', 'd2']), 404)).message).toContain('organization d2 not found');
    // Only organizations outside its scope would hand the user away: refused, nothing changed.
    expect((await refused(sync(['s3']), 403)).field).toBe('orgIds');
    expect(await orgIds()).toEqual(['s2', 's3']);
  });
});
