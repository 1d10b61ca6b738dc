import type { AlertSettings, Authority, ImportKind, ImportResult, Job, Role, SeatHold, UserUpsert } from '@seatwise/shared';
import type { HostRecord } from '../adapters/host-records.ts';
import type { AdapterOverrides } from '../adapters/overrides-schema.ts';
import type { PageKind } from '../adapters/shell.ts';
import type { PartName } from '../overlay/part-names.ts';
import type { Failure } from '../api/failure.ts';
import type {
  AlertSettingsView, AlertView, AuditPage, AuditVerify, ChangeEvent, ComplianceReportRuns, ComplianceReportSettings, Dashboard, ImportMapping, IssuedToken, LicenseEffect, LookupResponse, Me,
  OrgPatch, OrgUpdated, OrgView, Pool, PoolCreate, PoolList, PoolPatch, PoolPreview, PoolRenewal, ReportBodies, ReportName, RolePreview, RulesSaved, RuleTable, TokenList, TransferPreview,
  UserDetail, UserSyncResult, UsersSyncResult, WebhookTest,
} from '../api/types.ts';
import type { Cached } from '../background/cache.ts';
import type { HostSyncOutcome } from '../background/outbox.ts';

/**
 * The one message protocol between content scripts, popup, pages and the
 * background. Requests go by `runtime.sendMessage` and get one Reply; live
 * updates come over a `runtime.connect({name: LIVE_PORT})` port as Pushes.
 * To add a feature: add an entry to `Requests` and its handler in
 * background/handlers.ts (the compiler then demands both ends agree). Replies
 * that carry a server answer are typed from the API (`api/types.ts`, inferred
 * from `AppType`), never restated here.
 */

export type ConnectionState =
  | { status: 'signed_out' }
  | { status: 'connecting' }
  | { status: 'online'; live: boolean }
  | { status: 'unreachable'; serverUrl: string; message: string; retryAt: number | null }
  | { status: 'revoked'; message: string };

export interface SessionInfo {
  serverUrl: string;
  state: ConnectionState;
  me: Me | null;
}

/** A host user's record as Seatwise takes it (an upsert with source host): the platform's id and roles always given. */
export type HostUserSync = Required<Pick<UserUpsert, 'email' | 'firstName' | 'lastName' | 'orgIds' | 'roles'>> & { externalId: string };

export interface AlertsView {
  alerts: AlertView[];
  unacknowledged: number;
}

export type ReportQuery = Record<string, string | undefined>;

/** Every write carries a key made once per admin action: a repeat of it (after a lost reply) changes nothing twice. */
export interface Write {
  idempotencyKey: string;
}

export interface ImportRun {
  kind: ImportKind;
  fileId: string;
  dryRun: boolean;
  mode: 'upsert' | 'sync';
  skipInvalid: boolean;
  /** The district whose saved mapping applies (a caller without an organization names one). */
  orgId?: string;
}

