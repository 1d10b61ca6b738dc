import { z } from 'zod';
import {
  AUTHORITIES,
  LICENSE_STATES,
  POOL_STATES,
  PRODUCTS,
  ROLES,
  SKUS,
  USER_STATUSES,
} from './catalog.ts';

/* ---------- building blocks ---------- */

export const productSchema = z.enum(PRODUCTS);
export const skuSchema = z.enum(SKUS);
export const roleSchema = z.enum(ROLES);
export const authoritySchema = z.enum(AUTHORITIES);
export const poolStateSchema = z.enum(POOL_STATES);
export const licenseStateSchema = z.enum(LICENSE_STATES);
export const userStatusSchema = z.enum(USER_STATUSES);

export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((e) => e.toLowerCase());
/** NUL and other control characters are refused, never stored or silently cut (SQLite and C clients stop at a NUL). */
const printable = (s: string) => !/[\u0000-\u001f\u007f]/.test(s);
const nameSchema = z.string().trim().min(1).max(100).refine(printable, 'must not contain control characters');
/** An id list where a repeat is a mistake to name, not to store twice. */
const uniqueIds = (max: number) =>
  z
    .array(idSchema)
    .min(1)
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an id');

/* ---------- organizations ---------- */

export const orgSchema = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  /** The platform's own id; accepted wherever an organization id is. */
  externalId: z.string().nullable(),
  products: z.array(productSchema),
});
export type Org = z.infer<typeof orgSchema>;

export const orgCreateSchema = z.strictObject({
  name: nameSchema,
  parentId: idSchema.nullable().optional(),
  externalId: idSchema.nullable().optional(),
  products: z.array(productSchema).max(PRODUCTS.length).default([]),
});
export const orgPatchSchema = z
  .strictObject({
    name: nameSchema.optional(),
    parentId: idSchema.nullable().optional(),
    externalId: idSchema.nullable().optional(),
    products: z.array(productSchema).max(PRODUCTS.length).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');

/* ---------- pools ---------- */

export const poolSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  sku: skuSchema,
  name: z.string(),
  seats: z.number().int(),
  assigned: z.number().int(),
  /** Seats reserved by seat holds: taken, not yet assigned. */
  held: z.number().int(),
  /** Seats anyone may still take: capacity less assigned and held. */
  available: z.number().int(),
  usagePct: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  graceDays: z.number().int(),
  overagePct: z.number(),
  state: poolStateSchema,
  daysLeft: z.number().int(),
  overAllocated: z.boolean(),
  waiting: z.number().int(),
});
export type Pool = z.infer<typeof poolSchema>;

const seatsSchema = z.number().int().min(0).max(10_000_000);
const graceDaysSchema = z.number().int().min(0).max(365);
const overagePctSchema = z.number().min(0).max(100);

export const poolCreateSchema = z
  .strictObject({
    orgId: idSchema,
    sku: skuSchema,
    name: nameSchema.optional(),
    seats: seatsSchema,
    startsAt: isoDateTimeSchema.optional(),
    endsAt: isoDateTimeSchema,
    graceDays: graceDaysSchema.optional(),
    overagePct: overagePctSchema.optional(),
  })
  .refine((p) => !p.startsAt || Date.parse(p.startsAt) < Date.parse(p.endsAt), {
    message: 'endsAt must be after startsAt',
    path: ['endsAt'],
  });
