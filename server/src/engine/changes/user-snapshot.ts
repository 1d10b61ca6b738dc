import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client.ts';
import { hotRead } from '../../db/hot-reads.ts';
import { assignments, changeVersions, pools, seatHolds, userOrgs, userRoles, users, type PoolRow } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import type { OrgTree } from '../queries/org-tree.ts';
import { treeAndRulesAt } from '../queries/tree-and-rules.ts';
import { fingerprintOf, someoneWaits } from './plan-guards.ts';
import type { UserFacts } from './reconcile-plan.ts';
import type { EngineCtx } from './reconcile.ts';

/**
 * Everything a change to one user is planned from, read in one statement
 * (one round trip, one consistent snapshot, no write lock): the user's rows,
 * the pools their organizations and licenses can involve, and what the write
 * batch guards them with. The tree and rules are the process's copy as of
 * the `callers` change version read in the same statement (`treeAndRulesAt`),
 * which the batch guards instead of re-reading them.
 */
export interface UserSnapshot {
  facts: UserFacts;
  /** Pools of every organization above the user's and those they hold seats in. */
  poolRows: PoolRow[];
  tree: OrgTree;
  rules: EngineCtx['rules'];
  /** The user's fingerprint, and the `callers` change version the tree and rules are as of. */
  fingerprints: { user: string; callers: number };
  /** Someone waits for a seat somewhere. */
  someoneWaits: boolean;
}

/** One row of `table` as a JSON object keyed as drizzle keys its rows (JSON columns as their value, not text). */
const jsonRow = (table: SQLiteTable) =>
  sql`json_object(${sql.join(
    Object.entries(getTableColumns(table)).map(([key, column]) => sql`${sql.raw(`'${key}'`)}, ${(column as SQLiteColumn).dataType === 'json' ? sql`json(${column})` : column}`),
    sql`, `,
  )})`;

/** A scalar subquery's JSON answer (json() keeps it JSON, not text, inside the outer object). */
const json = (subquery: SQL) => sql`json((${subquery}))`;

/**
 * The whole snapshot as one JSON cell. Compiled once per process (`hotRead`):
 * on an embedded database it runs on the prepared-statement connection, so a
 * plan costs no statement preparation and no row-by-row decoding.
 */
const snapshotRead = hotRead(['userId'], ({ userId }) => sql`select json_object(
  'callers', (select ${changeVersions.callers} from ${changeVersions} where ${changeVersions.id} = 1),
  'user', ${json(sql`select ${jsonRow(users)} from ${users} where ${users.id} = ${userId}`)},
  'orgIds', ${json(sql`select json_group_array(${userOrgs.orgId} order by ${userOrgs.position}) from ${userOrgs} where ${userOrgs.userId} = ${userId}`)},
  'roles', ${json(sql`select json_group_array(${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${userId}`)},
  'held', ${json(sql`select json_group_array(${jsonRow(assignments)} order by ${assignments.id}) from ${assignments} where ${assignments.userId} = ${userId}`)},
  'holds', ${json(sql`select json_group_array(${jsonRow(seatHolds)} order by ${seatHolds.id}) from ${seatHolds} where ${seatHolds.userId} = ${userId}`)},
  'pools', ${json(sql`select json_group_array(${jsonRow(pools)} order by ${pools.id}) from ${pools} where
    ${pools.orgId} IN (WITH RECURSIVE up(id) AS (SELECT org_id FROM user_orgs WHERE user_id = ${userId} UNION SELECT o.parent_id FROM orgs o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL) SELECT id FROM up)
    OR ${pools.id} IN (SELECT pool_id FROM assignments WHERE user_id = ${userId})`)},
  'someoneWaits', ${someoneWaits}
)`);

interface SnapshotCell {
  callers: number;
  user: UserFacts['user'] | null;
  orgIds: string[];
  roles: UserFacts['currentRoles'];
  held: UserFacts['heldRows'];
  holds: UserFacts['holdRows'];
  pools: PoolRow[];
  someoneWaits: number;
}

export async function readUserSnapshot(db: Db, userId: string): Promise<UserSnapshot> {
  const [cell] = (await snapshotRead(db, { userId }))!;
  const read = JSON.parse(cell as string) as SnapshotCell;
  if (!read.user) throw new ApiError('not_found', 'user not found');
  const { tree, rules } = await treeAndRulesAt(db, read.callers);
  const facts = { user: read.user, currentOrgIds: read.orgIds, currentRoles: read.roles, heldRows: read.held, holdRows: read.holds };
  return {
    facts,
    poolRows: read.pools,
    tree,
    rules,
    fingerprints: { user: fingerprintOf(facts), callers: read.callers },
    someoneWaits: read.someoneWaits === 1,
  };
}