/** request payload → reply data, per message type. Who may send each, and its payload schema: background/request-policy.ts. */
export interface Requests {
  'session.get': [Record<string, never>, SessionInfo];
  'session.signIn': [{ serverUrl: string; token: string }, SessionInfo];
  'session.signOut': [Record<string, never>, SessionInfo];
  'dashboard.get': [Record<string, never>, Cached<Dashboard>];
  'alerts.get': [Record<string, never>, AlertsView];
  'alerts.ack': [{ id: string }, AlertsView];
  /** Batched with every other lookup asked in the same moment, chunked at 5,000 keys (LOOKUP_MAX_KEYS); answers in the order asked. */
  'users.lookup': [{ emails?: string[]; externalIds?: string[] }, LookupResponse['results']];
  /** Look a user up by email, then their detail (licenses, activity, access diagnosis, events); null if unknown. */
  'users.find': [{ email: string }, Cached<UserDetail> | null];
  'users.get': [{ id: string }, Cached<UserDetail>];
  /** The reply is `ReportBodies[report]`: `requestReport` (messaging/client.ts) types it by the report asked. */
  'report.get': [{ report: ReportName; query: ReportQuery }, Cached<ReportBodies[ReportName]>];
  /** The CSV text of a report, fetched with the token; the page saves it. */
  'report.csv': [{ report: ReportName; query: ReportQuery }, { filename: string; text: string }];
  'audit.list': [{ query: ReportQuery }, AuditPage];
  /** The whole filtered audit log as CSV, streamed by the server like every report. */
  'audit.csv': [{ query: ReportQuery }, { filename: string; text: string }];
  'audit.verify': [Record<string, never>, AuditVerify];
  /** Host origins changed (after the page obtained the permission): re-register content scripts. */
  'origins.sync': [Record<string, never>, { origins: string[]; scripts: number }];
  /** What the overlay reads from the admin's options: selector overrides and the inactivity window (days). Read here, so the content script carries no storage code. */
  'settings.overlay': [Record<string, never>, { overrides: AdapterOverrides | null; inactivityDays: number }];
  /* ---- the overlay on the host pages: every change invalidates the cache and pushes `changed` to every tab ---- */
  /** What a role set would acquire and release, changing nothing. */
  'roles.preview': [{ userId: string; roles: Role[] }, RolePreview];
  /** Previews of many users' role sets (a bulk change), in the order asked. */
  'roles.previewMany': [{ items: { userId: string; roles: Role[] }[] }, RolePreview[]];
  /** The Edit User quick toggle: reserve the seats a role would take until the host Save grants it (refused like a grant, nothing changed). */
  'holds.place': [{ userId: string; role: Role } & Write, SeatHold];
  /** Give a hold's seats back without granting (unticked, or the page left without saving); `released: false` when it was already gone. */
  'holds.release': [{ userId: string; role: Role; reason: 'unticked' | 'left_page' }, { released: boolean }];
  'holds.list': [{ userId: string }, SeatHold[]];
  /**
   * A change the platform already made (a host Save, a new host user): recorded with source host,
   * never refused; licenses may wait. Goes through the outbox: when Seatwise cannot be reached it answers
   * `queued` and is delivered later, exactly once, in order per user.
   */
  'users.sync': [HostUserSync & Write, HostSyncOutcome<UserSyncResult>];
  /** Host users a host bulk action changed: synced in one request, all or nothing (source host); queued like `users.sync`. */
  'users.syncMany': [{ users: HostUserSync[] } & Write, HostSyncOutcome<UsersSyncResult>];
  /** How many platform changes wait to reach Seatwise. */
  'outbox.get': [Record<string, never>, { waiting: number }];
  'pools.get': [Record<string, never>, Cached<PoolList['pools']>];
  /** Stored scheduled compliance reports with their deliveries (system administrators). */
  'complianceReports.list': [Record<string, never>, ComplianceReportRuns];
  /** One stored compliance report's HTML or CSV text; the page shows or saves it. */
  'complianceReports.file': [{ id: string; format: 'html' | 'csv' }, { filename: string; text: string }];
  /** Loads the overlay bundle of the page kind on screen into the sending tab's frame (the content script carries only the loader). */
  'overlay.load': [{ page: PageKind }, { loaded: true }];
  /** Loads a lazy part of the overlay (overlay/parts.ts) into the sending tab's frame, when the user first needs it. */
  'overlay.loadPart': [{ part: PartName }, { loaded: true }];
  /** The host platform's own record of a user, read by the background from the sending tab's origin (never from the page's DOM). */
  'host.record': [{ hostUserId: string }, HostRecord | null];
  /** Opens the extension's reports page on a tab (host pages cannot link to extension pages). */
  'reports.open': [{ report: ReportName }, { opened: true }];
  /* ---- the Import page (system and organization admins) ---- */
  /** The district's saved column mapping for an import kind (the page proposes a file's mapping from it). */
  'imports.mapping': [{ kind: ImportKind; orgId?: string }, ImportMapping];
  /** Replaces the district's mapping for the kind; later imports read the district's files through it. */
  'imports.saveMapping': [{ kind: ImportKind; orgId?: string; columns: Record<string, string> }, ImportMapping];
  /** Sends a file the page staged (import/staged-files.ts: only its id crosses the messaging) as a dry run, or as the import itself (a job to follow). */
  'imports.run': [ImportRun, ImportResult];
  /** An import job's counts (`none`: what a progress bar polls) or a page of its refused rows with their lines. */
  'imports.job': [{ id: string; items: 'none' | 'refused'; cursor?: string }, Job];
  /* ---- Administration: pools ---- */
  /** Record a purchased pool; answers it as the list shows it. */
  'pools.create': [{ pool: PoolCreate } & Write, Pool];
  /** Change seats, term, grace days or the overage allowance. */
  'pools.update': [{ id: string; patch: PoolPatch } & Write, Pool];
  /** Renew: a new end and optionally new seats, applied at once (suspended licenses resume). */
  'pools.renew': [{ id: string } & PoolRenewal & Write, Pool];
  /** What `pools.update` would do (licenses suspended or resumed, waiting users served, over-allocation), changing nothing. */
  'pools.preview': [{ id: string; patch: PoolPatch }, PoolPreview];
  /** What `pools.renew` would do, changing nothing. */
  'pools.previewRenewal': [{ id: string } & PoolRenewal, PoolPreview];
  /* ---- Administration: organizations and rules ---- */
  /** The organizations in the caller's scope (an organization administrator: its subtree). */
  'orgs.list': [Record<string, never>, OrgView[]];
  /** What a change of an organization would do to licenses, changing nothing. */
  'orgs.preview': [{ orgId: string; patch: OrgPatch }, LicenseEffect];
  /** Changes an organization (activated products, platform id); its users' licenses follow in a job (`jobId`). */
  'orgs.update': [{ orgId: string; patch: OrgPatch } & Write, OrgUpdated];
  'rules.get': [Record<string, never>, RuleTable];
  /** What new role → product rules would do to licenses, changing nothing (system administrators). */
  'rules.preview': [{ rules: Partial<RuleTable> }, LicenseEffect];
  /** Replaces the rules of the roles given; holders' licenses follow in a job (`jobId`). */
  'rules.save': [{ rules: Partial<RuleTable> } & Write, RulesSaved];
  /** What moving a user to these organizations on the platform would do to their licenses, changing nothing. */
  'users.transferPreview': [{ userId: string; orgIds: string[] }, TransferPreview];
  /* ---- Administration: tokens and alerts ---- */
  /** Active tokens of the users the caller may see, newest first; never a secret. */
  'tokens.list': [Record<string, never>, TokenList['tokens']];
  /**
   * Issues a token; the reply's `token` is the secret, shown once. No idempotency key on purpose: the
   * server keeps a keyed write's reply for a day to answer a repeat, and this reply is the secret.
   * A lost reply leaves a token nobody saw, listed and revocable.
   */
  'tokens.issue': [{ userId: string; authority: Authority; label: string }, IssuedToken];
  'tokens.revoke': [{ id: string } & Write, { revoked: true }];
  /** Thresholds for admins; the webhook for system administrators only. */
  'alertSettings.get': [Record<string, never>, AlertSettingsView];
  'alertSettings.save': [AlertSettings & Write, AlertSettingsView];
  /** POSTs a test payload to the webhook in force and says how it went. */
  'alertSettings.test': [Write, WebhookTest];
  /** The compliance report's schedule and recipients (system administrators). */
  'reportSettings.get': [Record<string, never>, ComplianceReportSettings];
  'reportSettings.save': [ComplianceReportSettings & Write, ComplianceReportSettings];
}

