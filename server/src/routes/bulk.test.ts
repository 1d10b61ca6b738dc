import { describe, expect, it } from 'vitest';
import { importRows, jobItems, jobs } from '../db/schema.ts';
import { claimJob, jobView, workJob } from '../engine/changes/bulk-jobs.ts';
import { useFixture } from '../testing/test-server.ts';
import { ok, refused } from '../testing/typed-client.ts';
import { countTurns } from '../testing/turns.ts';

describe('bulk role jobs, activity, rules and the audit chain', () => {
  const fx = useFixture({
    pools: [{ id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 2 }, { id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 10 }],
    users: ['a', 'b', 'c'].map((n) => ({ email: `${n}@s1.test`, orgIds: ['s1'] })).concat([{ email: 'z@s3.test', orgIds: ['s3'] }]),
  });
  const as = (token: string) => fx.server.api(token);
  const sys = () => as(fx.tokens.sys);
  const admin = () => as(fx.tokens.orgAdmin);
  const abc = () => ['a', 'b', 'c'].map((n) => fx.ids[`${n}@s1.test`]!);
  const job = (id: string, token = fx.tokens.orgAdmin) => as(token).jobs[':id'].$get({ param: { id }, query: {} });
  const userOf = (email: string) => ok(sys().users[':id'].$get({ param: { id: fx.ids[email]! } }));
  const grant = (email: string, role: 'observer' | 'reporter') => ok(sys().users[':id'].roles[':role'].$put({ param: { id: fx.ids[email]!, role } }));

  it('runs a bulk role job: done per user until seats run out, then refused with a code', async () => {
    const userIds = abc();
    const res = await ok(admin().bulk.roles.$post({ json: { userIds, add: ['observer'], remove: [] } }), 202);
    const jobId = (await claimJob(fx.server.engine))!;
    expect(jobId).toBe(res.jobId);
    await workJob(fx.server.engine, jobId);
    const done = await ok(job(jobId));
    expect(done).toMatchObject({ status: 'done', total: 3, done: 2, refused: 1 });
    expect(done.items[2]).toEqual({ userId: userIds[2], status: 'refused', code: 'license_limit_reached' });
    await refused(job(jobId, fx.tokens.otherAdmin), 404);
  });

  it('a job answers counts only, or its refused items a page at a time, for a progress bar polling a big job', async () => {
    const userIds = ['a', 'b', 'c'].map((n) => fx.ids[`${n}@s1.test`]!);
    // Two seats of weCLIMB: a and b take them, c is refused.
    const res = await ok(admin().bulk.roles.$post({ json: { userIds, add: ['observer'] } }), 202);
    await workJob(fx.server.engine, (await claimJob(fx.server.engine))!);
    const get = (query: { items?: 'all' | 'none' | 'refused'; cursor?: string; limit?: string }) => ok(admin().jobs[':id'].$get({ param: { id: res.jobId }, query }));
    expect(await get({ items: 'none' })).toMatchObject({ status: 'done', total: 3, done: 2, refused: 1, items: [] });
    const refusedPage = await get({ items: 'refused', limit: '1' });
    expect(refusedPage).toMatchObject({ total: 3, refused: 1, nextCursor: null });
    expect(refusedPage.items).toEqual([{ userId: userIds[2], status: 'refused', code: 'license_limit_reached' }]);
    expect((await get({ items: 'refused', cursor: '2' })).items).toEqual([]);
    // Queries outside the schema, which the typed client will not build: sent raw.
    const raw = (query: string) => fx.server.call('GET', `/api/v1/jobs/${res.jobId}?${query}`, { token: fx.tokens.orgAdmin });
    expect((await raw('items=some')).status).toBe(400);
    expect((await raw('items=refused&cursor=x')).status).toBe(400);
  });

  it('pages refused items by cursor, each with its file line when the job is an import', async () => {
    const { db } = fx.server.engine;
    await db.insert(jobs).values({ id: 'job_paged', kind: 'import_users', status: 'done', payload: {}, actorId: fx.ids['a@s1.test']!, createdAt: new Date().toISOString() });
    await db.insert(jobItems).values([0, 1, 2, 3, 4].map((seq) => ({ jobId: 'job_paged', seq, userId: `u${seq}`, status: seq === 1 ? ('done' as const) : ('refused' as const), code: seq === 1 ? null : 'not_found' })));
    await db.insert(importRows).values([0, 1, 2, 3, 4].map((seq) => ({ jobId: 'job_paged', seq, line: seq + 2, data: {} })));
    const first = (await jobView(db, 'job_paged', { items: 'refused', limit: 2 }))!;
    expect(first).toMatchObject({ total: 5, done: 1, refused: 4, nextCursor: '2' });
    expect(first.items.map((i) => i.line)).toEqual([2, 4]);
    const second = (await jobView(db, 'job_paged', { items: 'refused', limit: 2, cursor: first.nextCursor! }))!;
    expect(second.items.map((i) => i.line)).toEqual([5, 6]);
    expect(second.nextCursor).toBeNull();
  });

  it('a job gives the event loop a turn between users, so the process keeps answering', async () => {
    const userIds = abc();
    await ok(admin().bulk.roles.$post({ json: { userIds, add: ['learner'] } }), 202);
    const jobId = (await claimJob(fx.server.engine))!;
    const loop = countTurns();
    const before = loop.turns;
    await workJob(fx.server.engine, jobId);
    loop.stop();
    // Embedded queries are synchronous: without explicit turns a whole job would run in one.
    expect(loop.turns - before).toBeGreaterThanOrEqual(userIds.length);
    expect(await ok(job(jobId))).toMatchObject({ status: 'done', done: 3 });
  });

  it('a bulk change the host already applied never refuses: who finds no seat waits', async () => {
    const res = await ok(admin().bulk.roles.$post({ json: { userIds: abc(), add: ['observer'], source: 'host' } }), 202);
    await workJob(fx.server.engine, (await claimJob(fx.server.engine))!);
    expect(await ok(job(res.jobId))).toMatchObject({ status: 'done', done: 3, refused: 0 });
    expect((await userOf('c@s1.test')).user).toMatchObject({ roles: ['observer'], licenses: [{ product: 'weclimb', state: 'waiting' }] });
  });

  it('refuses a bulk job naming users outside the scope', async () => {
    await refused(admin().bulk.roles.$post({ json: { userIds: [fx.ids['z@s3.test']!], add: ['learner'] } }), 404);
    await refused(sys().bulk.roles.$post({ json: { userIds: [fx.ids['a@s1.test']!], add: ['learner'], remove: ['learner'] } }), 400);
  });

  it('records activity by user id or email; later events win', async () => {
    const res = await ok(admin().activity.$post({
      json: {
        events: [
          { email: 'A@s1.test', product: 'elearn', at: '2026-05-30T10:00:00Z' },
          { userId: fx.ids['a@s1.test']!, product: 'elearn', at: '2026-05-01T10:00:00Z' },
          { email: 'z@s3.test', product: 'elearn', at: '2026-05-30T10:00:00Z' },
        ],
      },
    }));
    expect(res).toEqual({ accepted: 2, unknown: 1 });
    expect((await userOf('a@s1.test')).user.lastActiveAt).toBe('2026-05-30T10:00:00.000Z');
    await refused(sys().activity.$post({ json: { events: [{ product: 'elearn', at: '2026-05-30T10:00:00Z' }] } }), 400);
  });

  it('rules are readable by all and editable by system admins; new grants follow them', async () => {
    const rules = await ok(as(fx.tokens.reporter).rules.$get());
    expect(rules.rules.observer).toEqual(['weclimb']);
    await refused(admin().rules.$put({ json: { rules: { reporter: ['elearn'] } } }), 403);
    const put = await ok(sys().rules.$put({ json: { rules: { reporter: ['elearn'] } } }));
    expect(put.rules.reporter).toEqual(['elearn']);
    expect((await grant('a@s1.test', 'reporter')).licenses).toMatchObject([{ product: 'elearn' }]);
  });

  it('a rule change re-evaluates existing licenses in a background job', async () => {
    await grant('b@s1.test', 'reporter');
    const put = await ok(sys().rules.$put({ json: { rules: { reporter: ['elearn'] } } }));
    expect(put.jobId).toMatch(/^job_/);
    await workJob(fx.server.engine, (await claimJob(fx.server.engine))!);
    expect((await userOf('b@s1.test')).user.licenses).toMatchObject([{ product: 'elearn', state: 'active', poolId: 'p_el' }]);
  });

  it('deactivating a product for an organization releases its users\' licenses', async () => {
    await grant('a@s1.test', 'observer');
    const patch = await ok(admin().orgs[':id'].$patch({ param: { id: 's1' }, json: { products: ['elearn'] } }));
    expect(patch).toMatchObject({ products: ['elearn'], jobId: expect.stringMatching(/^job_/) });
    await workJob(fx.server.engine, (await claimJob(fx.server.engine))!);
    const a = await userOf('a@s1.test');
    expect(a.user).toMatchObject({ roles: ['observer'], licenses: [] });
    expect(a.access[1]).toMatchObject({ product: 'weclimb', hasAccess: false, reason: expect.stringContaining('not activated') });
  });

  it('the audit chain verifies, and a tampered entry is found', async () => {
    await grant('a@s1.test', 'observer');
    const whole = await ok(sys().audit.verify.$get());
    expect(whole).toMatchObject({ ok: true, brokenAt: null });
    expect(whole.entries).toBeGreaterThan(5);
    await fx.server.database.client.execute("update audit_log set after = replace(after, 'p_wc', 'p_xx') where action = 'license.assign'");
    const broken = await ok(sys().audit.verify.$get());
    expect(broken.ok).toBe(false);
    expect(broken.brokenAt).toBeGreaterThan(0);
    await refused(as(fx.tokens.reporter).audit.verify.$get(), 403);
  });

  it('the audit log names who, whom, where and which pool beside the ids', async () => {
    await grant('a@s1.test', 'observer');
    const { entries } = await ok(sys().audit.$get({ query: { action: 'license.assign', subjectId: fx.ids['a@s1.test']! } }));
    expect(entries[0]).toMatchObject({ subjectType: 'user', subjectLabel: 'a@s1.test', orgId: 's1', orgName: expect.any(String), actorEmail: expect.stringContaining('@'), poolName: expect.any(String) });
    expect(entries[0]!.after).toMatchObject({ poolId: 'p_wc' });
    const orgEntry = (await ok(sys().audit.$get({ query: { action: 'org.create', limit: '1' } }))).entries[0]!;
    expect(orgEntry.after).toMatchObject({ name: orgEntry.subjectLabel });
  });

  it('the audit log is scoped and paginated newest first', async () => {
    const page = await ok(sys().audit.$get({ query: { limit: '2' } }));
    expect(page.entries).toHaveLength(2);
    expect(page.entries[0]!.seq).toBeGreaterThan(page.entries[1]!.seq);
    const next = await ok(sys().audit.$get({ query: { limit: '2', cursor: page.nextCursor! } }));
    expect(next.entries[0]!.seq).toBeLessThan(page.entries[1]!.seq);
    const other = await ok(as(fx.tokens.otherAdmin).audit.$get({ query: { limit: '500' } }));
    expect(other.entries.every((e) => ['d2', 's3'].includes(e.orgId!))).toBe(true);
    // The same log as CSV, whole and in the same order.
    const csv = await sys().audit['export.csv'].$get({ query: { action: 'org.create' } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('seq,at,action,actor_id,actor_email,subject_type,subject_id,subject,org_id,organization,pool,before,after,hash,prev_hash');
    const json = await ok(sys().audit.$get({ query: { action: 'org.create' } }));
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(json.entries.map((e) => e.seq));
  });
  it('syncs many users in one request and one transaction, audited as the caller; a host change never refuses', async () => {
    const me = await ok(admin().me.$get());
    const users = ['a', 'b', 'c', 'new'].map((n) => ({ email: `${n}@s1.test`, firstName: n, lastName: 'S', orgIds: ['s1'], roles: ['observer' as const], source: 'host' as const }));
    const res = await ok(admin().bulk.users.$post({ json: { users } }));
    expect(res.users.map((u) => u.created)).toEqual([false, false, false, true]);
    expect(res.users[0]!.userId).toBe(fx.ids['a@s1.test']);
    // Two weCLIMB seats for four observers: the host already made them observers, so two wait.
    const found = (await ok(admin().users.lookup.$post({ json: { emails: users.map((u) => u.email) } }))).results;
    expect(found.map((r) => r.licenses.find((l) => l.product === 'weclimb')?.state).sort()).toEqual(['active', 'active', 'waiting', 'waiting']);
    const audit = (await ok(sys().audit.$get({ query: { subjectId: fx.ids['c@s1.test']!, limit: '50' } }))).entries;
    expect(audit.some((e) => e.action.startsWith('role.') && e.actorId === me.user!.id)).toBe(true);
  });

  it('refuses the whole bulk sync, naming the user, when one user or organization is not the caller\'s', async () => {
    const fresh = { email: 'fresh@s1.test', firstName: 'F', lastName: 'S', orgIds: ['s1'], source: 'host' as const };
    const outside = await refused(admin().bulk.users.$post({ json: { users: [fresh, { ...fresh, email: 'z@s3.test' }] } }), 403);
    expect(outside.message).toMatch(/^users\[1\] \(z@s3\.test\)/);
    const org = await refused(admin().bulk.users.$post({ json: { users: [{ ...fresh, orgIds: ['s3'] }] } }), 404);
    expect(org.field).toBe('users[0].orgIds');
    await refused(admin().bulk.users.$post({ json: { users: [fresh, fresh] } }), 400);
    // Nothing of any refused request happened: the first user was never created.
    const lookup = await ok(sys().users.lookup.$post({ json: { emails: ['fresh@s1.test'] } }));
    expect(lookup.results[0]!.user).toBeNull();
  });
});
