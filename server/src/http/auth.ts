import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/client.ts';
import { apiTokens, users } from '../db/schema.ts';
import { readChangeVersions, VersionedCache } from '../engine/queries/change-versions.ts';
import { treeAndRulesAt } from '../engine/queries/tree-and-rules.ts';
import { loadOrgTree, type OrgTree } from '../engine/queries/org-tree.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv, Caller } from './context.ts';
import { hashToken } from './tokens.ts';

/**
 * The caller an unrevoked token of an active user stands for, with its scope
 * as of now (the holder's home subtree in `tree`), or null.
 */
async function resolveCaller(db: Db, token: SQL, tree: () => Promise<OrgTree>): Promise<Caller | null> {
  const [row] = await db
    .select({
      userId: users.id,
      tokenId: apiTokens.id,
      email: users.email,
      status: users.status,
      authority: apiTokens.authority,
      homeOrgId: sql<string | null>`(select org_id from user_orgs where user_orgs.user_id = ${users.id} and position = 0)`,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(token, isNull(apiTokens.revokedAt)));
  if (!row || row.status !== 'active') return null;
  const orgTree = await tree();
  const homeOrgId = row.homeOrgId;
  return {
    userId: row.userId,
    tokenId: row.tokenId,
    email: row.email,
    authority: row.authority,
    homeOrgId,
    scope: row.authority === 'system_admin' ? null : homeOrgId ? orgTree.subtree(homeOrgId) : new Set(),
    tree: orgTree,
  };
}

/** The caller a token already resolved once stands for now: a long-lived stream re-checks it when its holder changes. */
export const callerNow = (db: Db, tokenId: string) => resolveCaller(db, eq(apiTokens.id, tokenId), () => loadOrgTree(db));

/**
 * Callers by token hash (and the org tree, with the engine's plans:
 * `treeAndRulesAt`), kept per process and database while the `callers`
 * change version stands: a revoked token, an archived or moved holder, or a
 * moved organization bumps it (triggers), in whichever process made the
 * change, so the next request anywhere reads afresh.
 */
const kept = new WeakMap<Db, VersionedCache<Caller>>();

function cachedCaller(db: Db, version: number, tokenHash: string): Promise<Caller | null> {
  const cache = kept.get(db) ?? kept.set(db, new VersionedCache()).get(db)!;
  return cache.get(version, tokenHash, () => resolveCaller(db, eq(apiTokens.tokenHash, tokenHash), async () => (await treeAndRulesAt(db, version)).tree));
}

/** Resolves the bearer token to a caller with an organization scope, or answers 401. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiError('unauthenticated', 'send an API token as "Authorization: Bearer <token>"');
  const { limits } = c.var;
  const address = limits.clientAddress(c);
  limits.checkGuesses(address);
  const { db } = c.var.services.database;
  const versions = await readChangeVersions(db);
  c.set('versions', versions);
  const caller = await cachedCaller(db, versions.callers, hashToken(match[1]!));
  if (!caller) {
    limits.recordBadToken(address);
    throw new ApiError('unauthenticated', 'this API token is unknown or revoked');
  }
  c.set('caller', caller);
  await next();
});
