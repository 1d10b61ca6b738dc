import { emailSchema, externalIdSchema, type Role } from '@seatwise/shared';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { assignments, pools, userOrgs, userRoles, users } from '../db/schema.ts';
import { loadRules } from '../engine/changes/rules.ts';
import type { HeldLicense } from '../engine/policy/seat-planner.ts';
import type { Caller } from '../http/context.ts';
import { orgInScope } from '../http/scope.ts';
import { mayChangeHomedIn } from '../http/scope.ts';
import { fieldLabel } from './columns.ts';
import { chunked, emptyReport, FirstSeen, Issues, type ImportPlan, type PlanInput } from './plan.ts';
import type { RawRow } from './read-rows.ts';
import { SeatSimulation, type SimPerson } from './seat-simulation.ts';
import { nameSchema, parseRoles, splitList } from './values.ts';

/** A valid users row: what `upsertUser` is called with when the import applies. */
export interface UserImportRow {
  email: string;
  firstName: string;
  lastName: string;
  /** The platform's user id (a `User ID` column); undefined: the one on record stays. */
  externalId?: string;
  /** Undefined: the file has none for them, so the one on record stays. */
  stateEducatorId?: string;
  orgIds: string[];
  /** Undefined: the file has no Roles column, so roles stay as they are. */
  roles?: Role[];
}

export type UserItem = ({ op: 'upsert' } & UserImportRow) | { op: 'archive'; userId: string };

interface Existing {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  externalId: string | null;
  stateEducatorId: string | null;
  status: 'active' | 'archived';
  orgIds: string[];
  roles: Role[];
  held: HeldLicense[];
}

/**
 * Reads a users file and works out what importing it would do, changing
 * nothing: per row created / updated / unchanged, per pool the seats taken
 * and released, who gets a license and who waits. Seats are planned with the
 * engine's own planner over the live pool counters, row by row in file order,
 * as the apply job will (a roster is a host change: nobody is refused, users
 * wait for a seat).
 */
export async function planUsers(input: PlanInput): Promise<ImportPlan> {
  const { caller, engine, source } = input;
  const report = emptyReport('users', input);
  const issues = new Issues();
  const label = (field: string) => fieldLabel('users', source.columns(), field);
  const resolveOrg = orgResolver(caller);
  const seenEmail = new FirstSeen();
  const seenExternal = new FirstSeen();
  const rows: (UserImportRow & { line: number })[] = [];
  const mentioned = new Set<string>();

  for await (const raw of source.rows) {
    report.rows++;
    // Sync never archives someone the file names, even on a row it refuses.
    for (const key of [raw.values.email, raw.values.externalId]) if (key) mentioned.add(key.trim().toLowerCase());
    const row = validateRow(raw, issues, label, resolveOrg);
    if (!row) continue;
    const sameEmail = seenEmail.check(row.email, raw.line);
    const sameId = sameEmail === undefined && row.externalId ? seenExternal.check(row.externalId, raw.line) : undefined;
    if (sameEmail !== undefined || sameId !== undefined) {
      issues.add(raw.line, label(sameEmail !== undefined ? 'email' : 'externalId'), `the same person as line ${sameEmail ?? sameId}`);
      continue;
    }
    rows.push({ ...row, line: raw.line });
  }

  const db = engine.db;
  const existing = await loadExisting(db, rows);
  const sim = new SeatSimulation(await db.select().from(pools), caller.tree, await loadRules(db), engine.now());
  await loadWaitingQueue(db, sim);
  for (const u of existing.byEmail.values()) sim.know(u.id, asPerson(u));
  for (const u of existing.byExternal.values()) sim.know(u.id, asPerson(u));

  const items: ImportPlan['items'] = [];
  if (input.mode === 'sync') {
    const gone = await missingUsers(db, caller, rows, mentioned);
    for (const u of gone) {
      sim.know(u.id, asPerson(u));
      sim.change(u.id, { home: u.orgIds[0]!, roles: u.roles, archived: true });
      report.archived++;
      report.archivedUsers.push({ id: u.id, email: u.email, firstName: u.firstName, lastName: u.lastName, orgId: u.orgIds[0]! });
      items.push({ line: 0, key: u.id, data: { op: 'archive', userId: u.id } satisfies UserItem });
    }
  }

  for (const { line, ...row } of rows) {
    const byEmail = existing.byEmail.get(row.email);
    const byExternal = row.externalId ? existing.byExternal.get(row.externalId) : undefined;
    if (byEmail && byExternal && byEmail.id !== byExternal.id) {
      issues.add(line, label('externalId'), `${row.externalId} belongs to another user than ${row.email}`);
      continue;
    }
    const user = byEmail ?? byExternal;
    if (user && !mayChangeHomedIn(caller.tree, caller, user.orgIds[0])) {
      issues.add(line, label(byEmail ? 'email' : 'externalId'), 'belongs to a user outside your organizations');
      continue;
    }
    const roles = row.roles ?? user?.roles ?? [];
    if (!user) report.created++;
    else if (!changes(user, row)) {
      report.unchanged++;
      continue;
    } else report.updated++;
    const seats = sim.change(user?.id ?? `new:${row.email}`, { home: row.orgIds[0]!, roles, archived: user?.status === 'archived' });
    if (seats.acquired) report.licensed++;
    if (seats.waits) report.waiting++;
    items.push({ line, key: row.email, data: { op: 'upsert', ...row } satisfies UserItem });
  }

  report.invalid = issues.list.sort((a, b) => a.line - b.line);
  report.pools = sim.effects();
  return { report, items };
}

