import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Authority, LicenseState, PoolState, Product, Role, Sku, UserStatus } from '@seatwise/shared';

/** The single source of the data model; migrations are generated from it by drizzle-kit. */

const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const orgs = sqliteTable(
  'orgs',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    parentId: text('parent_id'),
    /** The platform's own id for the organization: what its pages and exports show. */
    externalId: text('external_id'),
    /** Activated products, a JSON array. */
    products: text('products', { mode: 'json' }).$type<Product[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('orgs_external_id').on(t.externalId)],
);

export const pools = sqliteTable(
  'pools',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull().references(() => orgs.id),
    sku: text('sku').$type<Sku>().notNull(),
    /** What people call it ("District eLearn 2026–27"); messages use it instead of the id. */
    name: text('name').notNull().default(''),
    seats: integer('seats').notNull(),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    graceDays: integer('grace_days').notNull(),
    overagePct: real('overage_pct').notNull().default(0),
    /**
     * Users holding a seat, kept in step by the engine inside the same write
     * transaction: a seat check reads one row instead of counting assignments.
     * The property test holds it equal to the count of assignments.
     */
    assigned: integer('assigned').notNull().default(0),
    /**
     * Seats reserved by seat holds (users with a hold on the pool who hold no
     * assignment in it), kept in step in the same transactions: a seat check
     * counts `assigned + held` as taken.
     */
    held: integer('held').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('pools_org').on(t.orgId)],
);

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    externalId: text('external_id'),
    /** The state's id for an educator, as the platform's exports carry it; activity files may name people by it. */
    stateEducatorId: text('state_educator_id'),
    status: text('status').$type<UserStatus>().notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_email').on(t.email), uniqueIndex('users_external_id').on(t.externalId), index('users_state_educator_id').on(t.stateEducatorId)],
);

/** Authorized organizations; position 0 is the home organization whose pools license the user. */
export const userOrgs = sqliteTable(
  'user_orgs',
  {
    userId: text('user_id').notNull().references(() => users.id),
    orgId: text('org_id').notNull().references(() => orgs.id),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.orgId] }),
    index('user_orgs_org').on(t.orgId, t.position),
    // Covering: a user view reads a user's organizations in order from the index alone.
    index('user_orgs_user_position').on(t.userId, t.position, t.orgId),
  ],
);

export const userRoles = sqliteTable(
  'user_roles',
  {
    userId: text('user_id').notNull().references(() => users.id),
    role: text('role').$type<Role>().notNull(),
    grantedAt: text('granted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] }), index('user_roles_role').on(t.role)],
);

/** Role → product rules; entitlement `activated` = every product the organization activated. */
export const roleRules = sqliteTable(
  'role_rules',
  {
    role: text('role').$type<Role>().notNull(),
    entitlement: text('entitlement').notNull(),
  },
  (t) => [primaryKey({ columns: [t.role, t.entitlement] })],
);

/**
 * One row per user and product. A seat is (pool, user): a combined seat shows
 * as two rows on the same pool, counted once. `waiting` rows have no pool yet.
 */
export const assignments = sqliteTable(
  'assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id').notNull().references(() => users.id),
    product: text('product').$type<Product>().notNull(),
    poolId: text('pool_id').references(() => pools.id),
    state: text('state').$type<Extract<LicenseState, 'active' | 'waiting'>>().notNull(),
    since: text('since').notNull(),
    /** Where FIFO order comes from for waiting rows. */
    waitingSince: text('waiting_since'),
  },
  (t) => [
    uniqueIndex('assignments_user_product').on(t.userId, t.product),
    // Covering: a user view reads a user's licenses from the index alone.
    index('assignments_user_view').on(t.userId, t.product, t.poolId, t.state, t.since),
    index('assignments_pool').on(t.poolId, t.userId),
    index('assignments_waiting').on(t.state, t.waitingSince),
  ],
);

/**
 * Seat holds: a role ticked on the platform's Edit User form whose seats are
 * reserved until the form's Save turns them into assignments, the admin
 * unticks or leaves, or `expiresAt` passes. One per user and role.
 */
