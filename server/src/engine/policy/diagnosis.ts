import { PRODUCT_LABELS, PRODUCTS, ROLE_LABELS, type Product, type Role, type RuleEntitlement, type User } from '@seatwise/shared';
import { neededProducts } from './entitlements.ts';
import type { OrgTree } from '../queries/org-tree.ts';

export interface AccessDiagnosis {
  product: Product;
  hasAccess: boolean;
  /** Plain words for support staff: why the user can or cannot open this product's content. */
  reason: string;
  fix: string | null;
}

/** "Why can't this user open content?", answered per product from the facts we hold. */
export function diagnoseAccess(user: User, tree: OrgTree, rules: Record<Role, RuleEntitlement[]>): AccessDiagnosis[] {
  const home = tree.get(user.orgIds[0] ?? '');
  return PRODUCTS.map((product) => {
    const label = PRODUCT_LABELS[product];
    const license = user.licenses.find((l) => l.product === product);
    const entitling = user.roles.filter((r) => {
      const e = rules[r] ?? [];
      return e.includes(product) || e.includes('activated');
    });
    const say = (hasAccess: boolean, reason: string, fix: string | null = null): AccessDiagnosis => ({ product, hasAccess, reason, fix });
    if (user.status === 'archived') return say(false, 'The user is archived, so every license was released.', 'Restore the user on the host platform.');
    if (!home) return say(false, 'The user belongs to no organization.', 'Add an authorized organization.');
    if (license?.state === 'active') return say(true, `Licensed from ${license.poolName ?? license.poolId} since ${license.since.slice(0, 10)}.`);
    if (license?.state === 'grace') return say(true, `Licensed from ${license.poolName ?? license.poolId}, which has ended and is in its grace period.`, 'Renew the pool before grace ends.');
    if (license?.state === 'suspended') return say(false, `The ${label} pool ${license.poolName ?? license.poolId} has expired: the license is suspended.`, 'Renew the pool; access resumes at once.');
    if (license?.state === 'waiting') return say(false, `Waiting for a free ${label} seat since ${license.since.slice(0, 10)}.`, 'Release a seat (e.g. an inactive holder) or add seats; the longest waiting user is served first.');
    if (!home.products.includes(product)) {
      return entitling.length
        ? say(false, `${home.name} has not activated ${label}.`, `Activate ${label} for ${home.name}.`)
        : say(false, `${home.name} has not activated ${label}, and no role of the user needs it.`);
    }
    if (entitling.length === 0) {
      const granting = (Object.keys(rules) as Role[]).filter((r) => (rules[r] ?? []).includes(product)).map((r) => ROLE_LABELS[r]);
      return say(false, `No role of the user entitles ${label}.`, granting.length ? `Grant one of: ${granting.join(', ')}.` : null);
    }
    const needs = neededProducts(user.roles, rules, home.products);
    return needs.products.has(product)
      ? say(false, `A role entitles ${label} but no license is recorded.`, 'Save the user again to re-evaluate licenses.')
      : say(false, `${label} is not needed by the user's roles here.`);
  });
}