export const poolPatchSchema = z
  .strictObject({
    name: nameSchema.optional(),
    seats: seatsSchema.optional(),
    endsAt: isoDateTimeSchema.optional(),
    graceDays: graceDaysSchema.optional(),
    overagePct: overagePctSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export const renewalSchema = z.strictObject({
  endsAt: isoDateTimeSchema,
  seats: seatsSchema.optional(),
});

/**
 * What a pool change or renewal would do, changing nothing: the pool as it
 * would be, the state its holders' licenses move to, and the waiting users
 * the seats it frees would serve (first come, first served).
 */
export const poolPreviewSchema = z.object({
  before: poolSchema,
  after: poolSchema,
  /** The licenses held on the pool's seats: their state now and after (suspended → active is a resume). */
  licenses: z.object({ count: z.number().int(), before: licenseStateSchema, after: licenseStateSchema }),
  /** Waiting users who would get a seat; `users` names those the caller may see, longest waiting first (at most 50). */
  served: z.object({
    count: z.number().int(),
    users: z.array(z.object({ id: z.string(), email: z.string(), name: z.string() })),
  }),
  /** Licenses beyond the pool's capacity after the change (nobody loses one; no new seats until they are released). */
  overAllocatedBy: z.number().int(),
});
export type PoolPreview = z.infer<typeof poolPreviewSchema>;

/* ---------- users and licenses ---------- */

export const licenseSchema = z.object({
  product: productSchema,
  poolId: z.string().nullable(),
  poolName: z.string().nullable(),
  sku: skuSchema.nullable(),
  state: licenseStateSchema,
  since: z.string(),
});
export type License = z.infer<typeof licenseSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  externalId: z.string().nullable(),
  orgIds: z.array(z.string()),
  status: userStatusSchema,
  roles: z.array(roleSchema),
  licenses: z.array(licenseSchema),
  lastActiveAt: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const externalIdSchema = z.string().trim().min(1).max(128).refine(printable, 'must not contain control characters');
const rolesListSchema = z.array(roleSchema).max(ROLES.length);

export const userUpsertSchema = z.strictObject({
  email: emailSchema,
  firstName: nameSchema,
  lastName: nameSchema,
  externalId: externalIdSchema.nullable().optional(),
  orgIds: uniqueIds(50),
  roles: rolesListSchema.optional(),
  /** `host`: the change already happened on the host; never refused, may wait. */
  source: z.enum(['seatwise', 'host']).default('seatwise'),
});
export type UserUpsert = z.input<typeof userUpsertSchema>;

export const userListQuerySchema = z.strictObject({
  orgId: idSchema.optional(),
  role: roleSchema.optional(),
  product: productSchema.optional(),
  status: userStatusSchema.optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** Keys in one lookup: the largest page the host renders (5,000 rows), so one host render is one request. */
export const LOOKUP_MAX_KEYS = 5000;

export const lookupRequestSchema = z
  .strictObject({
    emails: z.array(z.string().trim().max(254)).max(LOOKUP_MAX_KEYS).optional(),
    externalIds: z.array(externalIdSchema).max(LOOKUP_MAX_KEYS).optional(),
  })
  .refine((v) => (v.emails?.length ?? 0) + (v.externalIds?.length ?? 0) <= LOOKUP_MAX_KEYS, 'at most 5,000 keys in one call')
  .refine((v) => (v.emails?.length ?? 0) + (v.externalIds?.length ?? 0) > 0, 'give emails or externalIds');

/**
 * Who a lookup found: the user's identity. Their licenses, roles and last
 * activity are the result's own fields, given once: a host page asks about
 * thousands of rows, and each copy is bytes to send and parse.
 */
export const lookupUserSchema = userSchema.omit({ licenses: true, roles: true, lastActiveAt: true });
export type LookupUser = z.infer<typeof lookupUserSchema>;

export const lookupResultSchema = z.object({
  key: z.string(),
  /** Null where the key is unknown, or names a user the caller may not see. */
  user: lookupUserSchema.nullable(),
  licenses: userSchema.shape.licenses,
  roles: userSchema.shape.roles,
  lastActiveAt: userSchema.shape.lastActiveAt,
});
export type LookupResult = z.infer<typeof lookupResultSchema>;

/** The lookup's answer: one result per key asked, emails first, each in the order asked. */
export const lookupResponseSchema = z.object({ results: z.array(lookupResultSchema) });

export const transferSchema = z.strictObject({ orgIds: uniqueIds(50) });

export const roleSetSchema = z.strictObject({
  roles: rolesListSchema,
  source: z.enum(['seatwise', 'host']).default('seatwise'),
});
export const rolePreviewSchema = z.strictObject({ roles: rolesListSchema });

export const licenseChangeSchema = z.object({
  kind: z.enum(['acquired', 'released', 'waiting', 'moved']),
  product: productSchema,
  poolId: z.string().nullable(),
  sku: skuSchema.nullable(),
});
export type LicenseChange = z.infer<typeof licenseChangeSchema>;

export const seatCheckSchema = z.object({
  product: productSchema,
  poolId: z.string().nullable(),
  sku: skuSchema.nullable(),
  seats: z.number().int(),
  assigned: z.number().int(),
  held: z.number().int(),
  available: z.number().int(),
});

export const rolePreviewResultSchema = z.object({
  roles: z.array(roleSchema),
  acquire: z.array(licenseChangeSchema),
  release: z.array(licenseChangeSchema),
  ok: z.boolean(),
  refusal: z
    .object({ code: z.enum(['license_limit_reached', 'product_not_activated']), message: z.string(), product: productSchema })
    .nullable(),
  pools: z.array(seatCheckSchema),
});
export type RolePreviewResult = z.infer<typeof rolePreviewResultSchema>;

/* ---------- seat holds ---------- */

/**
 * A role ticked on the platform's Edit User form, its seats reserved (taken
 * for everyone else) until the form's Save grants it, the admin unticks or
 * leaves, or it expires.
 */
export const seatHoldSchema = z.object({
  id: z.string(),
  userId: z.string(),
  role: roleSchema,
  seats: z.array(z.object({ product: productSchema, poolId: z.string(), sku: skuSchema })),
  placedAt: z.string(),
  expiresAt: z.string(),
});
export type SeatHold = z.infer<typeof seatHoldSchema>;
export const seatHoldListSchema = z.object({ holds: z.array(seatHoldSchema) });
/** Why a hold is released by its form: the admin unticked the role, or left the page without saving. */
export const holdReleaseQuerySchema = z.strictObject({ reason: z.enum(['unticked', 'left_page']).default('unticked') });

/* ---------- bulk jobs ---------- */

/**
 * Many users created or updated in one request and one transaction (all or
 * nothing): what a host bulk action changed, synced at once.
 */
export const bulkUsersSchema = z
  .strictObject({
    users: z.array(userUpsertSchema).min(1).max(500),
  })
  .refine((v) => new Set(v.users.map((u) => u.email)).size === v.users.length, 'each email at most once');

export const bulkRolesSchema = z
  .strictObject({
    userIds: z.array(idSchema).min(1).max(100_000),
    add: rolesListSchema.default([]),
    remove: rolesListSchema.default([]),
    /** `host`: the host already applied this bulk change; never refused, licenses may wait. */
    source: z.enum(['seatwise', 'host']).default('seatwise'),
  })
  .refine((v) => v.add.length + v.remove.length > 0, 'give roles to add or remove')
  .refine((v) => !v.add.some((r) => v.remove.includes(r)), 'a role cannot be both added and removed');

export const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'done']),
  total: z.number().int(),
  done: z.number().int(),
  refused: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  items: z.array(
    z.object({
      userId: z.string(),
      status: z.enum(['pending', 'done', 'refused']),
      code: z.string().nullable(),
      /** Import jobs: the file line the item came from (0 for rows the import derived). */
      line: z.number().int().optional(),
    }),
  ),
  /** With `items=refused`: where the next page of refused items starts; null on the last. */
  nextCursor: z.string().nullable().optional(),
});
export type Job = z.infer<typeof jobSchema>;