export const seatHolds = sqliteTable(
  'seat_holds',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    role: text('role').$type<Role>().notNull(),
    /** The seats reserved (none when the role needs no new seat). */
    seats: text('seats', { mode: 'json' }).$type<{ product: Product; poolId: string; sku: Sku }[]>().notNull(),
    actorId: text('actor_id'),
    placedAt: text('placed_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [uniqueIndex('seat_holds_user_role').on(t.userId, t.role), index('seat_holds_expires').on(t.expiresAt)],
);

/** Last activity per user and product. */
export const activity = sqliteTable(
  'activity',
  {
    userId: text('user_id').notNull().references(() => users.id),
    product: text('product').$type<Product>().notNull(),
    lastAt: text('last_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.product] }),
    index('activity_last').on(t.product, t.lastAt),
    // Covering: a user view's last activity comes from the index alone.
    index('activity_user_last').on(t.userId, t.lastAt),
  ],
);

/** License claims: who got which license when, from which pool, how, by whom. Reporting's source. */
export const claims = sqliteTable(
  'claims',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: text('user_id').notNull(),
    orgId: text('org_id').notNull(),
    product: text('product').$type<Product>().notNull(),
    poolId: text('pool_id').notNull(),
    sku: text('sku').$type<Sku>().notNull(),
    how: text('how').notNull(),
    actorId: text('actor_id'),
  },
  (t) => [index('claims_at').on(t.at), index('claims_user').on(t.userId, t.at)],
);

/** Append-only, hash-chained audit log, written in the same transaction as the change. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    orgId: text('org_id'),
    before: text('before'),
    after: text('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_subject').on(t.subjectId, t.seq), index('audit_action').on(t.action, t.at)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    authority: text('authority').$type<Authority>().notNull(),
    label: text('label').notNull(),
    createdAt: createdAt(),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash').on(t.tokenHash)],
);

export const jobs = sqliteTable('jobs', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  status: text('status').$type<'queued' | 'running' | 'done'>().notNull(),
  payload: text('payload', { mode: 'json' }).notNull(),
  actorId: text('actor_id').notNull(),
  createdAt: text('created_at').notNull(),
  finishedAt: text('finished_at'),
  /** A process holds a job while its lease is fresh; a stale lease means the holder died or stalled. */
  leaseUntil: text('lease_until'),
  /** Which runner holds the lease: a holder whose job was taken over sees it is no longer named here and stops. */
  leaseHolder: text('lease_holder'),
});

export const jobItems = sqliteTable(
  'job_items',
  {
    jobId: text('job_id').notNull().references(() => jobs.id),
    seq: integer('seq').notNull(),
    userId: text('user_id').notNull(),
    status: text('status').$type<'pending' | 'done' | 'refused'>().notNull(),
    code: text('code'),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] }), index('job_items_status').on(t.jobId, t.status)],
);

/**
 * One row of counters that SQLite triggers bump inside the writing
 * transaction (migration 0009), so every process sees a change the moment it
 * commits: a process keeps what it read (callers, the org tree, dashboard
 * totals, lookup answers) while the counter it was read at is still current,
 * at the cost of reading this row once per request. `callers`: tokens, users'
 * status and email, user deletions, memberships, organizations, role rules
 * (migration 0013). `seats`: assignments, pools, activity, memberships.
 * `views`: what a user's view shows that neither covers — new users, names,
 * external ids, roles (migration 0014); the three together cover all of it.
 */
export const changeVersions = sqliteTable('change_versions', {
  id: integer('id').primaryKey(),
  callers: integer('callers').notNull().default(0),
  seats: integer('seats').notNull().default(0),
  views: integer('views').notNull().default(0),
});

/** Small key/value facts about the database itself (seed markers, …). */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Reporting and alerting tables (issue 3). Each is written idempotently with a
 * unique key, so several server processes may run the same background work.
 */

/** One row per snapshotted day: the idempotency key of the daily usage snapshot. */
export const usageSnapshotDays = sqliteTable('usage_snapshot_days', {
  date: text('date').primaryKey(),
  takenAt: text('taken_at').notNull(),
});

