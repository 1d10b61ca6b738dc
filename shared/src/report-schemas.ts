import { z } from 'zod';
import { idSchema, isoDateTimeSchema, poolStateSchema, productSchema, skuSchema } from './schemas.ts';

/* ---------- shared by every report ---------- */

const limitSchema = z.coerce.number().int().min(1).max(1000).default(100);
const cursorSchema = z.string().max(200).optional();
export const dateOnlySchema = z.iso.date();

export const CLAIM_HOWS = ['role_grant', 'host_sync', 'waiting_fulfilled', 'transfer', 'renewal_resume', 'import'] as const;

/* ---------- claims ---------- */

export const claimsQuerySchema = z.strictObject({
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
  product: productSchema.optional(),
  sku: skuSchema.optional(),
  orgId: idSchema.optional(),
  userId: idSchema.optional(),
  how: z.enum(CLAIM_HOWS).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});

/** `GET /reports/claims/export.csv`: the same filters, the whole table (no paging). */
export const claimsExportQuerySchema = claimsQuerySchema.omit({ cursor: true, limit: true });

export const claimRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.string(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string().nullable(),
  product: productSchema,
  sku: skuSchema,
  poolId: z.string(),
  how: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
});
export type ClaimRow = z.infer<typeof claimRowSchema>;

export const claimsReportSchema = z.object({
  /** Claim rows: one per product licensed, so a Combined seat counts twice here. */
  total: z.number().int(),
  /** Seats claimed: a Combined seat counts once. */
  seats: z.number().int(),
  rows: z.array(claimRowSchema),
  nextCursor: z.string().nullable(),
});
export type ClaimsReport = z.infer<typeof claimsReportSchema>;

/* ---------- usage ---------- */

export const usageQuerySchema = z.strictObject({
  from: dateOnlySchema.optional(),
  to: dateOnlySchema.optional(),
  sku: skuSchema.optional(),
});

export const usagePointSchema = z.object({
  date: z.string(),
  sku: skuSchema,
  total: z.number().int(),
  assigned: z.number().int(),
  available: z.number().int(),
  activeUsers: z.number().int(),
  utilizationPct: z.number(),
  waiting: z.number().int(),
  /** False for today's point, computed at request time rather than read from a snapshot. */
  snapshot: z.boolean(),
});
export type UsagePoint = z.infer<typeof usagePointSchema>;
export const usageReportSchema = z.object({ from: z.string(), to: z.string(), points: z.array(usagePointSchema) });
export type UsageReport = z.infer<typeof usageReportSchema>;

/* ---------- inactive ---------- */

export const INACTIVE_WINDOWS = [30, 60, 90] as const;
export const inactiveQuerySchema = z.strictObject({
  days: z.coerce
    .number()
    .int()
    .refine((d) => (INACTIVE_WINDOWS as readonly number[]).includes(d), 'must be 30, 60 or 90')
    .default(30),
  product: productSchema.optional(),
  orgId: idSchema.optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});

export const inactiveExportQuerySchema = inactiveQuerySchema.omit({ cursor: true, limit: true });

export const inactiveRowSchema = z.object({
  userId: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  orgId: z.string().nullable(),
  product: productSchema,
  poolId: z.string().nullable(),
  sku: skuSchema.nullable(),
  since: z.string(),
  lastActiveAt: z.string().nullable(),
  /** Whole days since last seen; null when never seen. */
  daysInactive: z.number().int().nullable(),
});
export type InactiveRow = z.infer<typeof inactiveRowSchema>;
export const inactiveReportSchema = z.object({ days: z.number().int(), total: z.number().int(), rows: z.array(inactiveRowSchema), nextCursor: z.string().nullable() });
export type InactiveReport = z.infer<typeof inactiveReportSchema>;

/* ---------- compliance ---------- */

export const complianceQuerySchema = z.strictObject({
  orgId: idSchema.optional(),
  sku: skuSchema.optional(),
});