/**
 * Which items `GET /jobs/{id}` lists beside its counts: `all` (the default, every item), `none`
 * (counts only: what a progress bar polls), or `refused`, a page at a time.
 */
export const jobQuerySchema = z.strictObject({
  items: z.enum(['all', 'none', 'refused']).default('all'),
  cursor: z.string().regex(/^\d+$/, 'a cursor from nextCursor').optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export type JobQuery = z.infer<typeof jobQuerySchema>;

/* ---------- activity ---------- */

export const activitySchema = z.strictObject({
  events: z
    .array(
      z
        .strictObject({
          userId: idSchema.optional(),
          email: emailSchema.optional(),
          product: productSchema,
          at: isoDateTimeSchema,
        })
        .refine((e) => !!e.userId !== !!e.email, 'give exactly one of userId or email'),
    )
    .min(1)
    .max(5000),
});

/* ---------- scheduled compliance report ---------- */

export const complianceReportSettingsSchema = z.strictObject({
  /** How often the report is produced; `off` produces none. */
  every: z.enum(['daily', 'weekly', 'monthly', 'off']),
  /** Who gets it by email (when the server has SMTP_URL). */
  recipients: z
    .array(z.email({ message: 'not an email address' }).max(254))
    .max(50)
    .refine((list) => new Set(list.map((e) => e.toLowerCase())).size === list.length, 'each recipient once'),
});
export type ComplianceReportSettings = z.infer<typeof complianceReportSettingsSchema>;

/** A stored compliance report as listed: its period, headline counts and how its deliveries went. */
export const complianceReportRunSchema = z.object({
  id: z.string(),
  period: z.string(),
  generatedAt: z.string(),
  summary: z.object({ pools: z.number().int(), recommendations: z.number().int(), critical: z.number().int(), waiting: z.number().int(), inactiveAssignments: z.number().int() }),
  deliveries: z.array(z.object({ channel: z.enum(['email', 'webhook']), status: z.enum(['pending', 'delivered', 'failed']), attempts: z.number().int(), deliveredAt: z.string().nullable(), lastError: z.string().nullable() })),
});
export type ComplianceReportRun = z.infer<typeof complianceReportRunSchema>;

/* ---------- alert settings and API tokens (Administration) ---------- */

/** The renewal reminders an administrator may choose between: days before a pool's term ends. */
export const RENEWAL_REMINDER_DAYS = [90, 60, 30, 7] as const;

/**
 * District-wide alert settings. `webhookUrl` replaces the server's
 * ALERT_WEBHOOK_URL while set; null falls back to it (README, Configuration).
 */
export const alertSettingsSchema = z.strictObject({
  webhookUrl: z.url({ protocol: /^https?$/, message: 'not an http:// or https:// URL' }).max(2000).nullable(),
  /** Which reminders are raised before a term ends; none: no renewal alerts. */
  renewalDays: z
    .array(z.literal(RENEWAL_REMINDER_DAYS, { message: `each day must be one of ${RENEWAL_REMINDER_DAYS.join(', ')}` }))
    .refine((days) => new Set(days).size === days.length, 'each day once'),
  /** A pool at or above this share assigned raises a usage alert. */
  usagePct: z.number({ message: 'a whole percentage from 50 to 100' }).int().min(50).max(100),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

/** Where alerts go now: the stored setting, the server's environment, or nowhere. */
export const webhookSourceSchema = z.enum(['setting', 'environment', 'none']);

export const alertSettingsViewSchema = z.object({
  renewalDays: z.array(z.number().int()),
  usagePct: z.number().int(),
  /** System administrators only (a webhook URL may carry a secret): the stored URL and where alerts go; null for everyone else. */
  webhook: z.object({ url: z.string().nullable(), environmentDefault: z.boolean(), source: webhookSourceSchema }).nullable(),
  /** Whether the caller may change these settings (system administrators). */
  editable: z.boolean(),
});
export type AlertSettingsView = z.infer<typeof alertSettingsViewSchema>;

/** What "send test" found: the receiver's status, or why it failed. */
export const webhookTestSchema = z.object({ source: z.enum(['setting', 'environment']), delivered: z.boolean(), status: z.number().int().nullable(), error: z.string().nullable() });
export type WebhookTest = z.infer<typeof webhookTestSchema>;

/** An API token as listed: never its secret. */
export const tokenViewSchema = z.object({
  id: z.string(),
  label: z.string(),
  authority: authoritySchema,
  createdAt: z.string(),
  holder: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  /** The caller's own token (revoking it signs the caller out). */
  mine: z.boolean(),
  /** Whether the caller may revoke it (system administrators any; others their own). */
  revocable: z.boolean(),
});
export type TokenView = z.infer<typeof tokenViewSchema>;

/* ---------- dashboard, rules, audit ---------- */

/** One pool behind a SKU's headline: its own state and term, so a small pilot in grace is not mistaken for the whole product. */
export const dashboardPoolSchema = z.object({
  poolId: z.string(),
  name: z.string(),
  orgId: z.string(),
  seats: z.number().int(),
  assigned: z.number().int(),
  held: z.number().int(),
  state: poolStateSchema,
  endsAt: z.string(),
  /** Days to the end of the term (negative once it has ended). */
  daysLeft: z.number().int(),
  /** In grace: days until access stops; otherwise null. */
  graceDaysLeft: z.number().int().nullable(),
});
export type DashboardPool = z.infer<typeof dashboardPoolSchema>;

export const dashboardProductSchema = z.object({
  product: skuSchema,
  total: z.number().int(),
  assigned: z.number().int(),
  /** Seats reserved by seat holds, counted out of `available`. */
  held: z.number().int(),
  available: z.number().int(),
  usagePct: z.number(),
  /** The state of the pool that holds most of the SKU's seats (the seats it really has), not of the earliest-ending one. */
  state: poolStateSchema.nullable(),
  /** The end of that main pool's term. */
  nextEndsAt: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  waiting: z.number().int(),
  /** Every pool of the SKU that still licenses (largest first, the main pool leading), then expired ones still holding suspended licenses. */
  pools: z.array(dashboardPoolSchema),
});
export type DashboardProduct = z.infer<typeof dashboardProductSchema>;

export const rulesSchema = z.strictObject({
  rules: z.partialRecord(roleSchema, z.array(z.union([productSchema, z.literal('activated')])).max(PRODUCTS.length + 1)),
});

export const auditQuerySchema = z.strictObject({
  action: z.string().max(64).optional(),
  subjectId: idSchema.optional(),
  actorId: idSchema.optional(),
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
/** `GET /audit/export.csv`: the same filters, the whole log (no paging). */
export const auditExportQuerySchema = auditQuerySchema.omit({ cursor: true, limit: true });

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  orgId: z.string().nullable(),
  /** The subject before and after the change, as stored (null when there was none). */
  before: z.unknown(),
  after: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
  /** Names beside the ids, so a person can read the log: who did it, to whom or what, where, and which pool. */
  actorEmail: z.string().nullable(),
  subjectLabel: z.string().nullable(),
  orgName: z.string().nullable(),
  poolName: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof auditPageSchema>;
export const auditVerifySchema = z.object({ ok: z.boolean(), entries: z.number().int(), brokenAt: z.number().int().nullable() });
export type AuditVerify = z.infer<typeof auditVerifySchema>;
