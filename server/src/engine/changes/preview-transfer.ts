import type { TransferPreviewResult } from '@seatwise/shared';
import type { Engine } from '../engine.ts';
import { loadOrgTree } from '../queries/org-tree.ts';
import { loadRules } from './rules.ts';
import { planReconcile, plannedChanges } from './reconcile-plan.ts';

/**
 * What moving one user to these organizations would do to their licenses,
 * as the platform's own move does it (a host change: what no seat is free
 * for waits, nothing is refused). The planner's answer for the same plan the
 * change would make, read without the write lock and writing nothing, as the
 * role previews are.
 */
export async function previewTransfer(engine: Engine, userId: string, orgIds: string[]): Promise<TransferPreviewResult> {
  const { db } = engine;
  const ctx = { tx: db, now: engine.now(), viewer: null, tree: await loadOrgTree(db), rules: await loadRules(db) };
  const plan = await planReconcile(ctx, { userId, orgIds, mode: 'host', how: 'transfer' });
  return { orgIds: plan.nextOrgIds, homeOrgId: plan.home.id, changes: plannedChanges(plan) };
}
