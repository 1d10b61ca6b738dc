import type { Job, JobQuery, Role } from '@seatwise/shared';
import { and, asc, count, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { importRows, jobItems, jobs, userOrgs, userRoles, users } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import { yieldToEventLoop } from '../../event-loop.ts';
import { requireUserChange, type Actor } from '../../http/scope.ts';
import { IMPORT_JOB_PREFIX, workImportJob } from '../../imports/job.ts';
import { appendAudit } from './audit.ts';
import type { Engine } from '../engine.ts';
import { reconcileInTx, refusalEntry } from '../engine.ts';
import { newId } from '../policy/ids.ts';
import { isRefusal, type EngineCtx } from './reconcile.ts';

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

/** Who holds a job and for how long each renewal keeps it (JOB_LEASE_MS; tests shorten it). */
export interface JobLease {
  holder: string;
  ms: number;
}

export const DEFAULT_LEASE_MS = 10_000;
export const newLease = (ms = DEFAULT_LEASE_MS): JobLease => ({ holder: newId('lease'), ms });
const processLease = newLease();

const ITEM_ROWS = 300;

/**
 * Records a job and its items inside the caller's write transaction (so a
 * change and the job that follows it up commit together); a runner works it off.
 * Items go in a few hundred rows at a time with a turn for the event loop in
 * between, so a 100,000-user job does not stall the process while it is recorded.
 */
export async function insertJob(ctx: EngineCtx, kind: JobKind, userIds: string[], payload: BulkRolesPayload): Promise<string> {
  const { tx, now, actorId } = ctx;
  if (!actorId) throw new ApiError('internal', 'a job needs an actor');
  const id = newId('job');
  await tx.insert(jobs).values({ id, kind, status: 'queued', payload, actorId, createdAt: now.toISOString() });
  const unique = [...new Set(userIds)];
  for (let i = 0; i < unique.length; i += ITEM_ROWS) {
    if (i > 0) await yieldToEventLoop();
    await tx.insert(jobItems).values(unique.slice(i, i + ITEM_ROWS).map((userId, k) => ({ jobId: id, seq: i + k, userId, status: 'pending' as const })));
  }
  await appendAudit(tx, now, [{ actorId, action: 'job.create', subjectType: 'job', subjectId: id, after: { kind, users: unique.length, ...payload } }]);
  return id;
}

export function createBulkRolesJob(engine: Engine, actorId: string, userIds: string[], payload: BulkRolesPayload): Promise<string> {
  return engine.change(actorId, (ctx) => insertJob(ctx, 'bulk_roles', userIds, payload));
}

/**
 * Re-evaluates, as a job recorded in the caller's transaction, the licenses
 * of the active users homed in these organizations (every organization:
 * `null`), or only those holding one of `roles`. Read inside the transaction,
 * so nobody who joins or leaves meanwhile is missed. `null` when nobody is touched.
 */
export async function reevaluateInTx(ctx: EngineCtx, who: { homeOrgIds?: Iterable<string>; roles?: Role[] }): Promise<string | null> {
  const homeOrgIds = who.homeOrgIds ? [...who.homeOrgIds] : null;
  if (homeOrgIds?.length === 0 || who.roles?.length === 0) return null;
  const rows = await ctx.tx
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userOrgs, and(eq(userOrgs.userId, users.id), eq(userOrgs.position, 0)))
    .where(
      and(
        eq(users.status, 'active'),
        homeOrgIds ? inArray(userOrgs.orgId, homeOrgIds) : undefined,
        who.roles ? inArray(users.id, ctx.tx.select({ id: userRoles.userId }).from(userRoles).where(inArray(userRoles.role, who.roles))) : undefined,
      ),
    )
    .orderBy(users.id);
  if (rows.length === 0) return null;
  return insertJob(ctx, 'reevaluate', rows.map((r) => r.id), { add: [], remove: [], mode: 'host' });
}

/**
 * Takes the oldest job that is queued or whose lease ran out (its holder died
 * or stalled), under the write lock so two processes never take the same one.
 */
export async function claimJob(engine: Engine, lease: JobLease = processLease): Promise<string | null> {
  return engine.change(null, async ({ tx, now }) => {
    const [job] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(or(eq(jobs.status, 'queued'), and(eq(jobs.status, 'running'), or(isNull(jobs.leaseUntil), lt(jobs.leaseUntil, now.toISOString())))))
      .orderBy(asc(jobs.createdAt))
      .limit(1);
    if (!job) return null;
    await tx.update(jobs).set({ status: 'running', leaseHolder: lease.holder, leaseUntil: new Date(now.getTime() + lease.ms).toISOString() }).where(eq(jobs.id, job.id));
    return job.id;
  });
}

/** Inside a job's transaction: true while `lease` still holds the job, and then the lease is renewed. */
export async function renewLease(ctx: EngineCtx, jobId: string, lease: JobLease): Promise<boolean> {
  const [held] = await ctx.tx
    .update(jobs)
    .set({ leaseUntil: new Date(ctx.now.getTime() + lease.ms).toISOString() })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, 'running'), eq(jobs.leaseHolder, lease.holder)))
    .returning({ id: jobs.id });
  return !!held;
}

type ItemOutcome = 'worked' | 'lost';

/**
 * One item in one short transaction that first checks this holder still
 * has the job (renewing its lease: progress of any kind keeps it) and that the
 * item is still pending. The user's change, or the refusal and its audit
 * entry, commit with the item's mark: every item counts exactly once, even when
 * a stalled holder's job was taken over by another process.
 */
