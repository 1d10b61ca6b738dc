import { describe, expect, it } from 'vitest';
import { raiseAlerts } from '../alerts/raise.ts';
import { claimJob, workJob } from '../engine/changes/bulk-jobs.ts';
import { useFixture } from '../testing/test-server.ts';

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
  const api = (method: string, path: string, token: string, body?: unknown) => fx.server.call(method, `/api/v1${path}`, { token, body });
  const asSys = async (id: string) => (await api('GET', `/users/${id}`, fx.tokens.sys)).body.user;
  const pool = async (id: string) => (await api('GET', `/pools/${id}`, fx.tokens.sys)).body;
  /** A token for a new staff member homed in `orgId`, issued by the system admin. */
  async function staffToken(orgId: string, authority: 'reporter' | 'support' | 'org_admin') {
    const user = await api('POST', '/users', fx.tokens.sys, { email: `${authority}.${orgId}@staff.test`, firstName: 'Staff', lastName: orgId, orgIds: [orgId] });
    return (await api('POST', '/tokens', fx.tokens.sys, { userId: user.body.user.id, authority })).body.token as string;
  }

  it('1. an upsert cannot take over another school\'s user by its externalId, and a key conflict names only the caller\'s users', async () => {
    for (const externalId of ['RIV-1', 'SH-1']) {
      const owner = fx.ids[externalId === 'RIV-1' ? 'riv@s3.test' : 'shared@s3.test']!;
      const before = await asSys(owner);
      const res = await api('POST', '/users', fx.tokens.orgAdminS1, { email: 'new@s1.test', firstName: 'New', lastName: 'Person', externalId, orgIds: ['s1'], roles: ['learner', 'observer'] });
      expect(res.status, JSON.stringify(res.body)).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'forbidden', field: 'externalId' });
      expect(await asSys(owner)).toEqual(before);
    }
    expect((await api('POST', '/users/lookup', fx.tokens.sys, { emails: ['new@s1.test'] })).body.results[0].user).toBeNull();
    // The email's user is the caller's, the externalId's is not: still the 403, never a 409 that confirms the other.
    const mixed = await api('POST', '/users', fx.tokens.orgAdminS1, { email: 'a@s1.test', firstName: 'A', lastName: 'A', externalId: 'RIV-1', orgIds: ['s1'] });
    expect(mixed.status).toBe(403);
    // Both keys belong to the caller's own users: the 409 names only what the caller sent.
    const conflict = await api('POST', '/users', fx.tokens.orgAdminS1, { email: 'a@s1.test', firstName: 'A', lastName: 'A', externalId: 'C-1', orgIds: ['s1'] });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('conflict');
  });

  it('2. a caller issues tokens only for users it may change, inside its scope, never above its authority', async () => {
    const shared = await api('POST', '/tokens', fx.tokens.orgAdminS1, { userId: fx.ids['shared@s3.test'], authority: 'org_admin' });
    expect(shared.status).toBe(403);
    const sibling = await api('POST', '/tokens', fx.tokens.orgAdminS1, { userId: fx.ids['b@s2.test'], authority: 'reporter' });
    expect(sibling.status).toBe(404);
    const above = await api('POST', '/tokens', fx.tokens.orgAdminS1, { userId: fx.ids['c@s1.test'], authority: 'system_admin' });
    expect(above.status).toBe(403);
    expect(above.body.error.field).toBe('authority');
    expect((await api('POST', '/tokens', fx.tokens.reporter, { userId: fx.ids['c@s1.test'], authority: 'reporter' })).status).toBe(403);
    const own = await api('POST', '/tokens', fx.tokens.orgAdminS1, { userId: fx.ids['c@s1.test'], authority: 'org_admin' });
    expect(own.status).toBe(201);
    const me = (await api('GET', '/me', own.body.token)).body;
    expect(me.scope.rootOrgId).toBe('s1');
    // Nothing was issued for the refused requests.
    const created = (await api('GET', '/audit?action=token.create', fx.tokens.sys)).body.entries.filter((e: any) => e.actorId !== null);
    expect(created.map((e: any) => e.subjectId)).toEqual([fx.ids['c@s1.test']]);
  });

  it('3. a user homed elsewhere but authorised here is seen, not changed: transfer, roles, archive, bulk', async () => {
    const id = fx.ids['shared@s3.test']!;
    const before = await asSys(id);
    const seats = (await pool('p_s3')).assigned;
    expect((await api('GET', `/users/${id}`, fx.tokens.orgAdminS1)).status).toBe(200);
    const attempts = [
      await api('POST', `/users/${id}/transfer`, fx.tokens.orgAdminS1, { orgIds: ['s1'] }),
      await api('PUT', `/users/${id}/roles/observer`, fx.tokens.orgAdminS1),
      await api('DELETE', `/users/${id}/roles/learner`, fx.tokens.orgAdminS1),
      await api('PUT', `/users/${id}/roles`, fx.tokens.orgAdminS1, { roles: ['learner', 'observer'] }),
      await api('POST', `/users/${id}/archive`, fx.tokens.orgAdminS1),
      await api('POST', '/bulk/roles', fx.tokens.orgAdminS1, { userIds: [id], add: ['observer'] }),
      await api('POST', '/users', fx.tokens.orgAdminS1, { email: 'shared@s3.test', firstName: 'S', lastName: 'S', orgIds: ['s1'] }),
    ];
    expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    expect(await asSys(id)).toEqual(before);
    expect((await pool('p_s3')).assigned).toBe(seats);
  });

  it('3. a bulk job checks each user again when it runs: one moved out of scope meanwhile is refused, not changed', async () => {
    const id = fx.ids['c@s1.test']!;
    const job = await api('POST', '/bulk/roles', fx.tokens.orgAdminS1, { userIds: [id, fx.ids['a@s1.test']], add: ['reporter'] });
    expect(job.status).toBe(202);
    expect((await api('POST', `/users/${id}/transfer`, fx.tokens.sys, { orgIds: ['s3'] })).status).toBe(200);
    await workJob(fx.server.engine, (await claimJob(fx.server.engine))!);
    const done = (await api('GET', `/jobs/${job.body.jobId}`, fx.tokens.orgAdminS1)).body;
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
    const refused = await api('PUT', `/users/${fx.ids['c@s1.test']}/roles/learner`, fx.tokens.orgAdminS1);
    expect(refused.status).toBe(409);
    expect(refused.body.error.suggestions.map((s: any) => s.email)).toEqual(['a@s1.test']);
    const district = await api('PUT', `/users/${fx.ids['c@s1.test']}/roles/learner`, fx.tokens.orgAdmin);
    expect(district.body.error.suggestions.map((s: any) => s.email).sort()).toEqual(['a@s1.test', 'b@s2.test']);

    for (const token of [fx.tokens.orgAdminS1, reporterS1, supportS1]) {
      const json = await api('GET', '/reports/compliance', token);
      const reclaim = json.body.recommendations.find((r: any) => r.kind === 'reclaim' && r.poolId === 'p_el');
      expect(reclaim.count).toBe(2);
      expect(reclaim.users.map((u: any) => u.email)).toEqual(['a@s1.test']);
      expect(JSON.stringify(json.body)).not.toContain('b@s2.test');
      const csv = await api('GET', '/reports/compliance/export.csv', token);
      expect(csv.body).toContain('a@s1.test and 1 more');
      expect(csv.body).not.toContain('b@s2.test');
    }
    const all = await api('GET', '/reports/compliance', fx.tokens.orgAdmin);
    expect(all.body.recommendations.find((r: any) => r.kind === 'reclaim' && r.poolId === 'p_el').users.map((u: any) => u.email).sort()).toEqual(['a@s1.test', 'b@s2.test']);
  });

  it('5. creating a user whose email lives outside the scope does not confirm it exists', async () => {
    const body = (email: string) => ({ email, firstName: 'X', lastName: 'Y', orgIds: ['s1'] });
    const hidden = await api('POST', '/users', fx.tokens.orgAdminS1, body('riv@s3.test'));
    const seen = await api('POST', '/users', fx.tokens.orgAdminS1, body('shared@s3.test'));
    expect(hidden.status).toBe(403);
    // It echoes the address the caller sent, and says nothing more: not "taken", not where.
    expect(hidden.body.error.message.replace('riv@s3.test', '')).not.toMatch(/taken|exist|s3|School|District/i);
    // The same answer whether the user lies in another district or is only seen through a second organization.
    expect(seen.status).toBe(hidden.status);
    expect(seen.body.error.message.replace('shared', 'riv')).toBe(hidden.body.error.message);
  });

  it('5. a school admin acknowledges its own alerts, not the district\'s it can see', async () => {
    await raiseAlerts(fx.server.engine);
    const visible = (await api('GET', '/alerts', fx.tokens.orgAdminS1)).body.alerts as any[];
    const districtAlert = visible.find((a) => a.id === 'usage:p_el');
    const schoolAlert = visible.find((a) => a.id === 'usage:p_s1');
    expect(districtAlert && schoolAlert).toBeTruthy();
    const refused = await api('POST', `/alerts/${encodeURIComponent(districtAlert.id)}/ack`, fx.tokens.orgAdminS1);
    expect(refused.status).toBe(403);
    expect((await api('GET', '/alerts', fx.tokens.orgAdmin)).body.alerts.find((a: any) => a.id === 'usage:p_el').acknowledged).toBe(false);
    expect((await api('POST', `/alerts/${encodeURIComponent(schoolAlert.id)}/ack`, fx.tokens.orgAdminS1)).status).toBe(200);
    expect((await api('POST', `/alerts/${encodeURIComponent(districtAlert.id)}/ack`, fx.tokens.orgAdmin)).status).toBe(200);
  });
});

