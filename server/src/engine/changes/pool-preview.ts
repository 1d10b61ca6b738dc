import type { Pool, PoolPreview, User } from '@seatwise/shared';
import { eq } from 'drizzle-orm';
import { assignments, pools } from '../../db/schema.ts';
import { loadWaitingQueue } from '../../imports/users-plan.ts';
import { SeatSimulation } from '../../imports/seat-simulation.ts';
import type { Engine } from '../engine.ts';
import { capacity, daysLeft, licenseStateFor, poolState, usagePct } from '../policy/pool-state.ts';
import { loadOrgTree } from '../queries/org-tree.ts';
import { userViews } from '../queries/user-views.ts';
import { requireEndsAfterStart, type PoolTermsPatch } from './pools.ts';
import { loadRules } from './rules.ts';

const NAMED_USERS = 50;

/**
 * What changing a pool's terms (a renewal, or a change of seats, term, grace
 * or overage) would do, read without the write lock and writing nothing: the
 * licenses on its seats change state with the pool, and the seats it frees
 * go to the waiting queue as the engine serves it (the import dry run's seat
 * simulation, which plans each user with the engine's own planner). The
 * change itself re-plans under the lock, so a seat taken in between counts there.
 */
export async function previewPoolChange(engine: Engine, before: Pool, patch: PoolTermsPatch, mayName: (user: User) => boolean): Promise<PoolPreview> {
  const { db } = engine;
  const now = engine.now();
  const rows = await db.select().from(pools);
  const row = rows.find((r) => r.id === before.id)!;
  const next = { ...row, ...patch };
  requireEndsAfterStart(next.startsAt, next.endsAt);

  const sim = new SeatSimulation(
    rows.map((r) => (r.id === row.id ? next : r)),
    await loadOrgTree(db),
    await loadRules(db),
    now,
  );
  await loadWaitingQueue(db, sim);
  const served = sim.serveWaiting();
  const effect = sim.effects().find((e) => e.poolId === row.id);
  const assigned = effect?.assignedAfter ?? row.assigned;
  const ceiling = capacity(next);
  const state = poolState(next, now);

  const after: Pool = {
    ...before,
    seats: next.seats,
    endsAt: next.endsAt,
    graceDays: next.graceDays,
    overagePct: next.overagePct,
    assigned,
    available: Math.max(0, ceiling - assigned - row.held),
    usagePct: usagePct(assigned, next.seats),
    state,
    daysLeft: daysLeft(next, now),
    overAllocated: assigned > ceiling,
    waiting: Math.max(0, before.waiting - (effect?.take ?? 0)),
  };
  const held = await db.$count(assignments, eq(assignments.poolId, row.id));
  return {
    before,
    after,
    licenses: { count: held, before: licenseStateFor(before.state), after: licenseStateFor(state) },
    served: { count: served.length, users: await namedUsers(engine, served, mayName) },
    overAllocatedBy: Math.max(0, assigned - ceiling),
  };
}

/** The served users the caller may see, in queue order. */
async function namedUsers(engine: Engine, ids: string[], mayName: (user: User) => boolean): Promise<PoolPreview['served']['users']> {
  const views = await userViews(engine.db, ids, engine.now());
  return ids
    .map((id) => views.get(id))
    .filter((u): u is User => !!u && mayName(u))
    .slice(0, NAMED_USERS)
    .map((u) => ({ id: u.id, email: u.email, name: `${u.firstName} ${u.lastName}` }));
}
