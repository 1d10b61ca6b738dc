import { eq } from 'drizzle-orm';
import { apiTokens, users } from './db/schema.ts';
import type { Engine } from './engine/engine.ts';
import { newId } from './engine/policy/ids.ts';
import { issueToken } from './engine/changes/tokens.ts';

/**
 * First-run bootstrap: on a database with no system administrator, create one
 * whose API token is ADMIN_TOKEN (like a container's admin password). In demo
 * mode the token is accepted as a system admin token whatever the database holds.
 */
export async function bootstrapAdmin(engine: Engine, token: string, demo: boolean): Promise<void> {
  await engine.change(null, async (ctx) => {
    const [admin] = await ctx.tx.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.authority, 'system_admin')).limit(1);
    if (admin && !demo) return;
    const email = 'admin@seatwise.local';
    let [user] = await ctx.tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!user) {
      user = { id: newId('usr') };
      await ctx.tx.insert(users).values({ id: user.id, email, firstName: 'Seatwise', lastName: 'Administrator', status: 'active', updatedAt: ctx.now.toISOString() });
    }
    await issueToken(ctx, user.id, 'system_admin', 'ADMIN_TOKEN bootstrap', token);
  });
}
