import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { pools, type SeatHoldRow } from '../../db/schema.ts';
import { compiledWrite } from './compiled-write.ts';

/** The pools one user takes a seat in: by assignment, and by hold where they hold no assignment (one seat per pool and user). */
export interface UserSeats {
  assigned: Set<string>;
  held: Set<string>;
}

export function userSeatsFrom(assignedPoolIds: (string | null)[], holds: Pick<SeatHoldRow, 'seats'>[]): UserSeats {
  const assigned = new Set(assignedPoolIds.filter((id): id is string => !!id));
  const held = new Set(holds.flatMap((h) => h.seats.map((s) => s.poolId)).filter((id) => !assigned.has(id)));
  return { assigned, held };
}

/** One pool's counters moving: seats assigned and held there, each -1, 0 or +1. */
export interface SeatMove {
  poolId: string;
  assigned: number;
  held: number;
}

/**
 * What one user's seats going from `before` to `after` does to each pool's
 * `assigned` and `held` counters. `freed`: a pool has a seat more free than
 * before (waiting users may be served).
 */
export function seatMoves(before: UserSeats, after: UserSeats): { moves: SeatMove[]; freed: boolean } {
  const moves: SeatMove[] = [];
  for (const poolId of new Set([...before.assigned, ...before.held, ...after.assigned, ...after.held])) {
    const assigned = Number(after.assigned.has(poolId)) - Number(before.assigned.has(poolId));
    const held = Number(after.held.has(poolId)) - Number(before.held.has(poolId));
    if (assigned !== 0 || held !== 0) moves.push({ poolId, assigned, held });
  }
  return { moves, freed: moves.some((m) => m.assigned + m.held < 0) };
}

/** The counter updates of `moves`, built on `exec` (run them in the change's transaction or batch). */
export const counterUpdates = (exec: DbOrTx, moves: SeatMove[]) => moves.map((m) => counterUpdate(exec, { ...m }));

const counterUpdate = compiledWrite(['poolId', 'assigned', 'held'], (v) => sql`update ${pools} set assigned = assigned + ${v.assigned}, held = held + ${v.held} where id = ${v.poolId}`);
