import type { AppType } from '@seatwise/server/app';
import type { hc, InferResponseType } from 'hono/client';
import type { AlertView as SharedAlertView } from '@seatwise/shared';

/**
 * Response types, inferred from the server's routes through `AppType` where
 * they are in it; the rest follow API.md and the events contract.
 */
type Client = ReturnType<typeof hc<AppType>>;
type V1 = Client['api']['v1'];

export type Me = InferResponseType<V1['me']['$get'], 200>;
export type Dashboard = InferResponseType<V1['dashboard']['$get'], 200>;
export type DashboardAlert = Dashboard['alerts'][number];
export type LookupResponse = InferResponseType<V1['users']['lookup']['$post'], 200>;
export type UserDetail = InferResponseType<V1['users'][':id']['$get'], 200>;
/** What a role change (grant, revoke, host sync) answers: the new roles and licenses and the license changes made. */
export type UserSyncResult = InferResponseType<V1['users']['$post'], 200 | 201>;
export type AuditPage = InferResponseType<V1['audit']['$get'], 200>;
export type AuditEntry = AuditPage['entries'][number];
export type AuditVerify = InferResponseType<V1['audit']['verify']['$get'], 200>;

/** An alert as `GET /api/v1/alerts` lists it; `orgId` may be missing when it came from the dashboard. */
export type AlertView = Omit<SharedAlertView, 'orgId'> & { orgId?: string | null };
export type { ChangeEvent, ClaimRow, CompliancePool, HistoryRow, InactiveRow, Recommendation, UsagePoint } from '@seatwise/shared';

export const REPORTS = ['claims', 'usage', 'inactive', 'compliance', 'history'] as const;
export type ReportName = (typeof REPORTS)[number];
/** Report bodies are JSON objects; each page knows the fields it shows. */
export type ReportBody = Record<string, unknown>;

export interface ClaimsReport { total: number; rows: import('@seatwise/shared').ClaimRow[]; nextCursor: string | null }
export interface UsageReport { from: string; to: string; points: import('@seatwise/shared').UsagePoint[] }
export interface InactiveReport { days: number; total: number; rows: import('@seatwise/shared').InactiveRow[]; nextCursor: string | null }
export interface HistoryReport { userId: string; rows: import('@seatwise/shared').HistoryRow[]; nextCursor: string | null }
export interface ComplianceReport { pools: import('@seatwise/shared').CompliancePool[]; recommendations: import('@seatwise/shared').Recommendation[] }
