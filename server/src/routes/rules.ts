import { rulesSchema } from '@seatwise/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { appendAudit } from '../engine/changes/audit.ts';
import { reevaluateInTx } from '../engine/changes/bulk-jobs.ts';
import { previewEffect } from '../engine/changes/preview-effect.ts';
import type { EngineCtx } from '../engine/changes/reconcile.ts';
import { loadRules, saveRules } from '../engine/changes/rules.ts';
import type { Rules } from '../engine/policy/entitlements.ts';
import type { AppEnv } from '../http/context.ts';
import { requireSystemAdmin } from '../http/scope.ts';
import { validate } from '../http/validate.ts';

const tags = ['rules'];

/**
 * Replaces the rules inside the caller's transaction and records the
 * re-evaluation of the users holding a role whose rule changed: the PUT
 * itself, and what its preview does before rolling back.
 */
async function replaceRules(ctx: EngineCtx, actorId: string, rules: Rules) {
  const before = await loadRules(ctx.tx);
  await saveRules(ctx.tx, rules);
  const after = await loadRules(ctx.tx);
  await appendAudit(ctx.tx, ctx.now, [{ actorId, action: 'rules.update', subjectType: 'rules', subjectId: 'rules', before, after }]);
  // Existing licenses follow the new rules: the users holding a role whose rule changed are re-evaluated in the background.
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter((role) => [...before[role]].sort().join() !== [...after[role]].sort().join());
  return { after, jobId: await reevaluateInTx(ctx, { roles: changed }) };
}

export const ruleRoutes = new Hono<AppEnv>()
  .get('/rules', describeRoute({ tags, summary: 'Which roles entitle which products' }), async (c) => c.json({ rules: await loadRules(c.var.services.engine.db) }))
  .put('/rules', describeRoute({ tags, summary: 'Change role → product rules (system admins); users holding a role whose rule changed are re-evaluated in a job (jobId, null when nothing changed)' }), validate('json', rulesSchema), async (c) => {
    const { caller } = c.var;
    requireSystemAdmin(caller);
    const { after, jobId } = await c.var.services.engine.change(caller.userId, (ctx) => replaceRules(ctx, caller.userId, c.req.valid('json').rules));
    if (jobId) c.var.services.jobRunner?.poke();
    return c.json({ rules: after, jobId });
  })
  /* ---- Administration: organizations and rules ---- */
  .post('/rules/preview', describeRoute({ tags, summary: 'What a PUT /rules would do to licenses (users who gain, lose or wait, per product and pool), changing nothing (system admins)' }), validate('json', rulesSchema), async (c) => {
    const { caller } = c.var;
    requireSystemAdmin(caller);
    const { rules } = c.req.valid('json');
    return c.json(await previewEffect(c.var.services.engine, caller.userId, caller.scope, async (ctx) => (await replaceRules(ctx, caller.userId, rules)).jobId));
  });
