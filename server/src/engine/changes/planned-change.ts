import type { InStatement } from '@libsql/client';
import type { Cells } from '../../db/hot-reads.ts';
import type { Caller } from '../../http/context.ts';
import type { ApiError } from '../../errors.ts';
import type { Engine } from '../engine.ts';
import { refusalEntry } from '../engine.ts';
import { isStalePlan, nobodyWaiting, poolAsRead, poolCountIn, poolHasRoom, statementOf, treeAndRulesAsRead, userAsRead } from './plan-guards.ts';
import type { ReconcilePlan } from './reconcile-plan.ts';
import type { WriteQuery } from './reconcile-apply.ts';
import type { SeatMove } from './seat-counters.ts';
import type { AuditEntry } from './audit.ts';
import { readUserSnapshot, type UserSnapshot } from './user-snapshot.ts';
import { writeBatch, type BatchChange } from './write-batch.ts';

/** Who asks: audited as `userId`, checked by the scope rule, advice limited to `scope`. */
export type Changer = Pick<Caller, 'userId' | 'authority' | 'homeOrgId' | 'scope'>;

/** What one plan from one snapshot comes to. */
export type Planned<T> =
  | { kind: 'changed'; batch: BatchChange; result: T }
  /** The refusal, audited by the batch if it still holds when written. */
  | { kind: 'refused'; batch: BatchChange; refusal: ApiError }
  /** Only the locked path can make this change (a freed seat must serve waiting users in the same transaction). */
  | { kind: 'locked' };

/** Plans made from a snapshot that went stale before they were written, after which the change takes the write lock instead. */
const MAX_PLANS = 8;

/**
 * A change to one user, planned from a snapshot read without the write lock
 * (`plan`) and written in one atomic write batch whose guards re-check what
 * the plan assumed. A stale plan changes nothing and is planned again from a
 * fresh read; `locked` (the same change through `Engine.change`) runs when a
 * plan asks for it or plans keep going stale. `written` makes the answer from
 * the plan's result and the first row of its batch's `answer` read.
 */
export async function plannedChange<T, R>(
  engine: Engine,
  userId: string,
  plan: (snap: UserSnapshot) => Promise<Planned<T>>,
  written: (result: T, answer: Cells | undefined) => R | Promise<R>,
  locked: () => Promise<R>,
): Promise<R> {
  for (let attempt = 0; attempt < MAX_PLANS; attempt++) {
    const planned = await plan(await readUserSnapshot(engine.db, userId));
    if (planned.kind === 'locked') break;
    let answer: Cells | undefined;
    try {
      answer = await writeBatch(engine.db, planned.batch);
    } catch (error) {
      if (isStalePlan(error)) continue;
      throw error;
    }
    if (planned.kind === 'refused') throw planned.refusal;
    return written(planned.result, answer);
  }
  return locked();
}

/**
 * The guards every plan for one user needs: the user's rows and the tree and
 * rules are as read (so the scope rule's verdict and the products needed
 * still stand).
 */
export const assumedGuards = (snap: UserSnapshot) => [
  userAsRead({ userId: snap.facts.user.id, fingerprint: snap.fingerprints.user }),
  treeAndRulesAsRead({ callers: snap.fingerprints.callers }),
];

/** A refusal, or a license left waiting, stands only while the home's pools are exactly as full as read (and no pool was added). */
export function asFullGuards(snap: UserSnapshot, plan: ReconcilePlan) {
  const chain = snap.tree.ancestors(plan.home.id);
  const candidates = snap.poolRows.filter((p) => chain.includes(p.orgId));
  return [...candidates.map(poolAsRead), poolCountIn(chain, candidates.length)];
}

/** The refusal, planned: audited (as the locked path does after its rollback) if it still holds when written. */
export const plannedRefusal = <T>(snap: UserSnapshot, plan: ReconcilePlan, changer: Changer, refusal: ApiError, at: Date): Planned<T> => ({
  kind: 'refused',
  refusal,
  batch: { statements: [...assumedGuards(snap), ...asFullGuards(snap, plan)], at, audit: [refusalEntry(changer.userId, refusal)] },
});

/**
 * Writes planned for one user, guarded: `before` (plan-specific guards),
 * then the writes, then room in each pool whose seats taken grew (checked
 * with this change counted). A change that frees a seat is written only
 * while nobody waits; otherwise it is `locked`.
 */
export function plannedWrites<T>(
  snap: UserSnapshot,
  change: { before?: InStatement[]; queries: WriteQuery[]; moves: SeatMove[]; freedSeat: boolean; at: Date; audit: AuditEntry[]; answer?: InStatement },
  result: T,
): Planned<T> {
  if (change.freedSeat && snap.someoneWaits) return { kind: 'locked' };
  const poolRow = new Map(snap.poolRows.map((p) => [p.id, p]));
  const statements = [
    ...assumedGuards(snap),
    ...(change.before ?? []),
    ...(change.freedSeat ? [nobodyWaiting({})] : []),
    ...change.queries.map(statementOf),
    ...change.moves.filter((m) => m.assigned + m.held > 0).map((m) => poolHasRoom(poolRow.get(m.poolId)!)),
  ];
  return { kind: 'changed', result, batch: { statements, at: change.at, audit: change.audit, answer: change.answer } };
}
