import { PRODUCT_LABELS, SKU_LABELS, withArticle } from '@seatwise/shared';
import { ApiError } from '../../errors.ts';
import { inactiveHolders } from '../queries/inactive-holders.ts';
import { poolLabel } from '../queries/pool-label.ts';
import type { PlanCtx, ReconcilePlan } from './reconcile-plan.ts';

/**
 * Why a plan must be refused, or null: a role asking for a product its home
 * organization has not activated, or a seat no pool has free (with the
 * inactive holders the asker may see, as advice). Reads only.
 */
export async function refusalOf(ctx: PlanCtx, plan: ReconcilePlan): Promise<ApiError | null> {
  const { home } = plan;
  if (plan.notActivated) {
    const product = plan.notActivated;
    return named(
      plan,
      new ApiError('product_not_activated', `${home.name} has not activated ${PRODUCT_LABELS[product]}, so the role cannot take ${withArticle(PRODUCT_LABELS[product])} license.`, { product, orgId: home.id }),
    );
  }
  if (!plan.seats.refusal) return null;
  const { product, pool } = plan.seats.refusal;
  const seats = pool?.capacity ?? 0;
  const assigned = pool?.assigned ?? 0;
  const held = pool?.held ?? 0;
  const suggestions = pool ? await inactiveHolders(ctx.tx, pool.id, ctx.now, ctx.viewer) : [];
  const where = pool ? `${poolLabel(pool)} (${SKU_LABELS[pool.sku]}, ${assigned} of ${seats} seats assigned${held ? `, ${held} held for forms being edited` : ''})` : `any pool of ${home.name}`;
  return named(
    plan,
    new ApiError(
      'license_limit_reached',
      `No ${PRODUCT_LABELS[product]} seat is free in ${where}. Release a seat${suggestions.length ? ` (e.g. an inactive holder)` : ''}, add seats or renew the pool.`,
      { product, poolId: pool?.id ?? null, sku: pool?.sku ?? null, seats, assigned, held, suggestions },
    ),
  );
}

/** Throws the plan's refusal, if it has one: a refused change writes nothing. */
export async function refuseIfAsked(ctx: PlanCtx, plan: ReconcilePlan): Promise<void> {
  const refusal = await refusalOf(ctx, plan);
  if (refusal) throw refusal;
}

/** Refusals name the user and home so the engine can audit them after the rollback. */
function named(plan: ReconcilePlan, error: ApiError): ApiError {
  Object.assign(error.details, { userId: plan.user.id, orgId: plan.home.id });
  return error;
}

export const isRefusal = (e: unknown): e is ApiError =>
  e instanceof ApiError && (e.code === 'license_limit_reached' || e.code === 'product_not_activated');
