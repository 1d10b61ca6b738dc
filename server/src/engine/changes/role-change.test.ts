import type { Role } from '@seatwise/shared';
import { asc, eq, sql } from 'drizzle-orm';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { assignments, auditLog, claims, orgs, pools, seatHolds, userRoles } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import { useFixture, type TestServer } from '../../testing/test-server.ts';
import { Engine, reconcileInTx } from '../engine.ts';
import { seatCounts } from '../queries/candidate-pools.ts';
import { userViews } from '../queries/user-views.ts';
import { appendAudit, verifyAuditChain } from './audit.ts';
import type { Changer } from './planned-change.ts';
import { placeHoldAs, planHoldPlacement, releaseHoldAs } from './hold-change.ts';
import { changeRoles, planRoleChange } from './role-change.ts';
import type { ReconcileInput } from './reconcile.ts';
import { readUserSnapshot } from './user-snapshot.ts';
import { userFingerprint } from './plan-guards.ts';
import { saveRules } from './rules.ts';
import { writeBatch } from './write-batch.ts';

const admin: Changer = { userId: 'usr_admin', authority: 'system_admin', homeOrgId: 'd1', scope: null };
const grant = (userId: string, role: Role): ReconcileInput => ({ userId, roles: { add: [role] }, mode: 'seatwise', how: 'role_grant' });

/** Every row a role change can touch: equal before and after means nothing was written. */
async function everything(server: TestServer) {
  const { db } = server.engine;
  return {
    roles: await db.select().from(userRoles).orderBy(asc(userRoles.userId), asc(userRoles.role)),
    assignments: await db.select().from(assignments).orderBy(asc(assignments.id)),
    pools: await db.select().from(pools).orderBy(asc(pools.id)),
    claims: await db.select().from(claims),
    holds: await db.select().from(seatHolds),
    audit: await db.select().from(auditLog).orderBy(asc(auditLog.seq)),
  };
}

/** Plans `input` from a snapshot read now, to be written later (after the world moved on). */
async function planNow(server: TestServer, input: ReconcileInput) {
  const planned = await planRoleChange(server.engine, admin, input, await readUserSnapshot(server.engine.db, input.userId));
  if (planned.kind !== 'changed') throw new Error(`expected a change, planned ${planned.kind}`);
  return planned;
}

async function expectStale(server: TestServer, batch: Parameters<typeof writeBatch>[1]) {
  const before = await everything(server);
  await expect(writeBatch(server.engine.db, batch)).rejects.toThrow(/stale plan/);
  expect(await everything(server)).toEqual(before);
}

