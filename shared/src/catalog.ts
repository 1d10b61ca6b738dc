/**
 * The product catalogue. Everything that knows about products, SKUs and roles
 * reads it from here, so a third product is one entry in each list below.
 */
export const PRODUCTS = ['elearn', 'weclimb'] as const;
export type Product = (typeof PRODUCTS)[number];

export const PRODUCT_LABELS: Record<Product, string> = {
  elearn: 'eLearn',
  weclimb: 'weCLIMB',
};

/** A SKU is what a pool sells; each covers one or more products per seat. */
export const SKUS = ['elearn', 'weclimb', 'combined'] as const;
export type Sku = (typeof SKUS)[number];

export const SKU_PRODUCTS: Record<Sku, readonly Product[]> = {
  elearn: ['elearn'],
  weclimb: ['weclimb'],
  combined: ['elearn', 'weclimb'],
};

export const SKU_LABELS: Record<Sku, string> = {
  elearn: 'eLearn',
  weclimb: 'weCLIMB',
  combined: 'Combined',
};

/** The host platform's roles, in the order its user form lists them. */
export const ROLES = [
  'system_administrator',
  'organization_administrator',
  'evaluator',
  'observer',
  'observable',
  'reporter',
  'proctor',
  'publisher',
  'learner',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  system_administrator: 'System Administrator',
  organization_administrator: 'Organization Administrator',
  evaluator: 'Evaluator',
  observer: 'Observer',
  observable: 'Observable',
  reporter: 'Reporter',
  proctor: 'Proctor',
  publisher: 'Publisher',
  learner: 'Learner',
};

/**
 * A rule entitles a role to products. `activated` stands for "every product
 * the user's organization has activated" (the administrator roles).
 */
export type RuleEntitlement = Product | 'activated';

export const DEFAULT_RULES: Record<Role, readonly RuleEntitlement[]> = {
  system_administrator: ['activated'],
  organization_administrator: ['activated'],
  evaluator: ['weclimb'],
  observer: ['weclimb'],
  observable: ['weclimb'],
  reporter: [],
  proctor: ['elearn'],
  publisher: ['elearn'],
  learner: ['elearn'],
};

export const AUTHORITIES = ['system_admin', 'org_admin', 'reporter', 'support'] as const;
export type Authority = (typeof AUTHORITIES)[number];

export const POOL_STATES = ['active', 'expiring', 'grace', 'expired'] as const;
export type PoolState = (typeof POOL_STATES)[number];

export const LICENSE_STATES = ['active', 'waiting', 'suspended', 'grace'] as const;
export type LicenseState = (typeof LICENSE_STATES)[number];

export const USER_STATUSES = ['active', 'archived'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Lifecycle defaults (Microsoft 365's: 30 days of grace). */
export const LIFECYCLE_DEFAULTS = {
  renewalWindowDays: 60,
  graceDays: 30,
  activeWindowDays: 30,
} as const;

/** "a weCLIMB seat", "an eLearn seat": the article for a product or SKU label. */
export const withArticle = (label: string) => `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;

const integer = new Intl.NumberFormat('en-US');
/** "1 seat", "3 seats", "1,200 organizations": every count a person reads agrees with its noun. */
export const plural = (n: number, one: string, many = `${one}s`) => `${integer.format(n)} ${n === 1 ? one : many}`;