describe('bad input is a 4xx naming the field, and changes nothing', () => {
  const fx = useFixture({ users: [{ email: 'ann@s1.test', orgIds: ['s1'] }] });
  const api = (method: string, path: string, body?: unknown) => fx.server.call(method, `/api/v1${path}`, { token: fx.tokens.sys, body });
  const audited = async () => (await api('GET', '/audit?limit=1')).body.entries[0].seq;

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
      expect(res.body.error.message).toContain(field);
    }
    expect(await audited()).toBe(seq);
    expect((await api('GET', `/users/${fx.ids['ann@s1.test']}`)).body.user.orgIds).toEqual(['s1']);
    // Inside the clock skew (a host a minute ahead) is accepted.
    expect((await api('POST', '/activity', { events: [{ email: 'ann@s1.test', product: 'elearn', at: '2026-06-01T12:01:00Z' }] })).status).toBe(200);
  });
});

describe('a transfer by a scoped admin keeps the authorisations outside its scope', () => {
  const fx = useFixture({ users: [{ email: 'multi@s1.test', orgIds: ['s1', 's3'] }] });

  it('moves the user within its organizations without removing the other district\'s authorisation', async () => {
    const id = fx.ids['multi@s1.test']!;
    const moved = await fx.server.call('POST', `/api/v1/users/${id}/transfer`, { token: fx.tokens.orgAdmin, body: { orgIds: ['s2', 's1'] } });
    expect(moved.status).toBe(200);
    const user = (await fx.server.call('GET', `/api/v1/users/${id}`, { token: fx.tokens.sys })).body.user;
    expect(user.orgIds).toEqual(['s2', 's1', 's3']);
    // A system administrator's scope is everything: its list is the whole new set.
    await fx.server.call('POST', `/api/v1/users/${id}/transfer`, { token: fx.tokens.sys, body: { orgIds: ['s1'] } });
    expect((await fx.server.call('GET', `/api/v1/users/${id}`, { token: fx.tokens.sys })).body.user.orgIds).toEqual(['s1']);
  });
});
