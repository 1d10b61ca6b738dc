import type { Job, Role } from '@seatwise/shared';
import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { jobItems, jobs, userRoles } from '../db/schema.ts';
import { requireUserChange, type Actor } from '../http/scope.ts';
import { appendAudit } from './audit.ts';
import type { Engine } from './engine.ts';
import { reconcileInTx } from './engine.ts';
import { newId } from './ids.ts';
import { isRefusal } from './reconcile.ts';

export interface BulkRolesPayload {
  add: Role[];
  remove: Role[];
  /**
   * `host` re-evaluates without refusing (licenses wait instead): what a rule
   * or product-activation change needs, since those already happened.
   */
  mode?: 'seatwise' | 'host';
  /** Who asked, so each item passes the change rule as they would (absent: the system's own re-evaluation). */
  actor?: Actor;
}

export type JobKind = 'bulk_roles' | 'reevaluate';

/** Records a bulk role job and its items in one transaction; a runner works it off. */
export async function createBulkRolesJob(engine: Engine, actorId: string, userIds: string[], payload: BulkRolesPayload, kind: JobKind = 'bulk_roles'): Promise<string> {
  const id = newId('job');
  await engine.change(actorId, async ({ tx, now }) => {
    await tx.insert(jobs).values({ id, kind, status: 'queued', payload, actorId, createdAt: now.toISOString() });
    const unique = [...new Set(userIds)];
    for (let i = 0; i < unique.length; i += 300) {
      await tx.insert(jobItems).values(unique.slice(i, i + 300).map((userId, k) => ({ jobId: id, seq: i + k, userId, status: 'pending' as const })));
    }
    await appendAudit(tx, now, [{ actorId, action: 'job.create', subjectType: 'job', subjectId: id, after: { kind, users: unique.length, ...payload } }]);
  });
  return id;
}

const LEASE_MS = 10_000;

/**
 * Takes the oldest job that is queued or whose holder's lease ran out (its
 * process died), under the write lock so two processes never take the same one.
 */
export async function claimJob(engine: Engine): Promise<string | null> {
  return engine.change(null, async ({ tx, now }) => {
    const [job] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(or(eq(jobs.status, 'queued'), and(eq(jobs.status, 'running'), or(isNull(jobs.leaseUntil), lt(jobs.leaseUntil, now.toISOString())))))
      .orderBy(asc(jobs.createdAt))
      .limit(1);
    if (!job) return null;
    await tx.update(jobs).set({ status: 'running', leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString() }).where(eq(jobs.id, job.id));
    return job.id;
  });
}

/**
 * Works a claimed job off item by item. Each user's change and the item's
 * "done" mark commit together, so a crash leaves every user all-or-nothing
 * and a restart resumes at the first pending item.
 */
export async function workJob(engine: Engine, jobId: string, shouldStop: () => boolean = () => false): Promise<void> {
  const [job] = await engine.db.select().from(jobs).where(eq(jobs.id, jobId));
  if (!job) return;
  const payload = job.payload as BulkRolesPayload;
  for (;;) {
    if (shouldStop()) return;
    const batch = await engine.db
      .select()
      .from(jobItems)
      .where(and(eq(jobItems.jobId, jobId), eq(jobItems.status, 'pending')))
      .orderBy(asc(jobItems.seq))
      .limit(100);
    if (batch.length === 0) break;
    for (const item of batch) {
      if (shouldStop()) return;
      const done = and(eq(jobItems.jobId, jobId), eq(jobItems.seq, item.seq));
      try {
        await engine.change(job.actorId, async (ctx) => {
          if (payload.actor) await requireUserChange(ctx, payload.actor, item.userId);
          const current = (await ctx.tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, item.userId))).map((r) => r.role);
          const roles = [...new Set([...current, ...payload.add])].filter((r) => !payload.remove.includes(r));
          const mode = payload.mode ?? 'seatwise';
          await reconcileInTx(ctx, { userId: item.userId, roles, mode, how: mode === 'host' ? 'host_sync' : 'role_grant' });
          await ctx.tx.update(jobItems).set({ status: 'done' }).where(done);
          await ctx.tx.update(jobs).set({ leaseUntil: new Date(ctx.now.getTime() + LEASE_MS).toISOString() }).where(eq(jobs.id, jobId));
        });
      } catch (error) {
        const code = isRefusal(error) ? error.code : error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : 'internal';
        await engine.change(job.actorId, async ({ tx }) => {
          await tx.update(jobItems).set({ status: 'refused', code }).where(done);
        });
      }
    }
  }
  await engine.change(job.actorId, async ({ tx, now }) => {
    await tx.update(jobs).set({ status: 'done', finishedAt: now.toISOString(), leaseUntil: null }).where(eq(jobs.id, jobId));
    await appendAudit(tx, now, [{ actorId: job.actorId, action: 'job.finish', subjectType: 'job', subjectId: jobId }]);
  });
}

export async function jobView(db: DbOrTx, jobId: string): Promise<(Job & { actorId: string }) | null> {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  if (!job) return null;
  const items = await db.select().from(jobItems).where(eq(jobItems.jobId, jobId)).orderBy(asc(jobItems.seq));
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    actorId: job.actorId,
    total: items.length,
    done: items.filter((i) => i.status === 'done').length,
    refused: items.filter((i) => i.status === 'refused').length,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    items: items.map((i) => ({ userId: i.userId, status: i.status, code: i.code })),
  };
}


/** Re-evaluates the licenses of these users against the current rules and activations, as a job. */
export async function createReevaluationJob(engine: Engine, actorId: string, userIds: string[]): Promise<string | null> {
  if (userIds.length === 0) return null;
  return createBulkRolesJob(engine, actorId, userIds, { add: [], remove: [], mode: 'host' }, 'reevaluate');
}
