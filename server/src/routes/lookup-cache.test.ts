import { createClient, type Client } from '@libsql/client';
import { lookupResponseSchema, type LookupResult } from '@seatwise/shared';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../engine/policy/clock.ts';
import { useFixture } from '../testing/test-server.ts';
import { bodyAs } from '../testing/typed-body.ts';
import { ok } from '../testing/typed-client.ts';

/**
 * A process keeps each user's lookup answer while the change versions stand.
 * Every change to anything an answer shows, written through ANOTHER
 * connection to the same file (as another process would: this process's
 * engine never hears of it), must show in the next lookup: only the
 * triggers tell this process. Who sees an answer is decided per request.
 */
describe('lookups kept between requests', () => {
  const fx = useFixture({
    pools: [
      { id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 5, graceDays: 30 },
      { id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 5 },
      { id: 'p_d2', orgId: 'd2', sku: 'elearn', seats: 5 },
    ],
    users: [
      { email: 'ann@s1.test', orgIds: ['s1'], roles: ['learner'], externalId: 'EXT-1' },
      { email: 'bob@s2.test', orgIds: ['s2'], roles: ['learner'] },
      { email: 'cat@s3.test', orgIds: ['s3'], roles: ['learner'] },
      // Homed in d2, authorized in s1 as well: seen from s1 (a second organization gives visibility).
      { email: 'dan@s3.test', orgIds: ['s3', 's1'], roles: [] },
    ],
  });
  let other: Client;
  beforeEach(() => {
    other = createClient({ url: `file:${join(fx.server.dir, 'test.db')}` });
  });
  afterEach(() => other.close());

  /** A lookup over the app's HTTP, its raw body parsed against the shared schema (the answer is assembled from kept JSON). */
  const lookup = async (keys: { emails?: string[]; externalIds?: string[] }, token = fx.tokens.sys): Promise<LookupResult[]> => {
    const res = await fx.server.call('POST', '/api/v1/users/lookup', { token, body: keys });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    return bodyAs(res, lookupResponseSchema).results;
  };
  const ann = async () => (await lookup({ emails: ['ann@s1.test'] }))[0]!;
  const at = (days: number) => addDays(fx.server.clock.current, days).toISOString();

  it('answers exactly what the user view says, before and after it is kept: the identity as the user, the rest once beside it', async () => {
    const { licenses, roles, lastActiveAt, ...identity } = (await ok(fx.server.api(fx.tokens.sys).users[':id'].$get({ param: { id: fx.ids['ann@s1.test']! } }))).user;
    expect(licenses).not.toEqual([]);
    expect(roles).not.toEqual([]);
    // The raw text, not parsed through the schema (which would drop keys it does not name): each fact is sent once.
    const raw = async () => (await fx.server.call('POST', '/api/v1/users/lookup', { token: fx.tokens.sys, body: { emails: ['ann@s1.test'] } })).body;
    const expected = { results: [{ key: 'ann@s1.test', user: identity, licenses, roles, lastActiveAt }] };
    expect(await raw()).toStrictEqual(expected);
    expect(await raw()).toStrictEqual(expected);
    expect(Object.keys(identity).sort()).toEqual(['email', 'externalId', 'firstName', 'id', 'lastName', 'orgIds', 'status']);
  });

  it('answers unknown keys, repeats, odd spelling and external ids as before, cold and kept alike', async () => {
    const keys = { emails: ['nobody@x.test', ' ANN@S1.test ', 'nobody@x.test', 'bob@s2.test'], externalIds: ['NOPE', 'EXT-1', 'ext-1'] };
    const nobody = (key: string) => ({ key, user: null, licenses: [], roles: [], lastActiveAt: null });
    const cold = await lookup(keys);
    expect(cold.map((r) => [r.key, r.user?.email ?? null])).toEqual([
      ['nobody@x.test', null],
      ['ANN@S1.test', 'ann@s1.test'], // the schema trims a key, as it always has
      ['nobody@x.test', null],
      ['bob@s2.test', 'bob@s2.test'],
      ['NOPE', null],
      ['EXT-1', 'ann@s1.test'],
      ['ext-1', null],
    ]);
    expect(cold[0]).toEqual(nobody('nobody@x.test'));
    expect(cold[4]).toEqual(nobody('NOPE'));
    expect(await lookup(keys)).toEqual(cold);
    // A kept entry found by email answers its external id too, and the other way round.
    expect((await lookup({ externalIds: ['EXT-1'] }))[0]).toEqual({ ...cold[1], key: 'EXT-1' });
  });

  /** Each change another connection makes, and what the next lookup must then show of ann@s1.test. */
  const changes: [string, (ids: Record<string, string>) => string[], (answer: LookupResult) => void][] = [
    ['a new first name', () => [`update users set first_name = 'Annabel' where email = 'ann@s1.test'`], (a) => expect(a.user!.firstName).toBe('Annabel')],
    ['a new last name', () => [`update users set last_name = 'Lee-Smith' where email = 'ann@s1.test'`], (a) => expect(a.user!.lastName).toBe('Lee-Smith')],
    ['a new external id', () => [`update users set external_id = 'EXT-9' where email = 'ann@s1.test'`], (a) => expect(a.user!.externalId).toBe('EXT-9')],
    ['a role granted', (ids) => [`insert into user_roles (user_id, role, granted_at) values ('${ids['ann@s1.test']}', 'observer', '${at(0)}')`], (a) => expect(a.roles).toEqual(['observer', 'learner'])],
    ['a role taken away', (ids) => [`delete from user_roles where user_id = '${ids['ann@s1.test']}'`], (a) => expect(a.roles).toEqual([])],
    ['the pool past its end (grace)', () => [`update pools set ends_at = '${at(-1)}' where id = 'p_el'`], (a) => expect(a.licenses).toMatchObject([{ poolId: 'p_el', state: 'grace' }])],
    ['the pool past its grace (suspended)', () => [`update pools set ends_at = '${at(-31)}' where id = 'p_el'`], (a) => expect(a.licenses).toMatchObject([{ poolId: 'p_el', state: 'suspended' }])],
    ['the pool renamed', () => [`update pools set name = 'District eLearn 2026' where id = 'p_el'`], (a) => expect(a.licenses[0]!.poolName).toBe('District eLearn 2026')],
    ['the license released', (ids) => [`delete from assignments where user_id = '${ids['ann@s1.test']}'`], (a) => expect(a.licenses).toEqual([])],
    [
      'a license on another pool',
      (ids) => [`insert into assignments (user_id, product, pool_id, state, since) values ('${ids['ann@s1.test']}', 'weclimb', 'p_wc', 'active', '${at(0)}')`],
      (a) => expect(a.licenses.map((l) => l.poolId)).toEqual(['p_el', 'p_wc']),
    ],
    ['a second organization', (ids) => [`insert into user_orgs (user_id, org_id, position) values ('${ids['ann@s1.test']}', 's2', 1)`], (a) => expect(a.user!.orgIds).toEqual(['s1', 's2'])],
    ['activity reported', (ids) => [`insert into activity (user_id, product, last_at) values ('${ids['ann@s1.test']}', 'elearn', '${at(0)}')`], (a) => expect(a.lastActiveAt).toBe(at(0))],
    ['archived', () => [`update users set status = 'archived' where email = 'ann@s1.test'`], (a) => expect(a.user!.status).toBe('archived')],
  ];

  it.each(changes)('shows %s written by another connection in the next lookup', async (_, statements, expectation) => {
    await ann();
    await ann(); // kept now
    for (const sql of statements(fx.ids)) await other.execute(sql);
    expectation(await ann());
  });

  it('finds a user another connection created after a lookup kept their absence, and loses one whose email changed', async () => {
    expect((await lookup({ emails: ['new@s1.test'] }))[0]!.user).toBeNull();
    await other.batch(
      [
        `insert into users (id, email, first_name, last_name, status, updated_at) values ('usr_new', 'new@s1.test', 'New', 'Person', 'active', '${at(0)}')`,
        `insert into user_orgs (user_id, org_id, position) values ('usr_new', 's1', 0)`,
      ],
      'write',
    );
    expect((await lookup({ emails: ['new@s1.test'] }))[0]!.user?.id).toBe('usr_new');
    await other.execute(`update users set email = 'renamed@s1.test' where id = 'usr_new'`);
    expect((await lookup({ emails: ['new@s1.test', 'renamed@s1.test'] })).map((r) => r.user?.id ?? null)).toEqual([null, 'usr_new']);
  });

  it('bumps a change version for every kind of write a lookup answer depends on', async () => {
    const versions = async () => (await other.execute('select callers + seats + views from change_versions')).rows[0]![0];
    const annId = fx.ids['ann@s1.test']!;
    const writes = [
      `insert into users (id, email, first_name, last_name, status, updated_at) values ('usr_bare', 'bare@s1.test', 'B', 'B', 'active', '${at(0)}')`,
      `update users set first_name = 'X' where id = '${annId}'`,
      `update users set last_name = 'X' where id = '${annId}'`,
      `update users set external_id = 'X' where id = '${annId}'`,
      `update users set email = 'x@s1.test' where id = '${annId}'`,
      `update users set status = 'archived' where id = '${annId}'`,
      `insert into user_orgs (user_id, org_id, position) values ('${annId}', 's2', 1)`,
      `update user_orgs set position = 2 where user_id = '${annId}' and org_id = 's2'`,
      `delete from user_orgs where user_id = '${annId}' and org_id = 's2'`,
      `insert into user_roles (user_id, role, granted_at) values ('${annId}', 'observer', '${at(0)}')`,
      `update user_roles set role = 'teacher' where user_id = '${annId}' and role = 'observer'`,
      `delete from user_roles where user_id = '${annId}' and role = 'teacher'`,
      `insert into activity (user_id, product, last_at) values ('${annId}', 'elearn', '${at(0)}')`,
      `update activity set last_at = '${at(1)}' where user_id = '${annId}'`,
      `delete from activity where user_id = '${annId}'`,
      `insert into assignments (user_id, product, pool_id, state, since) values ('${annId}', 'weclimb', 'p_wc', 'active', '${at(0)}')`,
      `update assignments set state = 'waiting', pool_id = null where user_id = '${annId}' and product = 'weclimb'`,
      `delete from assignments where user_id = '${annId}' and product = 'weclimb'`,
      `update pools set name = 'X' where id = 'p_el'`,
      `update pools set ends_at = '${at(-1)}' where id = 'p_el'`,
      `update pools set grace_days = 1 where id = 'p_el'`,
      `delete from users where id = 'usr_bare'`,
    ];
    for (const sql of writes) {
      const before = await versions();
      await other.execute(sql);
      expect(await versions(), sql).not.toBe(before);
    }
  });

  it('keeps answers: with the name trigger dropped, a rename written elsewhere goes unseen (so the tests above test the triggers)', async () => {
    await ann();
    await other.execute('drop trigger change_versions_users_update_view');
    await other.execute(`update users set first_name = 'Unseen' where email = 'ann@s1.test'`);
    expect((await ann()).user!.firstName).toBe('Test');
  });

  it('turns a kept license to grace, then suspended, as the clock passes the pool’s end, with no write at all', async () => {
    expect((await ann()).licenses).toMatchObject([{ state: 'active' }]);
    fx.server.clock.advanceDays(201); // the fixture's pools end 200 days out
    expect((await ann()).licenses).toMatchObject([{ state: 'grace' }]);
    fx.server.clock.advanceDays(30);
    expect((await ann()).licenses).toMatchObject([{ state: 'suspended' }]);
  });

  it('answers each caller by its own scope after a system admin has had every answer kept', async () => {
    const emails = ['ann@s1.test', 'bob@s2.test', 'cat@s3.test', 'dan@s3.test'];
    const seen = async (token: string) => (await lookup({ emails, externalIds: ['EXT-1'] }, token)).map((r) => r.user?.email ?? null);
    expect(await seen(fx.tokens.sys)).toEqual([...emails, 'ann@s1.test']);
    expect(await seen(fx.tokens.orgAdminS1)).toEqual(['ann@s1.test', null, null, 'dan@s3.test', 'ann@s1.test']);
    expect(await seen(fx.tokens.orgAdmin)).toEqual(['ann@s1.test', 'bob@s2.test', null, 'dan@s3.test', 'ann@s1.test']);
    expect(await seen(fx.tokens.otherAdmin)).toEqual([null, null, 'cat@s3.test', 'dan@s3.test', null]);
    // An answer hidden from a caller is the same as for nobody at all (only the key differs).
    const [hidden] = await lookup({ emails: ['cat@s3.test'] }, fx.tokens.orgAdminS1);
    expect(hidden).toEqual({ key: 'cat@s3.test', user: null, licenses: [], roles: [], lastActiveAt: null });
  });
});
