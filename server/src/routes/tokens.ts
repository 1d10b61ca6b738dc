import { authoritySchema, idSchema, type Authority } from '@seatwise/shared';
import { and, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { apiTokens } from '../db/schema.ts';
import { appendAudit } from '../engine/changes/audit.ts';
import { issueToken } from '../engine/changes/tokens.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv } from '../http/context.ts';
import { requireChange, requireUserChange } from '../http/scope.ts';
import { validate } from '../http/validate.ts';
import { changeAs } from './helpers.ts';

const tags = ['tokens'];
/** Reporters and support both read; neither is above the other. */
const AUTHORITY_RANK: Record<Authority, number> = { system_admin: 3, org_admin: 2, reporter: 1, support: 1 };
const createSchema = z.strictObject({ userId: idSchema, authority: authoritySchema, label: z.string().trim().min(1).max(100).default('API token') });

export const tokenRoutes = new Hono<AppEnv>()
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
      if (!token || (caller.authority !== 'system_admin' && token.userId !== caller.userId)) throw new ApiError('not_found', `token ${id} not found`);
      await tx.update(apiTokens).set({ revokedAt: now.toISOString() }).where(eq(apiTokens.id, id));
      // Audited as the token itself, so every process's live streams see it and close that token's stream.
      await appendAudit(tx, now, [{ actorId: caller.userId, action: 'token.revoke', subjectType: 'token', subjectId: id, before: { userId: token.userId, authority: token.authority, label: token.label } }]);
    });
    return c.body(null, 204);
  });
