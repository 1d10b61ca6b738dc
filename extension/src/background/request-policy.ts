import {
  alertSettingsSchema, authoritySchema, complianceReportSettingsSchema, emailSchema, externalIdSchema, idSchema, importKindSchema, importMappingSchema, LOOKUP_MAX_KEYS, orgPatchSchema, poolCreateSchema, poolPatchSchema, renewalSchema,
  roleSchema, rulesSchema, transferSchema,
} from '@seatwise/shared';
import { z } from 'zod';
import { PAGE_KINDS } from '../adapters/shell.ts';
import { PART_NAMES } from '../overlay/part-names.ts';
import { REPORTS } from '../api/types.ts';
import type { RequestType } from '../messaging/protocol.ts';

/**
 * Who may send what. `page`: the extension's own pages (popup, options,
 * reports, import), which only the admin drives. `overlay`: the content script on a
 * host page, whose page is not ours: it gets only what the overlay's features
 * need (reads, previews and the role changes it shows before making), never
 * sign-in, sites, audit or exports. Every payload is parsed here, so a handler
 * only ever sees well-formed values (ids are ids, never `../tokens`).
 */
export type SenderKind = 'page' | 'overlay';

const empty = z.strictObject({});
const query = z.record(z.string().max(64), z.string().max(500).optional());
const report = z.enum(REPORTS);
const roles = z.array(roleSchema).max(20);
const userRoles = z.strictObject({ userId: idSchema, roles });
const hostUserSync = z.strictObject({
  email: emailSchema,
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  externalId: externalIdSchema,
  orgIds: z.array(idSchema).min(1).max(50),
  roles,
});