describe('role changes planned from a read and written in one guarded batch', () => {
  const fx = useFixture({
    pools: [
      { id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 1 },
      { id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 5 },
    ],
    users: ['ann', 'bob', 'cy'].map((n) => ({ email: `${n}@s1.test`, orgIds: ['s1'] })),
  });
  const id = (name: string) => fx.ids[`${name}@s1.test`]!;

  /** The round trips `work` sends through a second, counting connection to the test database (warmed first: it knows the audit chain's tail). */
  async function tripsOf(work: (engine: Engine) => Promise<unknown>): Promise<number[]> {
    const trips: number[] = [];
    const counted = await openDatabase(`file:${join(fx.server.dir, 'test.db')}`, undefined, { onRoundTrip: (n) => trips.push(n) });
    try {
      const engine = new Engine(counted.db, fx.server.clock.now);
      await changeRoles(engine, admin, grant(id('ann'), 'reporter'));
      trips.length = 0;
      await work(engine);
      return trips;
    } finally {
      counted.close();
    }
  }

  it('a grant costs one read batch and one write batch: no transaction, so no lock held across round trips', async () => {
    const trips = await tripsOf(async (engine) => {
      const { changes } = await changeRoles(engine, admin, grant(id('ann'), 'observer'));
      expect(changes).toMatchObject([{ kind: 'acquired', product: 'weclimb', poolId: 'p_wc' }]);
    });
    expect(trips).toHaveLength(2);
    expect((await verifyAuditChain(fx.server.engine.db)).ok).toBe(true);
  });

  /** The user's view read afresh now, outside any change. */
  const freshView = async (userId: string) => (await userViews(fx.server.engine.db, [userId], fx.server.engine.now())).get(userId);

  it("a change answers with the user's view read inside its own write batch (no read after it), equal to a fresh read", async () => {
    let answered: Awaited<ReturnType<typeof changeRoles>> | undefined;
    const trips = await tripsOf(async (engine) => (answered = await changeRoles(engine, admin, grant(id('bob'), 'observer'))));
    expect(trips).toHaveLength(2); // the snapshot, then the batch that writes and answers
    expect(answered!.user).toMatchObject({ id: id('bob'), roles: ['observer'], licenses: [{ product: 'weclimb', poolId: 'p_wc', state: 'active' }] });
    expect(answered!.user).toEqual(await freshView(id('bob')));
  });

  it('grants written in one batch each answer the view as their own change left it', async () => {
    const answers = await Promise.all(
      ['ann', 'bob', 'cy'].map((n) => new Promise<Awaited<ReturnType<typeof changeRoles>>>((done, fail) => setImmediate(() => changeRoles(fx.server.engine, admin, grant(id(n), 'learner')).then(done, fail)))),
    );
    for (const [i, n] of ['ann', 'bob', 'cy'].entries()) {
      expect(answers[i]!.user).toMatchObject({ id: id(n), roles: ['learner'] });
      expect(answers[i]!.user).toEqual(await freshView(id(n)));
    }
  });

  it("the snapshot's fingerprint, made from the rows it read, is the text the write guard computes in SQL", async () => {
    const sqlFingerprint = async (userId: string) => (await fx.server.engine.db.values<[string]>(sql`select ${userFingerprint(userId)}`))[0]![0];
    const check = async () => {
      const prints = await Promise.all(['ann', 'bob', 'cy'].map(async (n) => (await readUserSnapshot(fx.server.engine.db, id(n))).fingerprints.user));
      for (const [i, n] of ['ann', 'bob', 'cy'].entries()) expect(prints[i]).toBe(await sqlFingerprint(id(n)));
      return prints.join();
    };
    await check(); // no roles, licenses or holds
    await changeRoles(fx.server.engine, admin, grant(id('bob'), 'observer')); // the last weCLIMB seat
    await changeRoles(fx.server.engine, admin, { userId: id('ann'), roles: { add: ['reporter', 'observer', 'learner'] }, mode: 'host', how: 'host_sync' }); // one license waiting (no pool)
    await placeHoldAs(fx.server.engine, admin, id('cy'), 'learner', 60_000);
    await placeHoldAs(fx.server.engine, admin, id('bob'), 'reporter', 60_000);
    // Every part is there to compare: several roles, an active and a waiting license, holds with their seats.
    expect(await check()).toMatch(/learner,observer,reporter.*\/elearn\/p_el\/active,\d+\/weclimb\/\/waiting.*\/learner\/\[\{/);
  });

  it('grants asked at once share one write batch (group commit), each still audited and chained', async () => {
    // Each asked in its own callback of one event-loop turn, as requests read off the sockets at once are.
    const trips = await tripsOf((engine) =>
      Promise.all(['ann', 'bob', 'cy'].map((n) => new Promise((done, fail) => setImmediate(() => changeRoles(engine, admin, grant(id(n), 'learner')).then(done, fail))))),
    );
    // Three snapshot reads (one statement each), then one batch carrying all three changes.
    expect(trips).toHaveLength(4);
    const { db } = fx.server.engine;
    expect(await db.select().from(userRoles).where(eq(userRoles.role, 'learner'))).toHaveLength(3);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('grants reaching the process over consecutive turns of the event loop still share one batch while they keep coming', async () => {
    // As requests are read off their sockets: one now, one in this turn's callbacks, one in the next turn's.
    const trips = await tripsOf((engine) => {
      const change = (n: string) => changeRoles(engine, admin, grant(id(n), 'learner'));
      const later = new Promise((done, fail) => setImmediate(() => setImmediate(() => change('cy').then(done, fail))));
      const soon = new Promise((done, fail) => setImmediate(() => change('bob').then(done, fail)));
      return Promise.all([change('ann'), soon, later]);
    });
    // Three snapshot reads, then one batch: the group closed only after a turn that brought nothing.
    expect(trips).toHaveLength(4);
    expect(await fx.server.engine.db.select().from(userRoles).where(eq(userRoles.role, 'learner'))).toHaveLength(3);
    expect((await verifyAuditChain(fx.server.engine.db)).ok).toBe(true);
  });

  it('the last seat taken between plan and write: the stale plan changes nothing, and planning again refuses (audited)', async () => {
    const annPlan = await planNow(fx.server, grant(id('ann'), 'observer'));
    await changeRoles(fx.server.engine, admin, grant(id('bob'), 'observer'));
    await expectStale(fx.server, annPlan.batch);

    await expect(changeRoles(fx.server.engine, admin, grant(id('ann'), 'observer'))).rejects.toMatchObject({ code: 'license_limit_reached' });
    const { db } = fx.server.engine;
    expect(await db.select().from(userRoles).where(eq(userRoles.userId, id('ann')))).toEqual([]);
    expect((await db.select().from(pools).where(eq(pools.id, 'p_wc')))[0]).toMatchObject({ assigned: 1, held: 0 });
    expect((await seatCounts(db)).get('p_wc')).toBe(1);
    const refusals = await db.select().from(auditLog).where(eq(auditLog.action, 'license.refused'));
    expect(refusals.map((r) => r.subjectId)).toEqual([id('ann')]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("the user's roles changed between plan and write: stale; each change lands when planned again", async () => {
    const stale = await planNow(fx.server, grant(id('cy'), 'learner'));
    await changeRoles(fx.server.engine, admin, grant(id('cy'), 'reporter'));
    await expectStale(fx.server, stale.batch);
    await changeRoles(fx.server.engine, admin, grant(id('cy'), 'learner'));
    const roles = await fx.server.engine.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, id('cy')));
    expect(roles.map((r) => r.role).sort()).toEqual(['learner', 'reporter']);
  });

  it("the user's roles changed by another process between plan and write: stale, nothing written", async () => {
    const stale = await planNow(fx.server, grant(id('ann'), 'learner'));
    // Another process: its own connections to the same file, its own engine.
    const other = await openDatabase(`file:${join(fx.server.dir, 'test.db')}`);
    try {
      await changeRoles(new Engine(other.db, fx.server.clock.now), admin, grant(id('ann'), 'reporter'));
    } finally {
      other.close();
    }
    await expectStale(fx.server, stale.batch);
  });

  it('a product deactivated between plan and write (the tree guard): stale, and planning again refuses', async () => {
    const stale = await planNow(fx.server, grant(id('ann'), 'observer'));
    await fx.server.engine.change(null, ({ tx }) => tx.update(orgs).set({ products: ['elearn'] }).where(eq(orgs.id, 's1')));
    await expectStale(fx.server, stale.batch);
    await expect(changeRoles(fx.server.engine, admin, grant(id('ann'), 'observer'))).rejects.toMatchObject({ code: 'product_not_activated' });
  });

  it('a role rule changed between plan and write (the rules guard): stale, and planning again follows the new rule', async () => {
    const stale = await planNow(fx.server, grant(id('ann'), 'observer'));
    await fx.server.engine.change(null, ({ tx }) => saveRules(tx, { observer: [] }));
    await expectStale(fx.server, stale.batch);
    expect((await changeRoles(fx.server.engine, admin, grant(id('ann'), 'observer'))).changes).toEqual([]);
    expect((await fx.server.engine.db.select().from(pools).where(eq(pools.id, 'p_wc')))[0]).toMatchObject({ assigned: 0 });
  });

  it('a refusal gone stale (the seat freed meanwhile) is not audited; planning again grants', async () => {
    await changeRoles(fx.server.engine, admin, grant(id('bob'), 'observer'));
    const refusal = await planRoleChange(fx.server.engine, admin, grant(id('ann'), 'observer'), await readUserSnapshot(fx.server.engine.db, id('ann')));
    expect(refusal.kind).toBe('refused');
    await changeRoles(fx.server.engine, admin, { userId: id('bob'), roles: { remove: ['observer'] }, mode: 'seatwise', how: 'role_grant' });
    await expectStale(fx.server, (refusal as Extract<typeof refusal, { kind: 'refused' }>).batch);
    expect((await changeRoles(fx.server.engine, admin, grant(id('ann'), 'observer'))).changes).toMatchObject([{ kind: 'acquired', poolId: 'p_wc' }]);
    expect(await fx.server.engine.db.select().from(auditLog).where(eq(auditLog.action, 'license.refused'))).toEqual([]);
  });

  it('a host save left waiting while a seat freed meanwhile: stale, and planning again takes the seat (nobody waits beside a free seat)', async () => {
    await changeRoles(fx.server.engine, admin, grant(id('bob'), 'observer'));
    const waits = await planNow(fx.server, { ...grant(id('ann'), 'observer'), mode: 'host' });
    expect(waits.result).toMatchObject([{ kind: 'waiting', product: 'weclimb' }]);
    await changeRoles(fx.server.engine, admin, { userId: id('bob'), roles: { remove: ['observer'] }, mode: 'seatwise', how: 'role_grant' });
    await expectStale(fx.server, waits.batch);
    expect((await changeRoles(fx.server.engine, admin, { ...grant(id('ann'), 'observer'), mode: 'host' })).changes).toMatchObject([{ kind: 'acquired', poolId: 'p_wc' }]);
  });

  it('a revoke freeing a seat someone waits for takes the locked path, which serves the queue in the same transaction', async () => {
    await changeRoles(fx.server.engine, admin, grant(id('bob'), 'observer'));
    await changeRoles(fx.server.engine, admin, { ...grant(id('ann'), 'observer'), mode: 'host' });
    const revoke: ReconcileInput = { userId: id('bob'), roles: { remove: ['observer'] }, mode: 'seatwise', how: 'role_grant' };
    expect((await planRoleChange(fx.server.engine, admin, revoke, await readUserSnapshot(fx.server.engine.db, id('bob')))).kind).toBe('locked');
    const { user } = await changeRoles(fx.server.engine, admin, revoke);
    expect(user).toMatchObject({ id: id('bob'), roles: [] });
    expect(user).toEqual(await freshView(id('bob')));
    const annSeat = await fx.server.engine.db.select().from(assignments).where(eq(assignments.userId, id('ann')));
    expect(annSeat).toMatchObject([{ product: 'weclimb', poolId: 'p_wc', state: 'active' }]);
  });

  it('a hold planned on the last seat, taken by a grant meanwhile: stale, changes nothing; planning again refuses the hold', async () => {
    const planned = await planHoldPlacement(fx.server.engine, admin, id('ann'), 'observer', 60_000, await readUserSnapshot(fx.server.engine.db, id('ann')));
    if (planned.kind !== 'changed') throw new Error(planned.kind);
    await changeRoles(fx.server.engine, admin, grant(id('bob'), 'observer'));
    await expectStale(fx.server, planned.batch);
    await expect(placeHoldAs(fx.server.engine, admin, id('ann'), 'observer', 60_000)).rejects.toMatchObject({ code: 'license_limit_reached' });
    expect(await releaseHoldAs(fx.server.engine, admin, id('ann'), 'observer', 'unticked')).toBe(false);
    expect((await fx.server.engine.db.select().from(pools).where(eq(pools.id, 'p_wc')))[0]).toMatchObject({ assigned: 1, held: 0 });
  });

  it('entries another writer appended meanwhile do not make a plan stale: the batch chains on the new tail', async () => {
    const planned = await planNow(fx.server, grant(id('ann'), 'learner'));
    await changeRoles(fx.server.engine, admin, grant(id('cy'), 'learner')); // this process's batch: the tail it knows
    await fx.server.engine.change(null, ({ tx, now }) => appendAudit(tx, now, [{ actorId: null, action: 'test.note', subjectType: 'user', subjectId: id('bob') }]));
    await writeBatch(fx.server.engine.db, planned.batch);
    const last = await fx.server.engine.db.select().from(auditLog).orderBy(asc(auditLog.seq));
    expect(last.slice(-2)).toMatchObject([{ action: 'role.grant', subjectId: id('ann') }, { action: 'license.assign', subjectId: id('ann') }]);
    expect((await verifyAuditChain(fx.server.engine.db)).ok).toBe(true);
  });

  it('a role set written as a planned batch writes the same rows as the locked path (roles, license, claim, counters)', async () => {
    const roleSet = (userId: string): ReconcileInput => ({ userId, roles: { add: ['learner', 'reporter'] }, mode: 'seatwise', how: 'role_grant' });
    await changeRoles(fx.server.engine, admin, roleSet(id('ann')));
    await fx.server.engine.change(admin.userId, (ctx) => reconcileInTx(ctx, roleSet(id('bob'))));
    const { db } = fx.server.engine;
    const rowsOf = async (userId: string) => ({
      roles: (await db.select().from(userRoles).where(eq(userRoles.userId, userId)).orderBy(asc(userRoles.role))).map((r) => r.role),
      licenses: (await db.select().from(assignments).where(eq(assignments.userId, userId))).map(({ product, poolId, state, waitingSince }) => ({ product, poolId, state, waitingSince })),
      claims: (await db.select().from(claims).where(eq(claims.userId, userId))).map(({ product, poolId, sku, how, actorId }) => ({ product, poolId, sku, how, actorId })),
    });
    const planned = await rowsOf(id('ann'));
    expect(planned.roles).toEqual(['learner', 'reporter']);
    expect(planned.licenses).toEqual([{ product: 'elearn', poolId: 'p_el', state: 'active', waitingSince: null }]);
    expect(planned).toEqual(await rowsOf(id('bob')));
    expect((await db.select().from(pools).where(eq(pools.id, 'p_el')))[0]!.assigned).toBe(2);
    expect((await seatCounts(db)).get('p_el')).toBe(2);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('simultaneous grants for one seat, committed together or apart: exactly one lands, every refusal audited, counters equal a recount', async () => {
    const names = ['ann', 'bob', 'cy'];
    const outcomes = await Promise.allSettled(names.map((n) => changeRoles(fx.server.engine, admin, grant(id(n), 'observer'))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ApiError);
    const { db } = fx.server.engine;
    expect(await db.select().from(auditLog).where(eq(auditLog.action, 'license.refused'))).toHaveLength(2);
    expect((await db.select().from(pools).where(eq(pools.id, 'p_wc')))[0]!.assigned).toBe((await seatCounts(db)).get('p_wc'));
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