export const compliancePoolSchema = z.object({
  poolId: z.string(),
  poolName: z.string(),
  orgId: z.string(),
  orgName: z.string().nullable(),
  sku: skuSchema,
  state: poolStateSchema,
  seats: z.number().int(),
  assigned: z.number().int(),
  available: z.number().int(),
  usagePct: z.number(),
  overAllocated: z.boolean(),
  endsAt: z.string(),
  daysLeft: z.number().int(),
  /** Days of grace left, for a pool in grace (null otherwise). */
  graceDaysLeft: z.number().int().nullable(),
  activeUsers: z.number().int(),
  utilizationPct: z.number(),
  inactiveAssignments: z.number().int(),
  waiting: z.number().int(),
  refusals30d: z.number().int(),
});
export type CompliancePool = z.infer<typeof compliancePoolSchema>;

export const RECOMMENDATION_KINDS = ['reclaim', 'renew', 'add_seats', 'rebalance', 'release'] as const;
export const recommendationSchema = z.object({
  kind: z.enum(RECOMMENDATION_KINDS),
  severity: z.enum(['info', 'warning', 'critical']),
  poolId: z.string(),
  message: z.string(),
  /** How many seats or days the recommendation is about. */
  count: z.number().int(),
  /** Users named by the recommendation (whom to reclaim or release). */
  users: z.array(z.object({ id: z.string(), email: z.string(), lastActiveAt: z.string().nullable() })),
  /** For `rebalance`: the idle pool seats could come from. */
  fromPoolId: z.string().nullable(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;
export const complianceReportSchema = z.object({ pools: z.array(compliancePoolSchema), recommendations: z.array(recommendationSchema) });
export type ComplianceReport = z.infer<typeof complianceReportSchema>;

/* ---------- history ---------- */

export const historyQuerySchema = z.strictObject({
  userId: idSchema,
  cursor: cursorSchema,
  limit: limitSchema,
});

export const historyExportQuerySchema = historyQuerySchema.omit({ cursor: true, limit: true });

export const historyRowSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: z.string(),
  product: z.string().nullable(),
  poolId: z.string().nullable(),
  poolName: z.string().nullable(),
  state: z.string().nullable(),
  how: z.string().nullable(),
  role: z.string().nullable(),
  detail: z.string().nullable(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
});
export type HistoryRow = z.infer<typeof historyRowSchema>;
export const historyReportSchema = z.object({ userId: z.string(), rows: z.array(historyRowSchema), nextCursor: z.string().nullable() });
export type HistoryReport = z.infer<typeof historyReportSchema>;

/* ---------- alerts and live events ---------- */

export const ALERT_KINDS = ['renewal', 'grace', 'expired', 'usage', 'over_allocated', 'waiting', 'refusals'] as const;
export const alertSchema = z.object({
  id: z.string(),
  kind: z.enum(ALERT_KINDS),
  severity: z.enum(['info', 'warning', 'critical']),
  message: z.string(),
  subject: z.object({ type: z.enum(['pool', 'org']), id: z.string() }),
  /** The organization the alert is about (the pool's owner, or the refused users' home). */
  orgId: z.string().nullable(),
  raisedAt: z.string(),
  acknowledged: z.boolean(),
});
export type AlertView = z.infer<typeof alertSchema>;
export const alertListSchema = z.object({ alerts: z.array(alertSchema) });
export type AlertList = z.infer<typeof alertListSchema>;
export const alertIdParamSchema = z.object({ id: z.string().min(1).max(300) });

/** `data` of an SSE `change` event; its `id:` is the same `seq`. */
export const changeEventSchema = z.object({
  seq: z.number().int(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  orgId: z.string().nullable(),
  at: z.string(),
});
export type ChangeEvent = z.infer<typeof changeEventSchema>;
export const eventsQuerySchema = z.strictObject({
  /** For clients that cannot send the `Last-Event-ID` header. */
  lastEventId: z.string().regex(/^\d+$/).optional(),
});
