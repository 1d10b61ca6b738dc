import { DEFAULT_RULES, ROLES, type Role, type RuleEntitlement } from '@seatwise/shared';
import { eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { roleRules } from '../../db/schema.ts';
import type { Rules } from '../policy/entitlements.ts';

type RoleRuleRow = typeof roleRules.$inferSelect;

/** The rule table, falling back to DESIGN.md's defaults for roles with no rows yet. */
export async function loadRules(db: DbOrTx): Promise<Record<Role, RuleEntitlement[]>> {
  return rulesFrom(await db.select().from(roleRules));
}

/** The rules from the table's rows, read already. */
export function rulesFrom(rows: RoleRuleRow[]): Record<Role, RuleEntitlement[]> {
  const configured = new Set(rows.map((r) => r.role));
  const rules = {} as Record<Role, RuleEntitlement[]>;
  for (const role of ROLES) rules[role] = configured.has(role) ? [] : [...DEFAULT_RULES[role]];
  for (const r of rows) if (r.entitlement !== 'none') rules[r.role].push(r.entitlement as RuleEntitlement);
  return rules;
}

/** Replaces the rules of the roles given; an empty list is stored as an explicit `none`. */
export async function saveRules(tx: Tx, rules: Rules): Promise<void> {
  for (const [role, entitlements] of Object.entries(rules) as [Role, RuleEntitlement[]][]) {
    await tx.delete(roleRules).where(eq(roleRules.role, role));
    const values = entitlements.length ? [...new Set(entitlements)] : ['none'];
    await tx.insert(roleRules).values(values.map((entitlement) => ({ role, entitlement })));
  }
}