/**
 * Daily usage per organization and SKU. Pool figures belong to the pools the
 * organization owns; `waiting` counts users whose home is the organization.
 * Kept per organization so each caller's series sums only what they may see.
 */
export const usageSnapshots = sqliteTable(
  'usage_snapshots',
  {
    date: text('date').notNull(),
    orgId: text('org_id').notNull(),
    sku: text('sku').$type<Sku>().notNull(),
    total: integer('total').notNull(),
    assigned: integer('assigned').notNull(),
    available: integer('available').notNull(),
    activeUsers: integer('active_users').notNull(),
    waiting: integer('waiting').notNull(),
  },
  (t) => [primaryKey({ columns: [t.date, t.orgId, t.sku] })],
);

/** Alerts raised so far (for raise-once and acknowledgement); a cleared alert's row is deleted. */
export const alertState = sqliteTable('alert_state', {
  alertId: text('alert_id').primaryKey(),
  orgId: text('org_id'),
  raisedAt: text('raised_at').notNull(),
  payload: text('payload').notNull(),
  ackedAt: text('acked_at'),
  ackedBy: text('acked_by'),
});

/**
 * Delivery outbox (alert webhooks, compliance report emails and webhooks):
 * survives restarts, and a lease lets any process deliver a row exactly once
 * at a time. `url` is the target: https:// for a webhook, mailto: for email;
 * `alertId` is the subject's key (an alert id, or `compliance_report:<id>`).
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    alertId: text('alert_id').notNull(),
    url: text('url').notNull(),
    payload: text('payload').notNull(),
    status: text('status').$type<'pending' | 'delivered' | 'failed'>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    leaseUntil: text('lease_until'),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    deliveredAt: text('delivered_at'),
  },
  (t) => [uniqueIndex('webhook_alert_url').on(t.alertId, t.url), index('webhook_due').on(t.status, t.nextAttemptAt)],
);

/** Settings an administrator changes at run time (JSON per key), e.g. the compliance report's schedule and recipients. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Scheduled compliance reports, one per period: the unique period is what
 * makes "sent exactly once per period" hold across processes (the first
 * insert wins, and its deliveries are queued in the same transaction).
 */
export const complianceReports = sqliteTable('compliance_reports', {
  id: text('id').primaryKey(),
  period: text('period').notNull().unique(),
  generatedAt: text('generated_at').notNull(),
  /** Counts for the list: pools, recommendations, critical ones. */
  summary: text('summary').notNull(),
  html: text('html').notNull(),
  csv: text('csv').notNull(),
});

/**
 * Writes sent with an `Idempotency-Key`: the first answer per token and key,
 * so a repeat (a client that lost the reply) gets that answer and changes
 * nothing twice. `status` is null while the first request runs.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    tokenId: text('token_id').notNull(),
    key: text('key').notNull(),
    /** Method, path and body hash: the same key for another request is a client bug, refused. */
    fingerprint: text('fingerprint').notNull(),
    status: integer('status'),
    contentType: text('content_type'),
    body: text('body'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] }), index('idempotency_created').on(t.createdAt)],
);

export type PoolRow = typeof pools.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type AssignmentRow = typeof assignments.$inferSelect;
export type SeatHoldRow = typeof seatHolds.$inferSelect;
export type OrgRow = typeof orgs.$inferSelect;
export type { PoolState };

/**
 * Imports (issue 10). An applied import is a job; its rows wait here, keyed
 * like the job's items, so any process can work the job off after a restart.
 */
export const importRows = sqliteTable(
  'import_rows',
  {
    jobId: text('job_id').notNull().references(() => jobs.id),
    seq: integer('seq').notNull(),
    /** The file line the row came from (0 for rows the import derived, like sync archives). */
    line: integer('line').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);

/** A district's saved column mapping per import kind: its export's header → our field. */
export const importMappings = sqliteTable(
  'import_mappings',
  {
    districtId: text('district_id').notNull().references(() => orgs.id),
    kind: text('kind').notNull(),
    columns: text('columns', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.kind] })],
);
