import type { LicenseChange, Product, Role, Sku } from '@seatwise/shared';
import { eq, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { assignments, pools, seatHolds, userOrgs, userRoles, users, type AssignmentRow, type PoolRow, type SeatHoldRow, type UserRow } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import { candidatesFrom } from '../queries/candidate-pools.ts';
import type { OrgNode } from '../queries/org-tree.ts';
import { neededProducts } from '../policy/entitlements.ts';
import { planSeats, type CandidatePool, type HeldLicense, type SeatPlan } from '../policy/seat-planner.ts';
import type { EngineCtx, ReconcileInput, RoleChange } from './reconcile.ts';

/** What planning reads with: any connection (a preview plans outside the write lock), one moment, the tree and rules. */
export type PlanCtx = Omit<EngineCtx, 'tx' | 'actorId'> & { tx: DbOrTx };

/**
 * Everything a reconcile decided, before anything is written: the facts read,
 * the next roles and organizations, and the seat plan. Refusing, applying,
 * auditing and previewing all read this one decision.
 */
export interface ReconcilePlan {
  input: ReconcileInput;
  user: UserRow;
  home: OrgNode;
  currentOrgIds: string[];
  nextOrgIds: string[];
  orgsChanged: boolean;
  addedRoles: Role[];
  removedRoles: Role[];
  /** True when the user is (or becomes) archived: they need nothing. */
  archived: boolean;
  /** The user's assignment rows as they were. */
  heldRows: AssignmentRow[];
  /** The user's seat holds as they were. */
  holdRows: SeatHoldRow[];
  /**
   * Holds this change ends: `converted` when their role is granted (their
   * seat becomes the assignment), `released` when the user moves or is
   * archived (what they reserved was for the old home).
   */
  holds: { converted: SeatHoldRow[]; released: SeatHoldRow[] };
  candidates: CandidatePool[];
  /** A product an added role asks for that the home organization has not activated (Seatwise changes only). */
  notActivated: Product | null;
  seats: SeatPlan;
  /** Released rows: seats stranded by a move, then those the planner gives up. */
  release: HeldLicense[];
  /** Products that start waiting now (not those already waiting). */
  newWaits: Product[];
  skuOf: Map<string, Sku>;
}

/** One user's rows a plan starts from. */
export interface UserFacts {
  user: UserRow;
  /** Home first. */
  currentOrgIds: string[];
  currentRoles: Role[];
  heldRows: AssignmentRow[];
  holdRows: SeatHoldRow[];
}

/** The reads behind `UserFacts`, built but not run: awaited in turn under the lock, or sent as one read batch. */
export function userFactQueries(db: DbOrTx, userId: string) {
  return [
    db.select().from(users).where(eq(users.id, userId)),
    db.select({ orgId: userOrgs.orgId }).from(userOrgs).where(eq(userOrgs.userId, userId)).orderBy(userOrgs.position),
    db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)),
    db.select().from(assignments).where(eq(assignments.userId, userId)),
    db.select().from(seatHolds).where(eq(seatHolds.userId, userId)),
  ] as const;
}

type AwaitedAll<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };
type FactRows = AwaitedAll<ReturnType<typeof userFactQueries>>;

/** The facts from their rows; not found when the user does not exist. */
export function userFactsFrom([userRows, orgRows, roleRows, heldRows, holdRows]: FactRows): UserFacts {
  const [user] = userRows;
  if (!user) throw new ApiError('not_found', 'user not found');
  return { user, currentOrgIds: orgRows.map((r) => r.orgId), currentRoles: roleRows.map((r) => r.role), heldRows, holdRows };
}

/** Reads one user's facts and decides the next state, writing nothing. */
export async function planReconcile(ctx: PlanCtx, input: ReconcileInput): Promise<ReconcilePlan> {
  const { tx, tree } = ctx;
  const [a, b, c, d, e] = userFactQueries(tx, input.userId);
  const facts = userFactsFrom([await a, await b, await c, await d, await e]);
  const chain = tree.ancestors(nextOrgIdsOf(facts, input)[0] ?? '');
  const heldPoolIds = facts.heldRows.flatMap((h) => (h.poolId ? [h.poolId] : []));
  const poolRows = chain.length || heldPoolIds.length ? await tx.select().from(pools).where(or(inArray(pools.orgId, chain), inArray(pools.id, heldPoolIds))) : [];
  return decideReconcile(ctx, input, facts, poolRows);
}

