import { authoritySchema, idSchema, tokenViewSchema, type Authority, type TokenView } from '@seatwise/shared';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { apiTokens, users } from '../db/schema.ts';
import { appendAudit } from '../engine/changes/audit.ts';
import { issueToken } from '../engine/changes/tokens.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv, Caller } from '../http/context.ts';
import { requireChange, requireUserChange, userVerdicts } from '../http/scope.ts';
import { validate } from '../http/validate.ts';
import { okJson } from '../reports/openapi.ts';
import { changeAs } from './helpers.ts';

const tags = ['tokens'];
/** Reporters and support both read; neither is above the other. */
const AUTHORITY_RANK: Record<Authority, number> = { system_admin: 3, org_admin: 2, reporter: 1, support: 1 };
/** System administrators revoke any token; everyone else only their own. */
const mayRevoke = (caller: Caller, holderId: string) => caller.authority === 'system_admin' || holderId === caller.userId;
const createSchema = z.strictObject({ userId: idSchema, authority: authoritySchema, label: z.string().trim().min(1).max(100).default('API token') });

export const tokenRoutes = new Hono<AppEnv>()
  .get(
    '/tokens',
    describeRoute({ tags, summary: 'Active API tokens of users the caller may see (admins), newest first; never the secret', responses: okJson(z.object({ tokens: z.array(tokenViewSchema) })) }),
    async (c) => {
      const { caller } = c.var;
      requireChange(caller);
      const { db } = c.var.services.engine;
      const rows = await db
        .select({ id: apiTokens.id, label: apiTokens.label, authority: apiTokens.authority, createdAt: apiTokens.createdAt, userId: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(isNull(apiTokens.revokedAt))
        .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
      // The one scope rule: a token is listed when its holder is a user the caller may see.
      const verdicts = await userVerdicts(db, caller.tree, caller, [...new Set(rows.map((r) => r.userId))]);
      const tokens: TokenView[] = rows
        .filter((r) => r.userId === caller.userId || verdicts.get(r.userId) !== 'unseen')
        .map((r) => ({
          id: r.id,
          label: r.label,
          authority: r.authority,
          createdAt: r.createdAt,
          holder: { id: r.userId, name: `${r.firstName} ${r.lastName}`.trim(), email: r.email },
          mine: r.id === caller.tokenId,
          revocable: mayRevoke(caller, r.userId),
        }));
      return c.json({ tokens });
    },
  )
  .post('/tokens', describeRoute({ tags, summary: 'Issue an API token for a user (shown once)' }), validate('json', createSchema), async (c) => {
    const { caller } = c.var;
    const body = c.req.valid('json');
    requireChange(caller);
    if (AUTHORITY_RANK[body.authority] > AUTHORITY_RANK[caller.authority]) throw new ApiError('forbidden', `a ${caller.authority} token cannot issue ${body.authority} tokens`, { field: 'authority' });
    // A token's scope is its user's home subtree: the change rule keeps it inside the caller's own scope.
    const issued = await changeAs(c, async (ctx) => {
      await requireUserChange(ctx, caller, body.userId);
      return issueToken(ctx, body.userId, body.authority, body.label);
    });
    return c.json(issued, 201);
  })
  .delete('/tokens/:id', describeRoute({ tags, summary: 'Revoke a token' }), validate('param', z.object({ id: idSchema })), async (c) => {
    const { caller } = c.var;
    requireChange(caller);
    const { id } = c.req.valid('param');
    await c.var.services.engine.change(caller.userId, async ({ tx, now }) => {
      const [token] = await tx.select().from(apiTokens).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
      if (!token || !mayRevoke(caller, token.userId)) throw new ApiError('not_found', `token ${id} not found`);
      await tx.update(apiTokens).set({ revokedAt: now.toISOString() }).where(eq(apiTokens.id, id));
      // Audited as the token itself, so every process's live streams see it and close that token's stream.
      await appendAudit(tx, now, [{ actorId: caller.userId, action: 'token.revoke', subjectType: 'token', subjectId: id, before: { userId: token.userId, authority: token.authority, label: token.label } }]);
    });
    return c.body(null, 204);
  });
