import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { pools, roleRules, type PoolRow } from '../../db/schema.ts';
import { OrgTree, orgTreeQuery } from '../queries/org-tree.ts';
import { someoneWaits, treeAndRulesFingerprint, userFingerprint } from './plan-guards.ts';
import { userFactQueries, userFactsFrom, type UserFacts } from './reconcile-plan.ts';
import type { EngineCtx } from './reconcile.ts';
import { rulesFrom } from './rules.ts';

/**
 * Everything a change to one user is planned from, read in one round trip
 * and one read transaction (a consistent snapshot, no write lock): the
 * user's rows, the pools their organizations and licenses can involve, the
 * tree and rules, and the fingerprints the write batch guards them with.
 */
export interface UserSnapshot {
  facts: UserFacts;
  /** Pools of every organization above the user's and those they hold seats in. */
  poolRows: PoolRow[];
  tree: OrgTree;
  rules: EngineCtx['rules'];
  fingerprints: { user: string; treeAndRules: string };
  /** Someone waits for a seat somewhere. */
  someoneWaits: boolean;
}

export async function readUserSnapshot(db: Db, userId: string): Promise<UserSnapshot> {
  const [userRows, orgRows, roleRows, heldRows, holdRows, poolRows, treeRows, ruleRows, [marks]] = await db.batch([
    ...userFactQueries(db, userId),
    db
      .select()
      .from(pools)
      .where(
        sql`${pools.orgId} IN (WITH RECURSIVE up(id) AS (SELECT org_id FROM user_orgs WHERE user_id = ${userId} UNION SELECT o.parent_id FROM orgs o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL) SELECT id FROM up)
          OR ${pools.id} IN (SELECT pool_id FROM assignments WHERE user_id = ${userId})`,
      ),
    orgTreeQuery(db),
    db.select().from(roleRules),
    db.select({ user: userFingerprint(userId), treeAndRules: treeAndRulesFingerprint, someoneWaits: someoneWaits }).from(sql`(SELECT 1)`),
  ]);
  return {
    facts: userFactsFrom([userRows, orgRows, roleRows, heldRows, holdRows]),
    poolRows,
    tree: new OrgTree(treeRows),
    rules: rulesFrom(ruleRows),
    fingerprints: { user: marks!.user, treeAndRules: marks!.treeAndRules },
    someoneWaits: Number(marks!.someoneWaits) === 1,
  };
}
