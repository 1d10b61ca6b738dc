import type { InArgs, InStatement } from '@libsql/client';
import { SQL, sql, type Placeholder } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { changeVersions, type PoolRow } from '../../db/schema.ts';
import { capacity } from '../policy/pool-state.ts';
import type { WriteQuery } from './reconcile-apply.ts';

/**
 * Guards: what a plan read, re-checked inside the write batch that applies
 * it. Each is an insert into the `plan_guards` view (migration 0012_plan_guards) whose
 * trigger aborts the statement — and so the whole batch, which then changes
 * nothing — with "stale plan" when `ok` is not true. A guard over data the
 * batch itself writes runs after those writes (a pool's room is checked
 * with this change's seat counted).
 */
export const guard = (what: string, ok: SQL): SQL => sql`INSERT INTO plan_guards (ok, what) VALUES ((${ok}), ${what})`;

/** The guard the write batch puts first: the audit chain still ends where the new entries chain on. */
export const auditTailGuard = (hash: string, genesis: string) =>
  guard('audit tail', sql`ifnull((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), ${genesis}) = ${hash}`);

/**
 * Everything a user's plan starts from, as one text: status, organizations
 * (home first), roles, licenses and holds. Read in the plan's snapshot and
 * guarded equal at write time.
 */
export const userFingerprint = (userId: string | Placeholder) => sql<string>`json_array(
  (SELECT status FROM users WHERE id = ${userId}),
  (SELECT group_concat(org_id) FROM (SELECT org_id FROM user_orgs WHERE user_id = ${userId} ORDER BY position)),
  (SELECT group_concat(role) FROM (SELECT role FROM user_roles WHERE user_id = ${userId} ORDER BY role)),
  (SELECT group_concat(id || '/' || product || '/' || ifnull(pool_id, '') || '/' || state) FROM (SELECT * FROM assignments WHERE user_id = ${userId} ORDER BY id)),
  (SELECT group_concat(id || '/' || role || '/' || seats) FROM (SELECT * FROM seat_holds WHERE user_id = ${userId} ORDER BY id)))`;

/**
 * The organization tree and the role rules are as the plan read them: the
 * `callers` change version they were read at still stands (every change to
 * either bumps it, migrations 0009 and 0013). One row read, whatever the
 * tree's size.
 */
export const treeAndRulesAsRead = (callers: number) =>
  guard('tree and rules', sql`(SELECT ${changeVersions.callers} FROM ${changeVersions} WHERE ${changeVersions.id} = 1) = ${callers}`);

/** True when someone waits for a seat (a change that frees one must then serve them). */
export const someoneWaits = sql<number>`EXISTS (SELECT 1 FROM assignments WHERE state = 'waiting')`;

export const unchanged = (what: string, fingerprint: SQL, value: string) => guard(what, sql`(${fingerprint}) IS ${value}`);

/** The pool's terms as read (its capacity and state follow from them). */
const sameTerms = (p: PoolRow) =>
  sql`seats = ${p.seats} AND overage_pct = ${p.overagePct} AND ends_at = ${p.endsAt} AND grace_days = ${p.graceDays}`;

/** After this change's seat is counted, the pool is still within its capacity on the terms the plan read. */
export const poolHasRoom = (p: PoolRow) =>
  guard(`room in ${p.id}`, sql`(SELECT ${sameTerms(p)} AND assigned + held <= ${capacity(p)} FROM pools WHERE id = ${p.id})`);

/** The pool exactly as read: terms and seats taken (a refusal's "no seat free" still holds). */
export const poolAsRead = (p: PoolRow) =>
  guard(`${p.id} as read`, sql`(SELECT ${sameTerms(p)} AND assigned = ${p.assigned} AND held = ${p.held} FROM pools WHERE id = ${p.id})`);

/** No pool was added to these organizations since the read. */
export const poolCountIn = (orgIds: string[], n: number) =>
  guard('pools of the chain', sql`(SELECT count(*) FROM pools WHERE org_id IN (${sql.join(orgIds.map((id) => sql`${id}`), sql`, `)})) = ${n}`);

const dialect = new SQLiteAsyncDialect();

/** A guard or a built drizzle query as the statement a libSQL batch carries. */
export function statementOf(query: SQL | WriteQuery): InStatement {
  const { sql: text, params } = query instanceof SQL ? dialect.sqlToQuery(query) : query.toSQL();
  return { sql: text, args: params as InArgs };
}

export const isStalePlan = (error: unknown, what = 'stale plan'): boolean => {
  for (let e: any = error; e; e = e.cause) if (String(e.message ?? '').includes(what)) return true;
  return false;
};
