import { PRODUCTS, type Product, type Role, type RuleEntitlement } from '@seatwise/shared';

export type Rules = Partial<Record<Role, readonly RuleEntitlement[]>>;

export interface Needs {
  /** Products the roles entitle and the organization has activated. */
  products: Set<Product>;
  /** Products the roles name explicitly that the organization has not activated. */
  notActivated: Set<Product>;
}

/** What a set of roles needs in an organization with the given activated products. */
export function neededProducts(roles: Iterable<Role>, rules: Rules, activated: readonly Product[]): Needs {
  const products = new Set<Product>();
  const notActivated = new Set<Product>();
  for (const role of roles) {
    for (const entitlement of rules[role] ?? []) {
      if (entitlement === 'activated') {
        for (const p of activated) products.add(p);
      } else if (activated.includes(entitlement)) {
        products.add(entitlement);
      } else {
        notActivated.add(entitlement);
      }
    }
  }
  // Keep catalogue order so plans and messages are deterministic.
  return {
    products: new Set(PRODUCTS.filter((p) => products.has(p))),
    notActivated: new Set(PRODUCTS.filter((p) => notActivated.has(p))),
  };
}
