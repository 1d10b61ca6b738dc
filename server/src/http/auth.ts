import { and, eq, isNull } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { apiTokens, userOrgs, users } from '../db/schema.ts';
import { loadOrgTree } from '../engine/org-tree.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv, Caller } from './context.ts';
import { hashToken } from './tokens.ts';

/** Resolves the bearer token to a caller with an organization scope, or answers 401. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiError('unauthenticated', 'send an API token as "Authorization: Bearer <token>"');
  const { db } = c.var.services.database;
  const [row] = await db
    .select({ userId: users.id, email: users.email, status: users.status, authority: apiTokens.authority })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(match[1]!)), isNull(apiTokens.revokedAt)));
  if (!row || row.status !== 'active') throw new ApiError('unauthenticated', 'this API token is unknown or revoked');

  const tree = await loadOrgTree(db);
  const [home] = await db.select({ orgId: userOrgs.orgId }).from(userOrgs).where(eq(userOrgs.userId, row.userId)).orderBy(userOrgs.position).limit(1);
  const homeOrgId = home?.orgId ?? null;
  const caller: Caller = {
    userId: row.userId,
    email: row.email,
    authority: row.authority,
    homeOrgId,
    scope: row.authority === 'system_admin' ? null : homeOrgId ? tree.subtree(homeOrgId) : new Set(),
    tree,
  };
  c.set('caller', caller);
  await next();
});
