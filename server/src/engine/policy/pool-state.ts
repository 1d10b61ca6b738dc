import { LIFECYCLE_DEFAULTS, type LicenseState, type PoolState } from '@seatwise/shared';
import { DAY_MS } from './clock.ts';

/** The pool fields the lifecycle rules need. */
export interface PoolTerms {
  seats: number;
  endsAt: string;
  graceDays: number;
  overagePct: number;
}

/** The moments a pool enters expiring (renewal window), grace (its end) and expired (after grace). */
function turnsOf(pool: Pick<PoolTerms, 'endsAt' | 'graceDays'>): [number, number, number] {
  const end = Date.parse(pool.endsAt);
  return [end - LIFECYCLE_DEFAULTS.renewalWindowDays * DAY_MS, end, end + pool.graceDays * DAY_MS];
}

const STATES_IN_ORDER: PoolState[] = ['active', 'expiring', 'grace', 'expired'];

/** active → expiring (renewal window) → grace (after the end) → expired (after grace). */
export function poolState(pool: PoolTerms, now: Date): PoolState {
  const t = now.getTime();
  const passed = turnsOf(pool).filter((turn) => t >= turn).length;
  return STATES_IN_ORDER[passed]!;
}

/** The moment `poolState` next answers differently for this pool (Infinity once expired): what was derived from it holds until then. */
export function poolStateHoldsUntil(pool: Pick<PoolTerms, 'endsAt' | 'graceDays'>, now: Date): number {
  const t = now.getTime();
  return turnsOf(pool).find((turn) => t < turn) ?? Infinity;
}

/** Whole days until the end (negative once past it). */
export function daysLeft(pool: Pick<PoolTerms, 'endsAt'>, now: Date): number {
  return Math.ceil((Date.parse(pool.endsAt) - now.getTime()) / DAY_MS);
}

/** Whole days of grace left for a pool in grace (never below 0); null in any other state. */
export function graceDaysLeft(pool: { state: PoolState; graceDays: number; daysLeft: number }): number | null {
  return pool.state === 'grace' ? Math.max(0, pool.graceDays + pool.daysLeft) : null;
}

/** Seats plus the explicit, audited overage allowance: the hard ceiling. */
export function capacity(pool: Pick<PoolTerms, 'seats' | 'overagePct'>): number {
  return pool.seats + Math.floor((pool.seats * pool.overagePct) / 100);
}

/** Seats no one else may take: assignments plus seats reserved by holds. */
export function seatsTaken(pool: { assigned: number; held: number }): number {
  return pool.assigned + pool.held;
}

/** An expired pool keeps its assignments (suspended) but hands out no new seats. */
export function canAssignFrom(state: PoolState): boolean {
  return state !== 'expired';
}

export function licenseStateFor(state: PoolState): LicenseState {
  if (state === 'expired') return 'suspended';
  if (state === 'grace') return 'grace';
  return 'active';
}

export function usagePct(assigned: number, seats: number): number {
  if (seats <= 0) return assigned > 0 ? 100 : 0;
  return Math.round((assigned / seats) * 1000) / 10;
}