const nextOrgIdsOf = (facts: UserFacts, input: ReconcileInput) => (input.orgIds ? [...new Set(input.orgIds)] : facts.currentOrgIds);

/**
 * Decides the next state from facts already read, reading nothing: `poolRows`
 * must hold the pools of the next home's chain and those the user holds seats in.
 */
export function decideReconcile(ctx: Omit<PlanCtx, 'tx'>, input: ReconcileInput, facts: UserFacts, poolRows: PoolRow[]): ReconcilePlan {
  const { now, tree } = ctx;
  const { user, currentOrgIds, currentRoles, heldRows, holdRows } = facts;
  const nextRoles = applyRoleChange(currentRoles, input.roles);
  const nextOrgIds = nextOrgIdsOf(facts, input);
  const archived = input.archive === true || user.status === 'archived';
  const home = tree.get(nextOrgIds[0] ?? '');
  if (!home) throw new ApiError('invalid_request', 'the user has no home organization', { issues: [{ path: ['orgIds'], message: 'unknown organization' }] });

  const needs = archived ? new Set<Product>() : neededProducts(nextRoles, ctx.rules, home.products).products;
  const addedRoles = nextRoles.filter((r) => !currentRoles.includes(r));
  const notActivated =
    input.mode === 'seatwise' && !archived ? ([...neededProducts(addedRoles, ctx.rules, home.products).notActivated][0] ?? null) : null;

  const candidates = candidatesFrom(poolRows, tree, home.id, now);
  const poolIds = new Set(candidates.map((p) => p.id));
  // After a move, seats from pools the new home cannot draw from go back.
  const stranded = heldRows.filter((h) => h.poolId && !poolIds.has(h.poolId));
  const held: HeldLicense[] = heldRows
    .filter((h) => !stranded.includes(h) && !(input.retryWaiting && h.state === 'waiting'))
    .map((h) => ({ product: h.product, poolId: h.poolId, state: h.state }));
  const orgsChanged = nextOrgIds.join() !== currentOrgIds.join();
  const holdsGoBack = archived || orgsChanged;
  // The user's own holds reserve seats for them: a role they hold turns into an assignment even in a full pool.
  const reserved = new Set(holdsGoBack ? [] : holdRows.flatMap((h) => h.seats.map((s) => s.poolId)));
  const seats = planSeats({ held, needs, pools: candidates, mode: input.mode, reserved });
  const skuOf = new Map(poolRows.map((p) => [p.id, p.sku]));

  return {
    input,
    user,
    home,
    currentOrgIds,
    nextOrgIds,
    orgsChanged,
    addedRoles,
    removedRoles: currentRoles.filter((r) => !nextRoles.includes(r)),
    archived,
    heldRows,
    holdRows,
    holds: {
      converted: holdsGoBack ? [] : holdRows.filter((h) => nextRoles.includes(h.role)),
      released: holdsGoBack ? holdRows : [],
    },
    candidates,
    notActivated,
    seats,
    release: [...stranded.map((h) => ({ product: h.product, poolId: h.poolId, state: h.state })), ...seats.release],
    newWaits: seats.wait.filter((product) => !heldRows.some((h) => h.product === product && h.state === 'waiting')),
    skuOf,
  };
}

/** The license changes a plan makes, in the order they are written: what a change answers and a preview predicts. */
export function plannedChanges(plan: ReconcilePlan): LicenseChange[] {
  return [
    ...plan.release.map((r): LicenseChange => ({ kind: 'released', product: r.product, poolId: r.poolId, sku: r.poolId ? (plan.skuOf.get(r.poolId) ?? null) : null })),
    ...plan.seats.acquire.map((a): LicenseChange => ({ kind: 'acquired', product: a.product, poolId: a.poolId, sku: a.sku })),
    ...plan.newWaits.map((product): LicenseChange => ({ kind: 'waiting', product, poolId: null, sku: null })),
  ];
}

function applyRoleChange(current: Role[], change: RoleChange | undefined): Role[] {
  if (!change) return current;
  if (Array.isArray(change)) return [...new Set(change)];
  return [...new Set([...current, ...(change.add ?? [])])].filter((r) => !change.remove?.includes(r));
}
