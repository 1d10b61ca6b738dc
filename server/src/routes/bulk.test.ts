import { describe, expect, it } from 'vitest';
import { claimJob, workJob } from '../engine/changes/bulk-jobs.ts';
import { useFixture } from '../testing/test-server.ts';
import { countTurns } from '../testing/turns.ts';

describe('bulk role jobs, activity, rules and the audit chain', () => {
  const fx = useFixture({
    pools: [{ id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 2 }, { id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 10 }],
    users: ['a', 'b', 'c'].map((n) => ({ email: `${n}@s1.test`, orgIds: ['s1'] })).concat([{ email: 'z@s3.test', orgIds: ['s3'] }]),
  });

  it('runs a bulk role job: done per user until seats run out, then refused with a code', async () => {
    const userIds = ['a', 'b', 'c'].map((n) => fx.ids[`${n}@s1.test`]);
    const res = await fx.server.call('POST', '/api/v1/bulk/roles', { token: fx.tokens.orgAdmin, body: { userIds, add: ['observer'], remove: [] } });
    expect(res.status).toBe(202);
    const jobId = await claimJob(fx.server.engine);
    expect(jobId).toBe(res.body.jobId);
    await workJob(fx.server.engine, jobId!);
    const job = await fx.server.call('GET', `/api/v1/jobs/${jobId}`, { token: fx.tokens.orgAdmin });
    expect(job.body).toMatchObject({ status: 'done', total: 3, done: 2, refused: 1 });
    expect(job.body.items[2]).toEqual({ userId: userIds[2], status: 'refused', code: 'license_limit_reached' });
    expect((await fx.server.call('GET', `/api/v1/jobs/${jobId}`, { token: fx.tokens.otherAdmin })).status).toBe(404);
  });

  it('a job gives the event loop a turn between users, so the process keeps answering', async () => {
    const userIds = ['a', 'b', 'c'].map((n) => fx.ids[`${n}@s1.test`]!);
    await fx.server.call('POST', '/api/v1/bulk/roles', { token: fx.tokens.orgAdmin, body: { userIds, add: ['learner'] } });
    const jobId = (await claimJob(fx.server.engine))!;
    const loop = countTurns();
    const before = loop.turns;
    await workJob(fx.server.engine, jobId);
    loop.stop();
    // Embedded queries are synchronous: without explicit turns a whole job would run in one.
    expect(loop.turns - before).toBeGreaterThanOrEqual(userIds.length);
    expect((await fx.server.call('GET', `/api/v1/jobs/${jobId}`, { token: fx.tokens.orgAdmin })).body).toMatchObject({ status: 'done', done: 3 });
  });

  it('a bulk change the host already applied never refuses: who finds no seat waits', async () => {
    const userIds = ['a', 'b', 'c'].map((n) => fx.ids[`${n}@s1.test`]!);
    const res = await fx.server.call('POST', '/api/v1/bulk/roles', { token: fx.tokens.orgAdmin, body: { userIds, add: ['observer'], source: 'host' } });
    await workJob(fx.server.engine, (await claimJob(fx.server.engine))!);
    const job = await fx.server.call('GET', `/api/v1/jobs/${res.body.jobId}`, { token: fx.tokens.orgAdmin });
    expect(job.body).toMatchObject({ status: 'done', done: 3, refused: 0 });
    const c = await fx.server.call('GET', `/api/v1/users/${userIds[2]}`, { token: fx.tokens.sys });
    expect(c.body.user).toMatchObject({ roles: ['observer'], licenses: [{ product: 'weclimb', state: 'waiting' }] });
  });

  it('refuses a bulk job naming users outside the scope', async () => {
    const res = await fx.server.call('POST', '/api/v1/bulk/roles', { token: fx.tokens.orgAdmin, body: { userIds: [fx.ids['z@s3.test']], add: ['learner'] } });
    expect(res.status).toBe(404);
    const both = await fx.server.call('POST', '/api/v1/bulk/roles', { token: fx.tokens.sys, body: { userIds: [fx.ids['a@s1.test']], add: ['learner'], remove: ['learner'] } });
    expect(both.status).toBe(400);
  });

  it('records activity by user id or email; later events win', async () => {
    const res = await fx.server.call('POST', '/api/v1/activity', {
      token: fx.tokens.orgAdmin,
      body: {
        events: [
          { email: 'A@s1.test', product: 'elearn', at: '2026-05-30T10:00:00Z' },
          { userId: fx.ids['a@s1.test'], product: 'elearn', at: '2026-05-01T10:00:00Z' },
          { email: 'z@s3.test', product: 'elearn', at: '2026-05-30T10:00:00Z' },
        ],
      },
    });
    expect(res.body).toEqual({ accepted: 2, unknown: 1 });
    const user = await fx.server.call('GET', `/api/v1/users/${fx.ids['a@s1.test']}`, { token: fx.tokens.sys });
    expect(user.body.user.lastActiveAt).toBe('2026-05-30T10:00:00.000Z');
    const bad = await fx.server.call('POST', '/api/v1/activity', { token: fx.tokens.sys, body: { events: [{ product: 'elearn', at: '2026-05-30T10:00:00Z' }] } });
    expect(bad.status).toBe(400);
  });

  it('rules are readable by all and editable by system admins; new grants follow them', async () => {
    const rules = await fx.server.call('GET', '/api/v1/rules', { token: fx.tokens.reporter });
    expect(rules.body.rules.observer).toEqual(['weclimb']);
    expect((await fx.server.call('PUT', '/api/v1/rules', { token: fx.tokens.orgAdmin, body: { rules: { reporter: ['elearn'] } } })).status).toBe(403);
    const put = await fx.server.call('PUT', '/api/v1/rules', { token: fx.tokens.sys, body: { rules: { reporter: ['elearn'] } } });
    expect(put.body.rules.reporter).toEqual(['elearn']);
    const granted = await fx.server.call('PUT', `/api/v1/users/${fx.ids['a@s1.test']}/roles/reporter`, { token: fx.tokens.sys });
    expect(granted.body.licenses).toMatchObject([{ product: 'elearn' }]);
  });

  it('a rule change re-evaluates existing licenses in a background job', async () => {
    await fx.server.call('PUT', `/api/v1/users/${fx.ids['b@s1.test']}/roles/reporter`, { token: fx.tokens.sys });
    const put = await fx.server.call('PUT', '/api/v1/rules', { token: fx.tokens.sys, body: { rules: { reporter: ['elearn'] } } });
    expect(put.body.jobId).toMatch(/^job_/);
    await workJob(fx.server.engine, (await claimJob(fx.server.engine))!);
    const b = await fx.server.call('GET', `/api/v1/users/${fx.ids['b@s1.test']}`, { token: fx.tokens.sys });
    expect(b.body.user.licenses).toMatchObject([{ product: 'elearn', state: 'active', poolId: 'p_el' }]);
  });

  it('deactivating a product for an organization releases its users\' licenses', async () => {
    await fx.server.call('PUT', `/api/v1/users/${fx.ids['a@s1.test']}/roles/observer`, { token: fx.tokens.sys });
    const patch = await fx.server.call('PATCH', '/api/v1/orgs/s1', { token: fx.tokens.orgAdmin, body: { products: ['elearn'] } });
    expect(patch.body).toMatchObject({ products: ['elearn'], jobId: expect.stringMatching(/^job_/) });
    await workJob(fx.server.engine, (await claimJob(fx.server.engine))!);
    const a = await fx.server.call('GET', `/api/v1/users/${fx.ids['a@s1.test']}`, { token: fx.tokens.sys });
    expect(a.body.user).toMatchObject({ roles: ['observer'], licenses: [] });
    expect(a.body.access[1]).toMatchObject({ product: 'weclimb', hasAccess: false, reason: expect.stringContaining('not activated') });
  });

  it('the audit chain verifies, and a tampered entry is found', async () => {
    await fx.server.call('PUT', `/api/v1/users/${fx.ids['a@s1.test']}/roles/observer`, { token: fx.tokens.sys });
    const ok = await fx.server.call('GET', '/api/v1/audit/verify', { token: fx.tokens.sys });
    expect(ok.body).toMatchObject({ ok: true, brokenAt: null });
    expect(ok.body.entries).toBeGreaterThan(5);
    await fx.server.database.client.execute("update audit_log set after = replace(after, 'p_wc', 'p_xx') where action = 'license.assign'");
    const broken = await fx.server.call('GET', '/api/v1/audit/verify', { token: fx.tokens.sys });
    expect(broken.body.ok).toBe(false);
    expect(broken.body.brokenAt).toBeGreaterThan(0);
    expect((await fx.server.call('GET', '/api/v1/audit/verify', { token: fx.tokens.reporter })).status).toBe(403);
  });

  it('the audit log names who, whom, where and which pool beside the ids', async () => {
    await fx.server.call('PUT', `/api/v1/users/${fx.ids['a@s1.test']}/roles/observer`, { token: fx.tokens.sys });
    const { entries } = (await fx.server.call('GET', `/api/v1/audit?action=license.assign&subjectId=${fx.ids['a@s1.test']}`, { token: fx.tokens.sys })).body;
    expect(entries[0]).toMatchObject({ subjectType: 'user', subjectLabel: 'a@s1.test', orgId: 's1', orgName: expect.any(String), actorEmail: expect.stringContaining('@'), poolName: expect.any(String) });
    expect(entries[0].after.poolId).toBe('p_wc');
    const orgEntry = (await fx.server.call('GET', '/api/v1/audit?action=org.create&limit=1', { token: fx.tokens.sys })).body.entries[0];
    expect(orgEntry.subjectLabel).toBe(orgEntry.after.name);
  });

  it('the audit log is scoped and paginated newest first', async () => {
    const page = await fx.server.call('GET', '/api/v1/audit?limit=2', { token: fx.tokens.sys });
    expect(page.body.entries).toHaveLength(2);
    expect(page.body.entries[0].seq).toBeGreaterThan(page.body.entries[1].seq);
    const next = await fx.server.call('GET', `/api/v1/audit?limit=2&cursor=${page.body.nextCursor}`, { token: fx.tokens.sys });
    expect(next.body.entries[0].seq).toBeLessThan(page.body.entries[1].seq);
    const other = await fx.server.call('GET', '/api/v1/audit?limit=500', { token: fx.tokens.otherAdmin });
    expect(other.body.entries.every((e: any) => ['d2', 's3'].includes(e.orgId))).toBe(true);
    // The same log as CSV, whole and in the same order.
    const csv = await fx.server.call('GET', '/api/v1/audit/export.csv?action=org.create', { token: fx.tokens.sys });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = String(csv.body).trim().split('\n');
    expect(lines[0]).toBe('seq,at,action,actor_id,actor_email,subject_type,subject_id,subject,org_id,organization,pool,before,after,hash,prev_hash');
    const json = await fx.server.call('GET', '/api/v1/audit?action=org.create', { token: fx.tokens.sys });
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(json.body.entries.map((e: any) => e.seq));
  });
});
