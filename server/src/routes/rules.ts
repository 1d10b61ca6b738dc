import { rulesSchema } from '@seatwise/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { eq } from 'drizzle-orm';
import { users } from '../db/schema.ts';
import { appendAudit } from '../engine/audit.ts';
import { createReevaluationJob } from '../engine/bulk-jobs.ts';
import { loadRules, saveRules } from '../engine/rules.ts';
import type { AppEnv } from '../http/context.ts';
import { requireSystemAdmin } from '../http/scope.ts';
import { validate } from '../http/validate.ts';

const tags = ['rules'];

export const ruleRoutes = new Hono<AppEnv>()
  .get('/rules', describeRoute({ tags, summary: 'Which roles entitle which products' }), async (c) => c.json({ rules: await loadRules(c.var.services.engine.db) }))
  .put('/rules', describeRoute({ tags, summary: 'Change role → product rules (system admins); existing licenses are re-evaluated on each user’s next change' }), validate('json', rulesSchema), async (c) => {
    const { caller } = c.var;
    requireSystemAdmin(caller);
    const { rules } = c.req.valid('json');
    const next = await c.var.services.engine.change(caller.userId, async ({ tx, now }) => {
      const before = await loadRules(tx);
      await saveRules(tx, rules);
      const after = await loadRules(tx);
      await appendAudit(tx, now, [{ actorId: caller.userId, action: 'rules.update', subjectType: 'rules', subjectId: 'rules', before, after }]);
      return after;
    });
    // Existing licenses follow the new rules: every active user is re-evaluated in the background.
    const active = await c.var.services.engine.db.select({ id: users.id }).from(users).where(eq(users.status, 'active'));
    const jobId = await createReevaluationJob(c.var.services.engine, caller.userId, active.map((u) => u.id));
    c.var.services.jobRunner?.poke();
    return c.json({ rules: next, jobId });
  });