const asPerson = (u: Existing): SimPerson => ({ held: u.held, home: u.orgIds[0]!, roles: u.roles, archived: u.status === 'archived' });

/** Everyone waiting for a seat, longest waiting first: who a seat the import (or a pool change) frees goes to. */
export async function loadWaitingQueue(db: PlanInput['engine']['db'], sim: SeatSimulation) {
  const queue = await db
    .select({ userId: assignments.userId, product: assignments.product })
    .from(assignments)
    .where(eq(assignments.state, 'waiting'))
    .orderBy(asc(assignments.waitingSince), asc(assignments.id));
  const people = new Map<string, Existing>();
  for (const ids of chunked([...new Set(queue.map((q) => q.userId))])) {
    for (const u of await db.select(USER_COLUMNS).from(users).where(inArray(users.id, ids))) people.set(u.id, { ...u, orgIds: [], roles: [], held: [] });
  }
  await loadHoldings(db, people);
  for (const q of queue) {
    const person = people.get(q.userId);
    if (!person?.orgIds.length) continue;
    sim.know(q.userId, asPerson(person));
    sim.enqueue(q.userId, q.product);
  }
}

const USER_COLUMNS = { id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName, externalId: users.externalId, stateEducatorId: users.stateEducatorId, status: users.status };

function validateRow(raw: RawRow, issues: Issues, label: (f: string) => string, resolveOrg: (ref: string) => string | { reason: string }): UserImportRow | null {
  const v = raw.values;
  const before = issues.list.length;
  const email = emailSchema.safeParse(v.email ?? '');
  if (!email.success) issues.add(raw.line, label('email'), v.email ? `"${v.email}" is not an email address` : 'required');
  const first = nameSchema.safeParse(v.firstName ?? '');
  if (!first.success) issues.add(raw.line, label('firstName'), first.error.issues[0]!.message);
  const last = nameSchema.safeParse(v.lastName ?? '');
  if (!last.success) issues.add(raw.line, label('lastName'), last.error.issues[0]!.message);
  const external = v.externalId ? externalIdSchema.safeParse(v.externalId) : null;
  if (external && !external.success) issues.add(raw.line, label('externalId'), 'longer than 128 characters');
  const educator = v.stateEducatorId ? externalIdSchema.safeParse(v.stateEducatorId) : null;
  if (educator && !educator.success) issues.add(raw.line, label('stateEducatorId'), 'longer than 128 characters');
  const orgIds: string[] = [];
  const refs = splitList(v.organizations);
  if (refs.length === 0) issues.add(raw.line, label('organizations'), 'required: the first organization is the home one');
  for (const ref of refs) {
    const id = resolveOrg(ref);
    if (typeof id === 'string') {
      if (!orgIds.includes(id)) orgIds.push(id);
    } else issues.add(raw.line, label('organizations'), id.reason);
  }
  if (orgIds.length > 50) issues.add(raw.line, label('organizations'), 'more than 50 organizations');
  const roles = 'roles' in v ? parseRoles(v.roles) : null;
  if (roles && !roles.ok) issues.add(raw.line, label('roles'), roles.reason);
  if (issues.list.length > before) return null;
  return {
    email: email.data!,
    firstName: first.data!,
    lastName: last.data!,
    ...(external?.success ? { externalId: external.data } : {}),
    ...(educator?.success ? { stateEducatorId: educator.data } : {}),
    orgIds,
    ...(roles?.ok ? { roles: roles.value } : {}),
  };
}

