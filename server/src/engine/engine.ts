import type { Db } from '../db/client.ts';
import { withWriteTx } from '../db/write-tx.ts';
import type { ApiError } from '../errors.ts';
import { appendAudit, type AuditEntry } from './changes/audit.ts';
import type { Clock } from './policy/clock.ts';
import { loadOrgTree } from './queries/org-tree.ts';
import { isRefusal, reconcileUser, type EngineCtx, type ReconcileInput } from './changes/reconcile.ts';
import { loadRules } from './changes/rules.ts';
import { serveWaiting } from './changes/waiting.ts';

/**
 * The license engine's front door: every change runs in one write
 * transaction with one clock reading. A refused change rolls back whole, and
 * the refusal itself is then audited in a transaction of its own.
 */
export class Engine {
  constructor(
    readonly db: Db,
    readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock();
  }

  /**
   * Runs `work` in a write transaction with the org tree and rules loaded.
   * `viewer`: the organizations whose users advice (a refusal's suggestions)
   * may name, for a change asked by a scoped caller; `null` (the default, for
   * the system's own work) names anyone.
   */
  async change<T>(actorId: string | null, work: (ctx: EngineCtx) => Promise<T>, viewer: Set<string> | null = null): Promise<T> {
    try {
      return await withWriteTx(this.db, async (tx) => work(await this.context(tx, actorId, viewer)));
    } catch (error) {
      if (isRefusal(error)) {
        await withWriteTx(this.db, (tx) => appendAudit(tx, this.clock(), [refusalEntry(actorId, error)]));
      }
      throw error;
    }
  }

  async context(tx: EngineCtx['tx'], actorId: string | null, viewer: Set<string> | null = null): Promise<EngineCtx> {
    return { tx, now: this.clock(), actorId, viewer, tree: await loadOrgTree(tx), rules: await loadRules(tx) };
  }

}

/** The audit entry of a refused change (refusal alerts count these). */
export function refusalEntry(actorId: string | null, error: ApiError): AuditEntry {
  return {
    actorId,
    action: 'license.refused',
    subjectType: 'user',
    subjectId: String(error.details.userId ?? ''),
    orgId: (error.details.orgId as string | undefined) ?? null,
    after: { code: error.code, message: error.message, product: error.details.product ?? null, poolId: error.details.poolId ?? null },
  };
}

/** Reconciles inside a transaction the caller holds, then serves the waiting queue if a seat came free. */
export async function reconcileInTx(ctx: EngineCtx, input: ReconcileInput) {
  const result = await reconcileUser(ctx, input);
  if (result.freedSeat) await serveWaiting(ctx);
  return result.changes;
}