async function workItem(engine: Engine, jobId: string, actorId: string, payload: BulkRolesPayload, item: { seq: number; userId: string }, lease: JobLease): Promise<ItemOutcome> {
  return engine.change(actorId, async (ctx) => {
    if (!(await renewLease(ctx, jobId, lease))) return 'lost';
    const thisItem = and(eq(jobItems.jobId, jobId), eq(jobItems.seq, item.seq), eq(jobItems.status, 'pending'));
    const [pending] = await ctx.tx.select({ seq: jobItems.seq }).from(jobItems).where(thisItem);
    if (!pending) return 'worked';
    const mode = payload.mode ?? 'seatwise';
    try {
      // A savepoint: a refused or failed user rolls back alone, the item's mark still commits.
      await ctx.tx.transaction(async (sp) => {
        const itemCtx = { ...ctx, tx: sp };
        // Checked as the job's creator, now: a user moved out of their scope since is refused, not changed.
        if (payload.actor) await requireUserChange(itemCtx, payload.actor, item.userId);
        await reconcileInTx(itemCtx, { userId: item.userId, roles: { add: payload.add, remove: payload.remove }, mode, how: mode === 'host' ? 'host_sync' : 'role_grant' });
      });
      await ctx.tx.update(jobItems).set({ status: 'done' }).where(thisItem);
    } catch (error) {
      if (isRefusal(error)) await appendAudit(ctx.tx, ctx.now, [refusalEntry(actorId, error)]);
      const code = error instanceof ApiError ? error.code : error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : 'internal';
      await ctx.tx.update(jobItems).set({ status: 'refused', code }).where(thisItem);
    }
    return 'worked';
  });
}

/**
 * Works a claimed job off item by item, giving the event loop a turn between
 * items so the process keeps answering. A crash leaves every user
 * all-or-nothing and another process resumes at the first pending item once
 * the lease runs out; a holder that finds its lease taken stops.
 */
export async function workJob(engine: Engine, jobId: string, options: { lease?: JobLease; shouldStop?: () => boolean } = {}): Promise<void> {
  const { lease = processLease, shouldStop = () => false } = options;
  const [job] = await engine.db.select().from(jobs).where(eq(jobs.id, jobId));
  if (!job) return;
  if (job.kind.startsWith(IMPORT_JOB_PREFIX)) return workImportJob(engine, job, { lease, shouldStop });
  const payload = job.payload as BulkRolesPayload;
  for (;;) {
    const batch = await engine.db
      .select({ seq: jobItems.seq, userId: jobItems.userId })
      .from(jobItems)
      .where(and(eq(jobItems.jobId, jobId), eq(jobItems.status, 'pending')))
      .orderBy(asc(jobItems.seq))
      .limit(100);
    if (batch.length === 0) break;
    for (const item of batch) {
      await yieldToEventLoop();
      if (shouldStop()) return;
      if ((await workItem(engine, jobId, job.actorId, payload, item, lease)) === 'lost') return;
    }
  }
  await engine.change(job.actorId, async (ctx) => {
    // Only the holder finishes, once: a job taken over meanwhile is finished by its new holder.
    if (!(await renewLease(ctx, jobId, lease))) return;
    await ctx.tx.update(jobs).set({ status: 'done', finishedAt: ctx.now.toISOString(), leaseUntil: null, leaseHolder: null }).where(eq(jobs.id, jobId));
    await appendAudit(ctx.tx, ctx.now, [{ actorId: job.actorId, action: 'job.finish', subjectType: 'job', subjectId: jobId }]);
  });
}

/**
 * A job's counts and the items asked for (see jobQuerySchema): counted in SQL,
 * so a progress bar polling a 100,000-row import reads a few numbers, not every item.
 */
export async function jobView(db: DbOrTx, jobId: string, query: Partial<JobQuery> = {}): Promise<(Job & { actorId: string }) | null> {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  if (!job) return null;
  const counts = await db.select({ status: jobItems.status, n: count() }).from(jobItems).where(eq(jobItems.jobId, jobId)).groupBy(jobItems.status);
  const counted = (status: string) => counts.find((c) => c.status === status)?.n ?? 0;
  const { items = 'all', cursor, limit = 1000 } = query;
  const view = {
    id: job.id,
    kind: job.kind,
    status: job.status,
    actorId: job.actorId,
    total: counts.reduce((sum, c) => sum + c.n, 0),
    done: counted('done'),
    refused: counted('refused'),
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
  if (items === 'none') return { ...view, items: [] };
  if (items === 'all') {
    const all = await db.select().from(jobItems).where(eq(jobItems.jobId, jobId)).orderBy(asc(jobItems.seq));
    return { ...view, items: all.map((i) => ({ userId: i.userId, status: i.status, code: i.code })) };
  }
  // Refused items a page at a time, each with its file line when the job is an import.
  const page = await db
    .select({ seq: jobItems.seq, userId: jobItems.userId, status: jobItems.status, code: jobItems.code, line: importRows.line })
    .from(jobItems)
    .leftJoin(importRows, and(eq(importRows.jobId, jobItems.jobId), eq(importRows.seq, jobItems.seq)))
    .where(and(eq(jobItems.jobId, jobId), eq(jobItems.status, 'refused'), cursor === undefined ? undefined : gt(jobItems.seq, Number(cursor))))
    .orderBy(asc(jobItems.seq))
    .limit(limit + 1);
  const more = page.length > limit;
  const shown = page.slice(0, limit);
  return {
    ...view,
    items: shown.map((i) => ({ userId: i.userId, status: i.status, code: i.code, ...(i.line === null ? {} : { line: i.line }) })),
    nextCursor: more ? String(shown.at(-1)!.seq) : null,
  };
}
