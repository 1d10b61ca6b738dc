import type { Authority } from '@seatwise/shared';
import { eq } from 'drizzle-orm';
import { apiTokens } from '../../db/schema.ts';
import { hashToken, mintToken } from '../../http/tokens.ts';
import { appendAudit } from './audit.ts';
import { newId } from '../policy/ids.ts';
import type { EngineCtx } from './reconcile.ts';

/** Stores a token hashed; the plain token is returned once and never again. */
export async function issueToken(ctx: EngineCtx, userId: string, authority: Authority, label: string, token = mintToken()) {
  const hash = hashToken(token);
  const [existing] = await ctx.tx.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.tokenHash, hash));
  const id = existing?.id ?? newId('tok');
  if (!existing) {
    await ctx.tx.insert(apiTokens).values({ id, userId, tokenHash: hash, authority, label });
    await appendAudit(ctx.tx, ctx.now, [{ actorId: ctx.actorId, action: 'token.create', subjectType: 'user', subjectId: userId, after: { tokenId: id, authority, label } }]);
  }
  return { id, token, authority, userId };
}