export type RequestType = keyof Requests;
export type Payload<K extends RequestType> = Requests[K][0];
export type ReplyData<K extends RequestType> = Requests[K][1];

export type Request = { [K in RequestType]: { seatwise: 1; type: K; payload: Payload<K> } }[RequestType];
export type Reply<K extends RequestType = RequestType> = { ok: true; data: ReplyData<K> } | { ok: false; failure: Failure };

/** Background → every open page and content script. */
export type Push =
  | { type: 'connection'; state: ConnectionState }
  /** Data changed on the server; affected cache entries are already invalidated: re-request what you show. */
  | { type: 'changed'; changes: ChangeEvent[] }
  /** A value served stale has been refreshed in the cache: re-request `key` to get it. */
  | { type: 'revalidated'; key: string }
  | { type: 'alerts'; view: AlertsView }
  /** How many platform changes wait in the outbox to reach Seatwise. */
  | { type: 'outbox'; waiting: number };

/** Page → background over the live port (keeps the worker awake while a page is open). */
export type PortMessage = { type: 'ping' };

export const LIVE_PORT = 'seatwise.live';

export function isRequest(message: unknown): message is Request {
  return typeof message === 'object' && message !== null && (message as { seatwise?: unknown }).seatwise === 1 && typeof (message as { type?: unknown }).type === 'string';
}

/** Only our own extension's pages and content scripts may talk to the background (what each may send: request-policy.ts). */
export function isOwnSender(sender: { id?: string } | undefined, ownId: string): boolean {
  return !!sender && sender.id === ownId;
}

/** Cache keys the pages match `revalidated` pushes against. */
export const cacheKeys = {
  me: 'me',
  dashboard: 'dashboard',
  pools: 'pools',
  alerts: 'alerts',
  user: (id: string) => `user:${id}`,
  report: (report: ReportName, query: ReportQuery) => `report:${report}:${JSON.stringify(Object.entries(query).filter(([, v]) => v !== undefined && v !== '').sort())}`,
};
