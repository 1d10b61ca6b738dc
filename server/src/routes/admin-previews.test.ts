import { describe, expect, it } from 'vitest';
import { claimJob, workJob } from '../engine/changes/bulk-jobs.ts';
import { useFixture } from '../testing/test-server.ts';
import { ok, refused } from '../testing/typed-client.ts';

/**
 * The Administration page's previews: what activating a product, changing a
 * rule or moving a user would do to licenses, changing nothing, and what the
 * change then does agreeing with it.
 */
describe('license previews of organization, rule and transfer changes', () => {
  const fx = useFixture({
    products: { s1: ['elearn'] },
    pools: [
      { id: 'p_w', orgId: 'd1', sku: 'weclimb', seats: 2 },
      { id: 'p_e', orgId: 'd1', sku: 'elearn', seats: 1 },
    ],
    users: [
      { email: 'a1@s1.test', orgIds: ['s1'], roles: ['observer'] },
      { email: 'a2@s1.test', orgIds: ['s1'], roles: ['observer'] },
      { email: 'a3@s1.test', orgIds: ['s1'], roles: ['evaluator'] },
      { email: 'r1@s2.test', orgIds: ['s2'], roles: ['reporter'] },
      { email: 'r2@s2.test', orgIds: ['s2'], roles: ['reporter'] },
    ],
  });
  const sys = () => fx.server.api(fx.tokens.sys);
  const licensesOf = async (email: string) => (await ok(sys().users[':id'].$get({ param: { id: fx.ids[email]! } }))).user.licenses;
  const runJobs = async () => {
    for (let id = await claimJob(fx.server.engine); id; id = await claimJob(fx.server.engine)) await workJob(fx.server.engine, id);
  };
  /** Everything a preview could have touched: the tree, the rules, the pools, the audit log, jobs. */
  const world = async () => ({
    orgs: await ok(sys().orgs.$get()),
    rules: await ok(sys().rules.$get()),
    pools: (await ok(sys().pools.$get({ query: {} }))).pools.map((p) => [p.id, p.assigned]),
    audit: (await ok(sys().audit.verify.$get())).entries,
    job: await claimJob(fx.server.engine),
  });

  it('activating a product previews who gains and who waits, changes nothing, and the licenses then follow the preview', async () => {
    const before = await world();
    const preview = await ok(sys().orgs[':id'].preview.$post({ param: { id: 's1' }, json: { products: ['elearn', 'weclimb'] } }));
    expect(preview).toMatchObject({ users: 4, gain: 2, lose: 0, wait: 1, served: 0 });
    expect(preview.products.find((p) => p.product === 'weclimb')).toEqual({ product: 'weclimb', gain: 2, lose: 0, wait: 1 });
    expect(preview.pools).toEqual([{ poolId: 'p_w', name: expect.any(String), sku: 'weclimb', seats: 2, assignedBefore: 0, assignedAfter: 2, taken: 2, released: 0 }]);
    expect(await world()).toEqual(before);

    await ok(sys().orgs[':id'].$patch({ param: { id: 's1' }, json: { products: ['elearn', 'weclimb'] } }));
    await runJobs();
    const states = await Promise.all(['a1@s1.test', 'a2@s1.test', 'a3@s1.test'].map(async (e) => (await licensesOf(e)).map((l) => l.state)));
    expect(states.flat().sort()).toEqual(['active', 'active', 'waiting']);
  });

  it('deactivating counts who loses and who, waiting elsewhere, gets the seat that comes free', async () => {
    await ok(sys().orgs[':id'].$patch({ param: { id: 's1' }, json: { products: ['elearn', 'weclimb'] } }));
    await runJobs();
    const waiting = await ok(sys().users.$post({ json: { email: 'w@s2.test', firstName: 'W', lastName: 'S', orgIds: ['s2'], roles: ['observer'], source: 'host' } }), 201);
    expect(waiting.changes).toMatchObject([{ kind: 'waiting', product: 'weclimb' }]);

    const preview = await ok(sys().orgs[':id'].preview.$post({ param: { id: 's1' }, json: { products: ['elearn'] } }));
    // Two of s1's users held the two seats (the third was waiting and stops waiting: not a loss); w gets one of them.
    expect(preview).toMatchObject({ gain: 1, lose: 2, wait: 0, served: 1 });
    expect(preview.pools).toMatchObject([{ poolId: 'p_w', assignedBefore: 2, assignedAfter: 1, taken: 1, released: 2 }]);

    await ok(sys().orgs[':id'].$patch({ param: { id: 's1' }, json: { products: ['elearn'] } }));
    await runJobs();
    expect((await ok(sys().users[':id'].$get({ param: { id: waiting.user.id } }))).user.licenses).toMatchObject([{ product: 'weclimb', state: 'active', poolId: 'p_w' }]);
    expect((await ok(sys().pools[':id'].$get({ param: { id: 'p_w' } }))).assigned).toBe(1);
  });

  it('a rule change previews who gains and waits, changes nothing, and PUT /rules then does the same', async () => {
    const before = await world();
    const preview = await ok(sys().rules.preview.$post({ json: { rules: { reporter: ['elearn'] } } }));
    expect(preview).toMatchObject({ users: 2, gain: 1, lose: 0, wait: 1, products: [{ product: 'elearn', gain: 1, lose: 0, wait: 1 }, { product: 'weclimb', gain: 0, lose: 0, wait: 0 }] });
    expect(await world()).toEqual(before);

    await ok(sys().rules.$put({ json: { rules: { reporter: ['elearn'] } } }));
    await runJobs();
    const states = [...(await licensesOf('r1@s2.test')), ...(await licensesOf('r2@s2.test'))].map((l) => l.state).sort();
    expect(states).toEqual(['active', 'waiting']);

    const back = await ok(sys().rules.preview.$post({ json: { rules: { reporter: [] } } }));
    expect(back).toMatchObject({ users: 2, gain: 0, lose: 1, wait: 0 });
  });

  it("a platform move previews the user's license effect as the platform's own move then makes it", async () => {
    await ok(sys().orgs[':id'].$patch({ param: { id: 's1' }, json: { products: ['elearn', 'weclimb'] } }));
    await runJobs();
    const [held] = await licensesOf('a1@s1.test');
    expect(held).toMatchObject({ state: 'active', poolId: 'p_w' });
    await ok(sys().orgs[':id'].$patch({ param: { id: 's2' }, json: { products: ['elearn'] } }));
    await runJobs();

    const before = await world();
    const preview = await ok(sys().users[':id'].transfer.preview.$post({ param: { id: fx.ids['a1@s1.test']! }, json: { orgIds: ['s2'] } }));
    // s2 has not activated weCLIMB: the observer's seat goes back.
    expect(preview).toEqual({ orgIds: ['s2'], homeOrgId: 's2', changes: [{ kind: 'released', product: 'weclimb', poolId: 'p_w', sku: 'weclimb' }] });
    expect(await world()).toEqual(before);
    const unchanged = await ok(sys().users[':id'].transfer.preview.$post({ param: { id: fx.ids['a1@s1.test']! }, json: { orgIds: ['s1', 's2'] } }));
    expect(unchanged.changes).toEqual([]);

    const moved = await ok(sys().users.$post({ json: { email: 'a1@s1.test', firstName: 'Test', lastName: 'User', orgIds: ['s2'], roles: ['observer'], source: 'host' } }));
    expect(moved.changes).toEqual(preview.changes);
  });

  it('refuses bad input in words, and an organization administrator previews only its own organizations and users', async () => {
    const s1Admin = fx.server.api(fx.tokens.orgAdminS1);
    expect((await refused(sys().orgs[':id'].preview.$post({ param: { id: 's1' }, json: { products: ['nope' as 'elearn'] } }), 400)).code).toBe('invalid_request');
    await refused(sys().orgs[':id'].preview.$post({ param: { id: 's1' }, json: {} }), 400);
    await refused(sys().orgs[':id'].preview.$post({ param: { id: 'nowhere' }, json: { products: [] } }), 404);
    await refused(sys().rules.preview.$post({ json: { rules: { nobody: ['elearn'] } as never } }), 400);
    await refused(sys().users[':id'].transfer.preview.$post({ param: { id: fx.ids['a1@s1.test']! }, json: { orgIds: [] } }), 400);

    expect(await ok(s1Admin.orgs[':id'].preview.$post({ param: { id: 's1' }, json: { products: ['elearn', 'weclimb'] } }))).toMatchObject({ gain: 2 });
    await refused(s1Admin.orgs[':id'].preview.$post({ param: { id: 's2' }, json: { products: [] } }), 404);
    await refused(s1Admin.orgs[':id'].preview.$post({ param: { id: 's1' }, json: { parentId: null } }), 403);
    await refused(s1Admin.rules.preview.$post({ json: { rules: { reporter: ['elearn'] } } }), 403);
    await refused(s1Admin.users[':id'].transfer.preview.$post({ param: { id: fx.ids['a1@s1.test']! }, json: { orgIds: ['s2'] } }), 404);
    await refused(s1Admin.users[':id'].transfer.preview.$post({ param: { id: fx.ids['r1@s2.test']! }, json: { orgIds: ['s1'] } }), 404);
    expect(await ok(s1Admin.users[':id'].transfer.preview.$post({ param: { id: fx.ids['a1@s1.test']! }, json: { orgIds: ['s1'] } }))).toMatchObject({ changes: [] });
    await refused(fx.server.api(fx.tokens.reporter).orgs[':id'].preview.$post({ param: { id: 's1' }, json: { products: [] } }), 403);
  });
});
