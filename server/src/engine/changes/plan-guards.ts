import type { InArgs, InStatement, InValue } from '@libsql/client';
import { SQL, sql, type Placeholder } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { compiledSql } from '../../db/hot-reads.ts';
import { changeVersions, type PoolRow } from '../../db/schema.ts';
import { capacity } from '../policy/pool-state.ts';
import type { WriteQuery } from './reconcile-apply.ts';
import type { UserFacts } from './reconcile-plan.ts';

/**
 * Guards: what a plan read, re-checked inside the write batch that applies
 * it. Each is an insert into the `plan_guards` view (migration 0012_plan_guards) whose
 * trigger aborts the statement — and so the whole batch, which then changes
 * nothing — with "stale plan" when `ok` is not true. A guard over data the
 * batch itself writes runs after those writes (a pool's room is checked
 * with this change's seat counted).
 */
const guard = (what: unknown, ok: SQL): SQL => sql`INSERT INTO plan_guards (ok, what) VALUES ((${ok}), ${what})`;

/** A guard whose SQL text is built once per process (every grant sends several), its values bound by name. */
function compiledGuard<K extends string>(names: readonly K[], what: (values: Record<K, InValue>) => string, ok: (values: Record<K, unknown>) => SQL) {
  const compiled = compiledSql([...names, 'what'], (v) => guard(v.what, ok(v)));
  return (values: Record<K, InValue>): InStatement => ({ sql: compiled.sql, args: compiled.args({ ...values, what: what(values) } as Record<K | 'what', InValue>) });
}

/** The guard the write batch puts first: the audit chain still ends where the new entries chain on. */
export const auditTailGuard = compiledGuard(
  ['hash', 'genesis'],
  () => 'audit tail',
  (v) => sql`ifnull((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), ${v.genesis}) = ${v.hash}`,
);

/**
 * Everything a user's plan starts from, as one text: status, organizations
 * (home first), roles, licenses and holds. Computed from the plan's snapshot
 * (`fingerprintOf`) and guarded equal at write time.
 */
export const userFingerprint = (userId: string | Placeholder) => sql<string>`json_array(
  (SELECT status FROM users WHERE id = ${userId}),
  (SELECT group_concat(org_id) FROM (SELECT org_id FROM user_orgs WHERE user_id = ${userId} ORDER BY position)),
  (SELECT group_concat(role) FROM (SELECT role FROM user_roles WHERE user_id = ${userId} ORDER BY role)),
  (SELECT group_concat(id || '/' || product || '/' || ifnull(pool_id, '') || '/' || state) FROM (SELECT * FROM assignments WHERE user_id = ${userId} ORDER BY id)),
  (SELECT group_concat(id || '/' || role || '/' || seats) FROM (SELECT * FROM seat_holds WHERE user_id = ${userId} ORDER BY id)))`;

/**
 * `userFingerprint`'s text, made from the rows a snapshot already read (so it
 * does not read them twice): the same parts, order and separators, and
 * JSON.stringify writes what SQLite's json_array does for these texts. Were
 * they ever to differ, a plan would only go stale and the change take the
 * locked path, never write over a change it did not see.
 */
export function fingerprintOf(facts: UserFacts): string {
  const list = (parts: string[]) => (parts.length ? parts.join(',') : null);
  return JSON.stringify([
    facts.user.status,
    list(facts.currentOrgIds),
    // SQLite orders by bytes; roles are ASCII, where JavaScript's default order is the same.
    list([...facts.currentRoles].sort()),
    list([...facts.heldRows].sort((a, b) => a.id - b.id).map((a) => `${a.id}/${a.product}/${a.poolId ?? ''}/${a.state}`)),
    list([...facts.holdRows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((h) => `${h.id}/${h.role}/${JSON.stringify(h.seats)}`)),
  ]);
}

/** The user's rows are as the plan read them (its fingerprint is the one read). */
export const userAsRead = compiledGuard(
  ['userId', 'fingerprint'],
  () => 'user',
  (v) => sql`(${userFingerprint(v.userId as Placeholder)}) IS ${v.fingerprint}`,
);

/**
 * The organization tree and the role rules are as the plan read them: the
 * `callers` change version they were read at still stands (every change to
 * either bumps it, migrations 0009 and 0013). One row read, whatever the
 * tree's size.
 */
export const treeAndRulesAsRead = compiledGuard(
  ['callers'],
  () => 'tree and rules',
  (v) => sql`(SELECT ${changeVersions.callers} FROM ${changeVersions} WHERE ${changeVersions.id} = 1) = ${v.callers}`,
);

/** True when someone waits for a seat (a change that frees one must then serve them). */
export const someoneWaits = sql<number>`EXISTS (SELECT 1 FROM assignments WHERE state = 'waiting')`;

/** Nobody waits for a seat (a change that frees one may then be written without serving anyone). */
export const nobodyWaiting = compiledGuard([], () => 'nobody waiting', () => sql`NOT ${someoneWaits}`);

const poolTerms = ['id', 'seats', 'overagePct', 'endsAt', 'graceDays'] as const;
const termsOf = (p: PoolRow) => ({ id: p.id, seats: p.seats, overagePct: p.overagePct, endsAt: p.endsAt, graceDays: p.graceDays });

/** The pool's terms as read (its capacity and state follow from them). */
const sameTerms = (v: Record<(typeof poolTerms)[number], unknown>) =>
  sql`seats = ${v.seats} AND overage_pct = ${v.overagePct} AND ends_at = ${v.endsAt} AND grace_days = ${v.graceDays}`;

const roomIn = compiledGuard(
  [...poolTerms, 'capacity'],
  (v) => `room in ${v.id}`,
  (v) => sql`(SELECT ${sameTerms(v)} AND assigned + held <= ${v.capacity} FROM pools WHERE id = ${v.id})`,
);

/** After this change's seat is counted, the pool is still within its capacity on the terms the plan read. */
export const poolHasRoom = (p: PoolRow) => roomIn({ ...termsOf(p), capacity: capacity(p) });

const asRead = compiledGuard(
  [...poolTerms, 'assigned', 'held'],
  (v) => `${v.id} as read`,
  (v) => sql`(SELECT ${sameTerms(v)} AND assigned = ${v.assigned} AND held = ${v.held} FROM pools WHERE id = ${v.id})`,
);

/** The pool exactly as read: terms and seats taken (a refusal's "no seat free" still holds). */
export const poolAsRead = (p: PoolRow) => asRead({ ...termsOf(p), assigned: p.assigned, held: p.held });

/** No pool was added to these organizations since the read (its text varies with the chain's length: built each time). */
export const poolCountIn = (orgIds: string[], n: number) =>
  statementOf(guard('pools of the chain', sql`(SELECT count(*) FROM pools WHERE org_id IN (${sql.join(orgIds.map((id) => sql`${id}`), sql`, `)})) = ${n}`));

const dialect = new SQLiteAsyncDialect();

/** A built drizzle query (or SQL) as the statement a write batch carries. */
export function statementOf(query: SQL | WriteQuery): InStatement {
  const { sql: text, params } = query instanceof SQL ? dialect.sqlToQuery(query) : query.toSQL();
  return { sql: text, args: params as InArgs };
}

export const isStalePlan = (error: unknown, what = 'stale plan'): boolean => {
  for (let e: any = error; e; e = e.cause) if (String(e.message ?? '').includes(what)) return true;
  return false;
};