/** Organizations by our id, the platform's id, or their name (when one organization has it), inside the caller's scope. */
function orgResolver(caller: Caller) {
  const byName = new Map<string, string[]>();
  for (const o of caller.tree.byId.values()) {
    if (!orgInScope(caller, o.id)) continue;
    const key = o.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), o.id]);
  }
  return (ref: string): string | { reason: string } => {
    const id = caller.tree.resolve(ref);
    if (id) return orgInScope(caller, id) ? id : { reason: `organization ${ref} not found in your organizations` };
    const named = byName.get(ref.toLowerCase()) ?? [];
    if (named.length === 1) return named[0]!;
    if (named.length > 1) return { reason: `${named.length} organizations are called "${ref}": use the organization's id` };
    return { reason: `organization ${ref} not found in your organizations` };
  };
}

function changes(user: Existing, row: UserImportRow): boolean {
  return (
    user.firstName !== row.firstName ||
    user.lastName !== row.lastName ||
    (row.externalId !== undefined && row.externalId !== user.externalId) ||
    (row.stateEducatorId !== undefined && row.stateEducatorId !== user.stateEducatorId) ||
    user.orgIds.join() !== row.orgIds.join() ||
    (row.roles !== undefined && (row.roles.length !== user.roles.length || row.roles.some((r) => !user.roles.includes(r))))
  );
}

/** The users a file names, found by email or platform id, with their organizations, roles and seats. */
async function loadExisting(db: PlanInput['engine']['db'], rows: UserImportRow[]) {
  const found = new Map<string, Existing>();
  const fetch = async (where: ReturnType<typeof inArray>) => {
    const list = await db.select(USER_COLUMNS).from(users).where(where);
    for (const u of list) if (!found.has(u.id)) found.set(u.id, { ...u, orgIds: [], roles: [], held: [] });
  };
  for (const c of chunked([...new Set(rows.map((r) => r.email))])) await fetch(inArray(users.email, c));
  for (const c of chunked([...new Set(rows.flatMap((r) => (r.externalId ? [r.externalId] : [])))])) await fetch(inArray(users.externalId, c));
  await loadHoldings(db, found);
  const list = [...found.values()];
  return {
    byEmail: new Map(list.map((u) => [u.email, u])),
    byExternal: new Map(list.filter((u) => u.externalId).map((u) => [u.externalId!, u])),
  };
}

async function loadHoldings(db: PlanInput['engine']['db'], found: Map<string, Existing>) {
  for (const ids of chunked([...found.keys()])) {
    for (const r of await db.select().from(userOrgs).where(inArray(userOrgs.userId, ids)).orderBy(asc(userOrgs.userId), asc(userOrgs.position))) found.get(r.userId)!.orgIds.push(r.orgId);
    for (const r of await db.select().from(userRoles).where(inArray(userRoles.userId, ids))) found.get(r.userId)!.roles.push(r.role);
    for (const r of await db.select().from(assignments).where(inArray(assignments.userId, ids))) found.get(r.userId)!.held.push({ product: r.product, poolId: r.poolId, state: r.state });
  }
}

/**
 * Sync mode: active users whose home is one of the file's organizations and
 * whom the file does not name. Never the caller: a sync cannot lock its own
 * administrator out.
 */
async function missingUsers(db: PlanInput['engine']['db'], caller: Caller, rows: UserImportRow[], mentioned: Set<string>): Promise<Existing[]> {
  const orgIds = [...new Set(rows.flatMap((r) => r.orgIds))];
  const gone = new Map<string, Existing>();
  for (const c of chunked(orgIds)) {
    const list = await db
      .select(USER_COLUMNS)
      .from(userOrgs)
      .innerJoin(users, eq(users.id, userOrgs.userId))
      .where(and(inArray(userOrgs.orgId, c), eq(userOrgs.position, 0), eq(users.status, 'active'), ne(users.id, caller.userId)))
      .orderBy(asc(users.email));
    for (const u of list) if (!mentioned.has(u.email) && !mentioned.has(u.externalId?.toLowerCase() ?? '')) gone.set(u.id, { ...u, orgIds: [], roles: [], held: [] });
  }
  await loadHoldings(db, gone);
  return [...gone.values()].filter((u) => mayChangeHomedIn(caller.tree, caller, u.orgIds[0]));
}
