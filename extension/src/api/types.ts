import type { AppType } from '@seatwise/server/app';
import type { hc, InferRequestType, InferResponseType } from 'hono/client';

/**
 * Response types, inferred from the server's routes through `AppType`. The
 * contract is the OpenAPI document (`GET /api/v1/openapi.json`), generated
 * from the same shared schemas the routes answer with; nothing here restates it.
 */
type Client = ReturnType<typeof hc<AppType>>;
type V1 = Client['api']['v1'];

export type Me = InferResponseType<V1['me']['$get'], 200>;
export type Dashboard = InferResponseType<V1['dashboard']['$get'], 200>;
export type LookupResponse = InferResponseType<V1['users']['lookup']['$post'], 200>;
export type UserDetail = InferResponseType<V1['users'][':id']['$get'], 200>;
/** What a role change (grant, revoke, host sync) answers: the new roles and licenses and the license changes made. */
export type UserSyncResult = InferResponseType<V1['users']['$post'], 200 | 201>;
export type UsersSyncResult = InferResponseType<V1['bulk']['users']['$post'], 200>;
export type AuditPage = InferResponseType<V1['audit']['$get'], 200>;
export type AuditEntry = AuditPage['entries'][number];
export type AuditQuery = InferRequestType<V1['audit']['$get']>['query'];
export type AuditVerify = InferResponseType<V1['audit']['verify']['$get'], 200>;
/** A district's saved column mapping for an import kind, with the kind's fields and the platform's header for each. */
export type ImportMapping = InferResponseType<V1['imports']['mappings'][':kind']['$get'], 200>;
export type AlertList = InferResponseType<V1['alerts']['$get'], 200>;
export type AlertView = AlertList['alerts'][number];
export type PoolList = InferResponseType<V1['pools']['$get'], 200>;
export type RolePreview = InferResponseType<V1['users'][':id']['roles']['preview']['$post'], 200>;
export type ComplianceReportRuns = InferResponseType<V1['compliance-reports']['$get'], 200>;
export type Pool = PoolList['pools'][number];
export type PoolCreate = InferRequestType<V1['pools']['$post']>['json'];
export type PoolPatch = InferRequestType<V1['pools'][':id']['$patch']>['json'];
export type PoolRenewal = InferRequestType<V1['pools'][':id']['renewals']['$post']>['json'];
/** What a pool change or renewal would do: its preview routes answer one shape. */
export type PoolPreview = InferResponseType<V1['pools'][':id']['preview']['$post'], 200>;
export type ComplianceReportSettings = InferResponseType<V1['settings']['compliance-report']['$get'], 200>;
/* Administration: tokens and alerts */
export type TokenList = InferResponseType<V1['tokens']['$get'], 200>;
export type TokenRow = TokenList['tokens'][number];
/** A token just issued: `token` is its secret, shown once. */
export type IssuedToken = InferResponseType<V1['tokens']['$post'], 201>;
export type AlertSettingsView = InferResponseType<V1['settings']['alerts']['$get'], 200>;
export type WebhookTest = InferResponseType<V1['settings']['alerts']['test']['$post'], 200>;

type Reports = V1['reports'];
/** Each report's JSON page, as its route answers it. */
export interface ReportBodies {
  claims: InferResponseType<Reports['claims']['$get'], 200>;
  usage: InferResponseType<Reports['usage']['$get'], 200>;
  inactive: InferResponseType<Reports['inactive']['$get'], 200>;
  compliance: InferResponseType<Reports['compliance']['$get'], 200>;
  history: InferResponseType<Reports['history']['$get'], 200>;
}
export type ReportName = keyof ReportBodies;
export const REPORTS = ['claims', 'usage', 'inactive', 'compliance', 'history'] as const satisfies readonly ReportName[];
/** Each report's filters, as its route reads them. */
export type ReportQueries = { [R in ReportName]: InferRequestType<Reports[R]['$get']>['query'] };

export type ClaimRow = ReportBodies['claims']['rows'][number];
export type UsagePoint = ReportBodies['usage']['points'][number];
export type InactiveRow = ReportBodies['inactive']['rows'][number];
export type CompliancePool = ReportBodies['compliance']['pools'][number];
export type Recommendation = ReportBodies['compliance']['recommendations'][number];
export type HistoryRow = ReportBodies['history']['rows'][number];
/** The live stream's events are not JSON routes: their shape is the shared schema the background parses them with. */
export type { ChangeEvent } from '@seatwise/shared';

/* ---- Administration: organizations and rules ---- */
export type OrgList = InferResponseType<V1['orgs']['$get'], 200>;
export type OrgView = OrgList['orgs'][number];
export type OrgUpdated = InferResponseType<V1['orgs'][':id']['$patch'], 200>;
export type OrgPatch = InferRequestType<V1['orgs'][':id']['$patch']>['json'];
/** What a change of the tree or the rules would do to licenses, in users (gain, lose, wait) and per pool. */
export type LicenseEffect = InferResponseType<V1['orgs'][':id']['preview']['$post'], 200>;
export type RulesView = InferResponseType<V1['rules']['$get'], 200>;
export type RuleTable = RulesView['rules'];
export type RulesSaved = InferResponseType<V1['rules']['$put'], 200>;
export type TransferPreview = InferResponseType<V1['users'][':id']['transfer']['preview']['$post'], 200>;
