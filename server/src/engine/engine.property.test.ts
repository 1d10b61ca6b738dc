import { ROLES, SKU_PRODUCTS, type Role } from '@seatwise/shared';
import fc from 'fast-check';
import { asc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { assignments, auditLog, pools, seatHolds, userOrgs, userRoles } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { placeHoldAs, releaseHoldAs } from './changes/hold-change.ts';
import { expireHolds } from './changes/holds.ts';
import { createTestServer, seedFixture, type TestServer } from '../testing/test-server.ts';
import { verifyAuditChain } from './changes/audit.ts';
import { candidatePools, seatCounts } from './queries/candidate-pools.ts';
import { reconcileInTx } from './engine.ts';
import { loadOrgTree } from './queries/org-tree.ts';
import { userViews } from './queries/user-views.ts';
import { capacity, canAssignFrom, poolState } from './policy/pool-state.ts';
import { renewPool, updatePool } from './changes/pools.ts';
import { isRefusal } from './changes/reconcile.ts';
import { changeRoles } from './changes/role-change.ts';

/**
 * Random sequences of everything that can happen to licenses, checked after
 * every step against the rules that must always hold.
 */
const USERS = 4;
const POOLS = ['p_el', 'p_wc', 'p_co'] as const;

type Op =
  | { kind: 'setRoles'; user: number; roles: Role[]; source: 'seatwise' | 'host' }
  | { kind: 'race'; changes: { user: number; roles: Role[]; source: 'seatwise' | 'host' }[] }
  | { kind: 'archive'; user: number }
  | { kind: 'transfer'; user: number; org: 's1' | 's2' | 's3' }
  | { kind: 'seats'; pool: (typeof POOLS)[number]; seats: number }
  | { kind: 'renew'; pool: (typeof POOLS)[number]; days: number; seats?: number }
  | { kind: 'clock'; days: number }
  | { kind: 'hold'; user: number; role: Role }
  | { kind: 'unhold'; user: number; role: Role }
  | { kind: 'expireHolds' };

const roleSetArb = fc.record({ user: fc.nat(USERS - 1), roles: fc.subarray([...ROLES], { maxLength: 3 }), source: fc.constantFrom('seatwise' as const, 'host' as const) });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: roleSetArb.map((r) => ({ kind: 'setRoles' as const, ...r })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('race' as const), changes: fc.array(roleSetArb, { minLength: 2, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('archive' as const), user: fc.nat(USERS - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const), user: fc.nat(USERS - 1), org: fc.constantFrom('s1' as const, 's2' as const, 's3' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('seats' as const), pool: fc.constantFrom(...POOLS), seats: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('renew' as const), pool: fc.constantFrom(...POOLS), days: fc.integer({ min: 1, max: 400 }), seats: fc.option(fc.nat(4), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clock' as const), days: fc.integer({ min: 1, max: 120 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('hold' as const), user: fc.nat(USERS - 1), role: fc.constantFrom(...ROLES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unhold' as const), user: fc.nat(USERS - 1), role: fc.constantFrom(...ROLES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expireHolds' as const) }) },
);

/** The paths the API takes for role sets and holds (planned changes written in one guarded batch), as a system administrator. */
const sysAdmin = { userId: 'usr_prop_admin', authority: 'system_admin' as const, homeOrgId: null, scope: null };

async function apply(server: TestServer, ids: string[], op: Op) {
  const { engine } = server;
  const setRoles = (c: { user: number; roles: Role[]; source: 'seatwise' | 'host' }) =>
    changeRoles(engine, sysAdmin, { userId: ids[c.user]!, roles: c.roles, mode: c.source, how: 'role_grant' });
  try {
    switch (op.kind) {
      case 'setRoles': {
        // The view a change answers with (read in its own write batch) is the user as a fresh read finds them.
        const { user } = await setRoles(op);
        expect(user).toEqual((await userViews(engine.db, [user.id], engine.now())).get(user.id));
        return;
      }
      case 'race': {
        // Role sets at once, as HTTP requests arrive: planned from snapshots, committed together or re-planned.
        const outcomes = await Promise.allSettled(op.changes.map(setRoles));
        for (const o of outcomes) if (o.status === 'rejected' && !isRefusal(o.reason)) throw o.reason;
        return;
      }
      case 'archive':
        return await engine.change(null, (ctx) => reconcileInTx(ctx, { userId: ids[op.user]!, archive: true, mode: 'seatwise', how: 'role_grant' }));
      case 'transfer':
        return await engine.change(null, (ctx) => reconcileInTx(ctx, { userId: ids[op.user]!, orgIds: [op.org], mode: 'seatwise', how: 'transfer' }));
      case 'seats':
        return await engine.change(null, (ctx) => updatePool(ctx, op.pool, { seats: op.seats }));
      case 'renew':
        return await engine.change(null, (ctx) => renewPool(ctx, op.pool, { endsAt: new Date(ctx.now.getTime() + op.days * 86400000).toISOString(), seats: op.seats }));
      case 'clock':
        return server.clock.advanceDays(op.days);
      case 'hold':
        return await placeHoldAs(engine, sysAdmin, ids[op.user]!, op.role, 15 * 60_000);
      case 'unhold':
        return await releaseHoldAs(engine, sysAdmin, ids[op.user]!, op.role, 'unticked');
      case 'expireHolds':
        return await expireHolds(engine);
    }
  } catch (error) {
    // A hold for a role the user has, or for an archived user, is a 409 conflict: refused like a seat.
    if (!isRefusal(error) && !(error instanceof ApiError && error.code === 'conflict')) throw error;
  }
}

/** Seats reserved by holds per pool, counted from the holds themselves: users with a hold seat there and no assignment there. */
async function heldCounts(server: TestServer): Promise<Map<string, number>> {
  const db = server.engine.db;
  const sitting = new Set((await db.select().from(assignments)).filter((a) => a.poolId).map((a) => `${a.poolId}/${a.userId}`));
  const reserved = new Set((await db.select().from(seatHolds)).flatMap((h) => h.seats.map((s) => `${s.poolId}/${h.userId}`)).filter((k) => !sitting.has(k)));
  const counts = new Map<string, number>();
  for (const k of reserved) counts.set(k.split('/')[0]!, (counts.get(k.split('/')[0]!) ?? 0) + 1);
  return counts;
}

async function snapshotCounts(server: TestServer) {
  const db = server.engine.db;
  const rows = await db.select().from(pools);
  const counts = await seatCounts(db);
  const held = await heldCounts(server);
  return new Map(rows.map((p) => [p.id, { taken: (counts.get(p.id) ?? 0) + (held.get(p.id) ?? 0), capacity: capacity(p) }]));
}

async function checkInvariants(server: TestServer, before: Awaited<ReturnType<typeof snapshotCounts>>) {
  const db = server.engine.db;
  const now = server.clock.now();
  // 1. No step pushes a pool past its capacity, seats held counted as taken (lowering seats may leave it over, never grow it).
  const after = await snapshotCounts(server);
  for (const [id, a] of after) {
    const b = before.get(id)!;
    expect(a.taken, `pool ${id}`).toBeLessThanOrEqual(Math.max(a.capacity, b.taken));
  }
  // 1b. Each pool's seat counters equal the seats its assignments and holds take.
  const truth = await seatCounts(db);
  const heldTruth = await heldCounts(server);
  for (const p of await db.select().from(pools)) {
    expect(p.assigned, `counter of ${p.id}`).toBe(truth.get(p.id) ?? 0);
    expect(p.held, `held counter of ${p.id}`).toBe(heldTruth.get(p.id) ?? 0);
  }
  // 1c. A hold is never for a role its user already has, nor for an archived user.
  const roles = new Set((await db.select().from(userRoles)).map((r) => `${r.userId}/${r.role}`));
  for (const h of await db.select().from(seatHolds)) expect(roles.has(`${h.userId}/${h.role}`), `hold ${h.id} on a granted role`).toBe(false);
  // 2. One license per user and product; a pool row covers its product.
  const rows = await db.select().from(assignments);
  const keys = rows.map((r) => `${r.userId}/${r.product}`);
  expect(new Set(keys).size).toBe(keys.length);
  const poolRows = new Map((await db.select().from(pools)).map((p) => [p.id, p]));
  for (const r of rows) if (r.poolId) expect(SKU_PRODUCTS[poolRows.get(r.poolId)!.sku]).toContain(r.product);
  // 3. Nobody waits while a pool they could draw from has a free seat.
  const tree = await loadOrgTree(db);
  const homes = new Map((await db.select().from(userOrgs)).filter((u) => u.position === 0).map((u) => [u.userId, u.orgId]));
  for (const w of rows.filter((r) => r.state === 'waiting')) {
    const candidates = await candidatePools(db, tree, homes.get(w.userId)!, now);
    const free = candidates.filter((p) => SKU_PRODUCTS[p.sku].includes(w.product) && canAssignFrom(p.state) && p.assigned + p.held < p.capacity);
    expect(free, `${w.userId} waits for ${w.product} beside a free seat`).toEqual([]);
  }
  // 4. The audit chain verifies, and replaying it gives the assignments.
  expect((await verifyAuditChain(db)).ok).toBe(true);
  const replay = new Map<string, string>();
  for (const e of await db.select().from(auditLog).orderBy(asc(auditLog.seq))) {
    const before = e.before ? JSON.parse(e.before) : null;
    const after = e.after ? JSON.parse(e.after) : null;
    if (e.action === 'license.release') replay.delete(`${e.subjectId}/${before.product}`);
    if (e.action === 'license.assign' || e.action === 'license.wait') replay.set(`${e.subjectId}/${after.product}`, `${after.poolId}/${after.state}`);
  }
  expect(Object.fromEntries(replay)).toEqual(Object.fromEntries(rows.map((r) => [`${r.userId}/${r.product}`, `${r.poolId}/${r.state}`])));
  void poolState;
}

describe('license engine invariants (property)', () => {
  it('hold across random grants, revokes, host syncs, archives, transfers, seat changes, renewals, clock moves and seat holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const server = await createTestServer();
        try {
          const { userIds } = await seedFixture(server, {
            pools: [
              { id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 1, endsInDays: 90 },
              { id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 1, endsInDays: 45 },
              { id: 'p_co', orgId: 'd1', sku: 'combined', seats: 1, endsInDays: 200 },
            ],
            users: Array.from({ length: USERS }, (_, i) => ({ email: `u${i}@s1.test`, orgIds: [i % 2 ? 's1' : 's2'] })),
          });
          const ids = Array.from({ length: USERS }, (_, i) => userIds[`u${i}@s1.test`]!);
          for (const op of ops) {
            const before = await snapshotCounts(server);
            await apply(server, ids, op);
            await checkInvariants(server, before);
          }
        } finally {
          server.close();
        }
      }),
      { numRuns: 100 },
    );
    // A hundred random histories on real databases: longer than one request's test, never a speed check.
  }, 240_000);
});