export const REQUEST_POLICY = {
  'session.get': { from: ['page', 'overlay'], payload: empty },
  'session.signIn': { from: ['page'], payload: z.strictObject({ serverUrl: z.string().max(2000), token: z.string().min(1).max(500) }) },
  'session.signOut': { from: ['page'], payload: empty },
  'dashboard.get': { from: ['page', 'overlay'], payload: empty },
  'alerts.get': { from: ['page', 'overlay'], payload: empty },
  'alerts.ack': { from: ['page'], payload: z.strictObject({ id: z.string().min(1).max(300) }) },
  'users.lookup': { from: ['page', 'overlay'], payload: z.strictObject({ emails: z.array(z.string().max(254)).max(LOOKUP_MAX_KEYS).optional(), externalIds: z.array(externalIdSchema).max(LOOKUP_MAX_KEYS).optional() }) },
  'users.find': { from: ['page'], payload: z.strictObject({ email: z.string().min(1).max(254) }) },
  'users.get': { from: ['page', 'overlay'], payload: z.strictObject({ id: idSchema }) },
  'report.get': { from: ['page', 'overlay'], payload: z.strictObject({ report, query }) },
  'report.csv': { from: ['page'], payload: z.strictObject({ report, query }) },
  'audit.list': { from: ['page'], payload: z.strictObject({ query }) },
  'audit.csv': { from: ['page'], payload: z.strictObject({ query }) },
  'audit.verify': { from: ['page'], payload: empty },
  'origins.sync': { from: ['page'], payload: empty },
  'settings.overlay': { from: ['page', 'overlay'], payload: empty },
  'roles.preview': { from: ['page', 'overlay'], payload: userRoles },
  'holds.place': { from: ['overlay'], payload: z.strictObject({ userId: idSchema, role: roleSchema, idempotencyKey: z.uuid() }) },
  'holds.release': { from: ['overlay'], payload: z.strictObject({ userId: idSchema, role: roleSchema, reason: z.enum(['unticked', 'left_page']) }) },
  'holds.list': { from: ['overlay'], payload: z.strictObject({ userId: idSchema }) },
  'roles.previewMany': { from: ['page', 'overlay'], payload: z.strictObject({ items: z.array(userRoles).max(5000) }) },
  'users.sync': { from: ['page', 'overlay'], payload: hostUserSync.extend({ idempotencyKey: z.uuid() }) },
  'users.syncMany': { from: ['overlay'], payload: z.strictObject({ users: z.array(hostUserSync).min(1).max(500), idempotencyKey: z.uuid() }) },
  'outbox.get': { from: ['page', 'overlay'], payload: empty },
  'pools.get': { from: ['page', 'overlay'], payload: empty },
  'complianceReports.list': { from: ['page'], payload: empty },
  'complianceReports.file': { from: ['page'], payload: z.strictObject({ id: idSchema, format: z.enum(['html', 'csv']) }) },
  'overlay.load': { from: ['overlay'], payload: z.strictObject({ page: z.enum(PAGE_KINDS) }) },
  'overlay.loadPart': { from: ['overlay'], payload: z.strictObject({ part: z.enum(PART_NAMES) }) },
  'host.record': { from: ['overlay'], payload: z.strictObject({ hostUserId: externalIdSchema }) },
  'reports.open': { from: ['page', 'overlay'], payload: z.strictObject({ report }) },
  // Imports: the extension's own pages only, never a host page. The file itself never crosses the messaging, only its staged id.
  'imports.mapping': { from: ['page'], payload: z.strictObject({ kind: importKindSchema, orgId: idSchema.optional() }) },
  'imports.saveMapping': { from: ['page'], payload: importMappingSchema.extend({ kind: importKindSchema }) },
  'imports.run': {
    from: ['page'],
    payload: z.strictObject({ kind: importKindSchema, fileId: z.uuid(), dryRun: z.boolean(), mode: z.enum(['upsert', 'sync']), skipInvalid: z.boolean(), orgId: idSchema.optional() }),
  },
  'imports.job': { from: ['page'], payload: z.strictObject({ id: idSchema, items: z.enum(['none', 'refused']), cursor: z.string().regex(/^\d+$/).optional() }) },
  /* ---- Administration: pools ---- */
  'pools.create': { from: ['page'], payload: z.strictObject({ pool: poolCreateSchema, idempotencyKey: z.uuid() }) },
  'pools.update': { from: ['page'], payload: z.strictObject({ id: idSchema, patch: poolPatchSchema, idempotencyKey: z.uuid() }) },
  'pools.renew': { from: ['page'], payload: renewalSchema.extend({ id: idSchema, idempotencyKey: z.uuid() }) },
  'pools.preview': { from: ['page'], payload: z.strictObject({ id: idSchema, patch: poolPatchSchema }) },
  'pools.previewRenewal': { from: ['page'], payload: renewalSchema.extend({ id: idSchema }) },
  /* ---- Administration: organizations and rules ---- */
  // The Administration page only; the overlay gets the one read-only preview its Edit User feature shows.
  'orgs.list': { from: ['page'], payload: empty },
  'orgs.preview': { from: ['page'], payload: z.strictObject({ orgId: idSchema, patch: orgPatchSchema }) },
  'orgs.update': { from: ['page'], payload: z.strictObject({ orgId: idSchema, patch: orgPatchSchema, idempotencyKey: z.uuid() }) },
  'rules.get': { from: ['page'], payload: empty },
  'rules.preview': { from: ['page'], payload: rulesSchema },
  'rules.save': { from: ['page'], payload: rulesSchema.extend({ idempotencyKey: z.uuid() }) },
  'users.transferPreview': { from: ['page', 'overlay'], payload: z.strictObject({ userId: idSchema, orgIds: transferSchema.shape.orgIds }) },
  /* ---- Administration: tokens and alerts ---- */
  'tokens.list': { from: ['page'], payload: empty },
  'tokens.issue': { from: ['page'], payload: z.strictObject({ userId: idSchema, authority: authoritySchema, label: z.string().trim().min(1).max(100) }) },
  'tokens.revoke': { from: ['page'], payload: z.strictObject({ id: idSchema, idempotencyKey: z.uuid() }) },
  'alertSettings.get': { from: ['page'], payload: empty },
  'alertSettings.save': { from: ['page'], payload: alertSettingsSchema.extend({ idempotencyKey: z.uuid() }) },
  'alertSettings.test': { from: ['page'], payload: z.strictObject({ idempotencyKey: z.uuid() }) },
  'reportSettings.get': { from: ['page'], payload: empty },
  'reportSettings.save': { from: ['page'], payload: complianceReportSettingsSchema.extend({ idempotencyKey: z.uuid() }) },
} satisfies Record<RequestType, { from: readonly SenderKind[]; payload: z.ZodType }>;

export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/**
 * The kind of a sender of our own extension: one of our pages (its URL is on
 * the extension's origin), or the overlay in a tab's top frame. Anything
 * else (a frame, a URL we cannot read) is nobody.
 */
export function senderKind(sender: Sender, extensionOrigin: string): SenderKind | null {
  if (!sender.url) return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  // Compared as scheme + host: `URL.origin` is "null" for non-web schemes in some engines.
  if (`${url.protocol}//${url.host}` === extensionOrigin.replace(/\/+$/, '')) return 'page';
  if (sender.tab && sender.frameId === 0 && (url.protocol === 'https:' || url.protocol === 'http:')) return 'overlay';
  return null;
}

/** The first problem of a zod error, as a sentence naming the field. */
export function describeIssues(type: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return `${type}: ${where}${issue?.message ?? 'invalid payload'}`;
}
