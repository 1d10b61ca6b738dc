import { describe, expect, it } from 'vitest';
import { claimJob, workJob } from '../engine/changes/bulk-jobs.ts';
import { useFixture } from '../testing/test-server.ts';
import { ok } from '../testing/typed-client.ts';

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
  const sys = () => fx.server.api(fx.tokens.sys);
  const licensesOf = async (email: string) => (await ok(sys().users[':id'].$get({ param: { id: fx.ids[email]! } }))).user.licenses;
  const job = (id: string | null) => ok(sys().jobs[':id'].$get({ param: { id: id! }, query: {} }));
  const runJob = async () => workJob(fx.server.engine, (await claimJob(fx.server.engine))!);

  it('moving a school to another district moves its users\' seats to the new district\'s pools', async () => {
    expect(await licensesOf('a@s1.test')).toMatchObject([{ product: 'weclimb', poolId: 'p_d1' }]);
    const moved = await ok(sys().orgs[':id'].$patch({ param: { id: 's1' }, json: { parentId: 'd2' } }));
    expect(moved).toMatchObject({ parentId: 'd2', jobId: expect.stringMatching(/^job_/) });
    const items = (await job(moved.jobId)).items.map((i) => i.userId);
    // Everyone homed in the moved school (the fixture's school admin too), nobody else.
    expect(items).toContain(fx.ids['a@s1.test']);
    expect(items).not.toContain(fx.ids['b@s2.test']);
    await runJob();
    expect(await licensesOf('a@s1.test')).toMatchObject([{ product: 'weclimb', poolId: 'p_d2', state: 'active' }]);
    expect(await ok(sys().pools[':id'].$get({ param: { id: 'p_d1' } }))).toMatchObject({ assigned: 1 });
    expect(await ok(sys().pools[':id'].$get({ param: { id: 'p_d2' } }))).toMatchObject({ assigned: 1 });
    expect(await licensesOf('b@s2.test')).toMatchObject([{ product: 'weclimb', poolId: 'p_d1' }]);
  });

  it('a patch that leaves the tree and activations as they were re-evaluates no one', async () => {
    const renamed = await ok(sys().orgs[':id'].$patch({ param: { id: 's1' }, json: { name: 'School One Renamed', parentId: 'd1', products: ['weclimb', 'elearn'] } }));
    expect(renamed).toMatchObject({ name: 'School One Renamed', jobId: null });
    expect(await claimJob(fx.server.engine)).toBeNull();
  });

  it('PUT /rules re-evaluates only the holders of a role whose rule changed; the same rules re-evaluate no one', async () => {
    const { rules } = await ok(sys().rules.$get());
    const same = await ok(sys().rules.$put({ json: { rules } }));
    expect(same.jobId).toBeNull();
    const changed = await ok(sys().rules.$put({ json: { rules: { reporter: ['elearn'] } } }));
    expect((await job(changed.jobId)).items.map((i) => i.userId)).toEqual([fx.ids['b@s2.test']]);
  });
});
