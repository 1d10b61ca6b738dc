import type { Db } from '../../db/client.ts';
import { roleRules } from '../../db/schema.ts';
import { rulesFrom } from '../changes/rules.ts';
import type { EngineCtx } from '../changes/reconcile.ts';
import { VersionedCache } from './change-versions.ts';
import { OrgTree, orgTreeQuery } from './org-tree.ts';

/** The organization tree and the role rules: what every scope question and every plan walks. */
export interface TreeAndRules {
  tree: OrgTree;
  rules: EngineCtx['rules'];
}

const kept = new WeakMap<Db, VersionedCache<TreeAndRules>>();

/**
 * The tree and rules as of the `callers` change version `version` (read
 * before this call), kept per process and database while it stands: an
 * organization or rule change anywhere bumps it (triggers), so the next
 * reader loads both again, in one round trip.
 */
export async function treeAndRulesAt(db: Db, version: number): Promise<TreeAndRules> {
  const cache = kept.get(db) ?? kept.set(db, new VersionedCache(1)).get(db)!;
  return (await cache.get(version, 'tree and rules', async () => {
    const [treeRows, ruleRows] = await db.batch([orgTreeQuery(db), db.select().from(roleRules)]);
    return { tree: new OrgTree(treeRows), rules: rulesFrom(ruleRows) };
  }))!;
}
