import { describe, expect, it } from 'vitest';
import { claimJob, workJob } from '../engine/changes/bulk-jobs.ts';
import { useFixture } from '../testing/test-server.ts';

/** Tree and rule changes re-evaluate exactly the users they touch, and a change that changes nothing re-evaluates no one. */
describe('re-evaluation after tree and rule changes', () => {
  const fx = useFixture({
    pools: [
      { id: 'p_d1', orgId: 'd1', sku: 'weclimb', seats: 5 },
      { id: 'p_d2', orgId: 'd2', sku: 'weclimb', seats: 5 },
    ],
    users: [
      { email: 'a@s1.test', orgIds: ['s1'], roles: ['observer'] },
      { email: 'b@s2.test', orgIds: ['s2'], roles: ['observer', 'reporter'] },
    ],
  });
  const get = (path: string) => fx.server.call('GET', `/api/v1${path}`, { token: fx.tokens.sys });
  const runJob = async () => workJob(fx.server.engine, (await claimJob(fx.server.engine))!);

  it('moving a school to another district moves its users\' seats to the new district\'s pools', async () => {
    expect((await get(`/users/${fx.ids['a@s1.test']}`)).body.user.licenses).toMatchObject([{ product: 'weclimb', poolId: 'p_d1' }]);
    const moved = await fx.server.call('PATCH', '/api/v1/orgs/s1', { token: fx.tokens.sys, body: { parentId: 'd2' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: 'd2', jobId: expect.stringMatching(/^job_/) });
    const job = (await get(`/jobs/${moved.body.jobId}`)).body;
    // Everyone homed in the moved school (the fixture's school admin too), nobody else.
    expect(job.items.map((i: any) => i.userId)).toContain(fx.ids['a@s1.test']);
    expect(job.items.map((i: any) => i.userId)).not.toContain(fx.ids['b@s2.test']);
    await runJob();
    expect((await get(`/users/${fx.ids['a@s1.test']}`)).body.user.licenses).toMatchObject([{ product: 'weclimb', poolId: 'p_d2', state: 'active' }]);
    expect((await get('/pools/p_d1')).body).toMatchObject({ assigned: 1 });
    expect((await get('/pools/p_d2')).body).toMatchObject({ assigned: 1 });
    expect((await get(`/users/${fx.ids['b@s2.test']}`)).body.user.licenses).toMatchObject([{ product: 'weclimb', poolId: 'p_d1' }]);
  });

  it('a patch that leaves the tree and activations as they were re-evaluates no one', async () => {
    const renamed = await fx.server.call('PATCH', '/api/v1/orgs/s1', { token: fx.tokens.sys, body: { name: 'School One Renamed', parentId: 'd1', products: ['weclimb', 'elearn'] } });
    expect(renamed.body).toMatchObject({ name: 'School One Renamed', jobId: null });
    expect(await claimJob(fx.server.engine)).toBeNull();
  });

  it('PUT /rules re-evaluates only the holders of a role whose rule changed; the same rules re-evaluate no one', async () => {
    const current = (await get('/rules')).body.rules;
    const same = await fx.server.call('PUT', '/api/v1/rules', { token: fx.tokens.sys, body: { rules: current } });
    expect(same.status).toBe(200);
    expect(same.body.jobId).toBeNull();
    const changed = await fx.server.call('PUT', '/api/v1/rules', { token: fx.tokens.sys, body: { rules: { reporter: ['elearn'] } } });
    const job = (await get(`/jobs/${changed.body.jobId}`)).body;
    expect(job.items.map((i: any) => i.userId)).toEqual([fx.ids['b@s2.test']]);
  });
});
