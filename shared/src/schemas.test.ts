import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, PRODUCTS, ROLES, SKU_PRODUCTS, SKUS } from './catalog.ts';
import { lookupRequestSchema, poolCreateSchema, transferSchema, userUpsertSchema } from './schemas.ts';

describe('the shared contract', () => {
  it('every SKU covers known products and every role has a rule', () => {
    for (const sku of SKUS) for (const p of SKU_PRODUCTS[sku]) expect(PRODUCTS).toContain(p);
    for (const role of ROLES) expect(DEFAULT_RULES[role]).toBeDefined();
  });

  it('normalizes emails and rejects unknown fields', () => {
    const ok = userUpsertSchema.parse({ email: ' Ann@Example.TEST ', firstName: 'Ann', lastName: 'Lee', orgIds: ['s1'] });
    expect(ok).toMatchObject({ email: 'ann@example.test', source: 'seatwise' });
    expect(userUpsertSchema.safeParse({ email: 'a@b.test', firstName: 'A', lastName: 'B', orgIds: ['s1'], admin: true }).success).toBe(false);
  });

  it('caps a lookup at 5,000 keys (a whole host page) and needs at least one', () => {
    expect(lookupRequestSchema.safeParse({ emails: [] }).success).toBe(false);
    expect(lookupRequestSchema.safeParse({ emails: Array(3000).fill('a@b.c'), externalIds: Array(2001).fill('x') }).success).toBe(false);
    expect(lookupRequestSchema.safeParse({ emails: Array(3000).fill('a@b.c'), externalIds: Array(2000).fill('x') }).success).toBe(true);
    expect(lookupRequestSchema.safeParse({ emails: Array(5000).fill('a@b.c') }).success).toBe(true);
  });

  it('wants a pool to end after it starts', () => {
    const r = poolCreateSchema.safeParse({ orgId: 'd1', sku: 'elearn', seats: 1, startsAt: '2027-01-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' });
    expect(r.success).toBe(false);
  });

  it('names a repeated organization and a control character instead of storing or cutting them', () => {
    const user = { email: 'a@b.test', firstName: 'Ann', lastName: 'Lee', orgIds: ['s1'] };
    const dup = userUpsertSchema.safeParse({ ...user, orgIds: ['s1', 's2', 's1'] });
    expect(dup.error?.issues[0]).toMatchObject({ path: ['orgIds'], message: 'must not repeat an id' });
    expect(transferSchema.safeParse({ orgIds: ['s1', 's1'] }).success).toBe(false);
    const nul = userUpsertSchema.safeParse({ ...user, lastName: 'Le\u0000e' });
    expect(nul.error?.issues[0]?.path).toEqual(['lastName']);
    expect(userUpsertSchema.safeParse({ ...user, externalId: 'X\u0007' }).success).toBe(false);
    // Letters of any script and inner spaces stay fine.
    expect(userUpsertSchema.safeParse({ ...user, firstName: 'José María', lastName: 'Ó Súilleabháin' }).success).toBe(true);
  });
});
