import { DEFAULT_RULES, SKUS, type Product, type Role, type Sku } from '@seatwise/shared';
import { generateDemoDistrict, type DemoDistrict, type DemoUser } from '../demo/district.ts';
import type { HostClaim, HostOrg, HostUser, LicenseCard } from './types.ts';

/**
 * A user whose name is markup, seeded on purpose: every page and every overlay
 * must show it as text. Seatwise's own demo seed should carry the same person.
 */
export const HOSTILE_HOST_USER: DemoUser = {
  email: 'hostile.name@lakeview.k12.us',
  firstName: '<img src=x onerror=alert(1)>',
  lastName: 'Hostile',
  externalId: 'MT-199999',
  orgIds: ['org_school_1'],
  roles: ['learner'],
  lastSeenDaysAgo: { elearn: 3 },
};

export interface HostSeed {
  orgs: HostOrg[];
  users: HostUser[];
  claims: HostClaim[];
  licenses: LicenseCard[];
  seededAt: Date;
}

/** Small deterministic hash so derived fields (middle initial, claim dates) are stable across runs. */
export function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Which products a user's roles call for, by the platform's default rules. */
export function neededProducts(roles: readonly Role[], orgProducts: readonly Product[]): Product[] {
  const needed = new Set<Product>();
  for (const role of roles) {
    for (const entitlement of DEFAULT_RULES[role]) {
      if (entitlement === 'activated') orgProducts.forEach((p) => needed.add(p));
      else if (orgProducts.includes(entitlement)) needed.add(entitlement);
    }
  }
  return [...needed];
}

function toHostUser(user: DemoUser): HostUser {
  const h = hashOf(user.externalId);
  return {
    id: user.externalId,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    middleInitial: h % 3 === 0 ? '' : String.fromCharCode(65 + (h % 26)),
    stateEducatorId: h % 5 === 0 ? '' : `SE${String(h % 10_000_000).padStart(7, '0')}`,
    timeZone: h % 11 === 0 ? 'America/New_York' : 'America/Chicago',
    orgIds: [...user.orgIds],
    roles: [...user.roles],
  };
}

/**
 * The host's License Dashboard numbers: worked out once, the way a nightly job
 * on the real platform would, and never refreshed afterwards.
 */
function licenseCards(district: DemoDistrict, users: HostUser[], orgProducts: (u: HostUser) => Product[]): LicenseCard[] {
  const total: Record<Sku, number> = { elearn: 0, weclimb: 0, combined: 0 };
  for (const pool of district.pools) total[pool.sku] += pool.seats;
  const assigned: Record<Sku, number> = { elearn: 0, weclimb: 0, combined: 0 };
  for (const user of users) {
    const needs = neededProducts(user.roles, orgProducts(user));
    if (needs.length > 1 && assigned.combined < total.combined) assigned.combined++;
    else for (const product of needs) assigned[product]++;
  }
  return SKUS.map((sku) => ({
    product: sku,
    total: total[sku],
    assigned: assigned[sku],
    available: Math.max(0, total[sku] - assigned[sku]),
    usagePercent: total[sku] ? Math.round((assigned[sku] / total[sku]) * 100) : 0,
  }));
}

function fabricateClaims(users: HostUser[], orgProducts: (u: HostUser) => Product[], now: Date): HostClaim[] {
  const claims: HostClaim[] = [];
  for (const user of users) {
    const h = hashOf(`claim:${user.id}`);
    if (h % 3 !== 0) continue; // about a third claimed within the last four months
    const needs = neededProducts(user.roles, orgProducts(user));
    const skus: Sku[] = needs.length > 1 ? ['combined'] : needs;
    for (const sku of skus) {
      const daysAgo = (h >>> 4) % 120;
      const at = new Date(now.getTime() - daysAgo * 86_400_000 - ((h >>> 12) % 86_400) * 1000);
      claims.push({ id: '', userId: user.id, product: sku, claimedAt: at.toISOString() });
    }
  }
  claims.sort((a, b) => b.claimedAt.localeCompare(a.claimedAt));
  claims.forEach((claim, i) => (claim.id = `CLM-${String(claims.length - i).padStart(6, '0')}`));
  return claims;
}

export function seedHost(district: DemoDistrict = generateDemoDistrict(), now = new Date()): HostSeed {
  const orgs: HostOrg[] = district.orgs.map((o) => ({ id: o.id, name: o.name, parentId: o.parentId, products: [...o.products] }));
  const productsOf = new Map(orgs.map((o) => [o.id, o.products]));
  const orgProducts = (u: HostUser) => productsOf.get(u.orgIds[0] ?? '') ?? [];
  // The late host syncs are ordinary host users: on the host their roles were simply saved.
  const users = [...district.users, ...district.lateHostSyncs, ...district.hostOnly, HOSTILE_HOST_USER].map(toHostUser);
  return {
    orgs,
    users,
    claims: fabricateClaims(users, orgProducts, now),
    licenses: licenseCards(district, users, orgProducts),
    seededAt: now,
  };
}
