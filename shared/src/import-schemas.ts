import { z } from 'zod';
import { idSchema } from './schemas.ts';

/** Imports (issue 10): what a district's platform exports, and what a dry run answers. */

export const IMPORT_KINDS = ['orgs', 'users', 'activity'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * Each kind's fields and the column header the platform's export gives each.
 * A district whose export says something else saves a column mapping.
 */
export const IMPORT_COLUMNS = {
  orgs: { externalId: 'Organization ID', name: 'Organization Name', parent: 'Parent Organization ID', products: 'Products' },
  users: { firstName: 'First Name', lastName: 'Last Name', email: 'Email', stateEducatorId: 'State Educator ID', organizations: 'Organizations', roles: 'Roles', externalId: 'User ID' },
  activity: { email: 'Email', stateEducatorId: 'State Educator ID', product: 'Product', at: 'At' },
} as const satisfies Record<ImportKind, Record<string, string>>;
export type ImportField<K extends ImportKind = ImportKind> = keyof (typeof IMPORT_COLUMNS)[K] & string;

/** Columns a file must have; activity needs Email or State Educator ID besides these. */
export const REQUIRED_IMPORT_FIELDS: { [K in ImportKind]: ImportField<K>[] } = {
  orgs: ['externalId', 'name'],
  users: ['email', 'firstName', 'lastName', 'organizations'],
  activity: ['product', 'at'],
};

/** Several organizations, roles or products in one cell, as the platform joins them. */
export const LIST_SEPARATOR = ';';

/** Imports take files far bigger than any other request (the server refuses more with 413; the extension before sending). */
export const IMPORT_BODY_LIMIT_BYTES = 50 * 1024 * 1024;

const normHeader = (header: string) => header.trim().toLowerCase();

/**
 * Header (any case) → field: the platform's headers, our field names, then
 * the district's saved mapping on top. The server reads files through it;
 * the Import page proposes the same mapping before anything is sent.
 */
export function headerDictionary(kind: ImportKind, mapping: Record<string, string>): Map<string, string> {
  const dict = new Map<string, string>();
  for (const [field, header] of Object.entries(IMPORT_COLUMNS[kind])) {
    dict.set(normHeader(header), field);
    dict.set(normHeader(field), field);
  }
  for (const [header, field] of Object.entries(mapping)) dict.set(normHeader(header), field);
  return dict;
}

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .default(false);

export const importKindSchema = z.enum(IMPORT_KINDS);

export const importQuerySchema = z.strictObject({
  /** Answer what would happen and change nothing. */
  dryRun: flag,
  /** `sync` also archives users of the imported organizations who are missing from the file. */
  mode: z.enum(['upsert', 'sync']).default('upsert'),
  /** Apply the valid rows of a file that has invalid ones (refused whole otherwise). */
  skipInvalid: flag,
  /** The district whose saved column mapping applies (default: the caller's). */
  orgId: idSchema.optional(),
});

export const importIssueSchema = z.object({
  line: z.number().int(),
  field: z.string().nullable(),
  reason: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importPoolEffectSchema = z.object({
  poolId: z.string(),
  name: z.string(),
  sku: z.string(),
  capacity: z.number().int(),
  assignedBefore: z.number().int(),
  take: z.number().int(),
  release: z.number().int(),
  assignedAfter: z.number().int(),
});

export const importReportSchema = z.object({
  kind: importKindSchema,
  dryRun: z.boolean(),
  mode: z.enum(['upsert', 'sync']),
  /** Data rows read (the header not counted). */
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  archived: z.number().int(),
  /** Every invalid row: its line in the file, the column, and why. */
  invalid: z.array(importIssueSchema),
  /** Users the import would give a license to, and users who would wait for a seat. */
  licensed: z.number().int(),
  waiting: z.number().int(),
  /** Per pool: seats the import would take and release. */
  pools: z.array(importPoolEffectSchema),
  /** Sync mode: the users it would archive. */
  archivedUsers: z.array(z.object({ id: z.string(), email: z.string(), firstName: z.string(), lastName: z.string(), orgId: z.string() })),
  /** Activity rows naming nobody Seatwise knows in the caller's organizations. */
  unknownUsers: z.number().int(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const importResultSchema = z.object({
  report: importReportSchema,
  /** The job applying the import (`GET /jobs/{id}`); null when nothing would change. */
  jobId: z.string().nullable(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const importMappingSchema = z.strictObject({
  /** Any organization of the district; default the caller's. */
  orgId: idSchema.optional(),
  /** The district's column header → one of the kind's fields. */
  columns: z.record(z.string().trim().min(1).max(200), z.string()).refine((c) => Object.keys(c).length <= 50, 'at most 50 columns'),
});
export const importMappingQuerySchema = z.strictObject({ orgId: idSchema.optional() });
