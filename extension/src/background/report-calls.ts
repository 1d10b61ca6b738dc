import type { ClientResponse } from 'hono/client';
import type { AuditQuery, ReportBodies, ReportName, ReportQueries } from '../api/types.ts';
import type { ReportQuery } from '../messaging/protocol.ts';
import type { ApiClient } from './api-client.ts';

/**
 * A page's filters (strings, bounded by request-policy.ts) as a route's typed
 * query: the server validates them with that route's own schema and names
 * what it refuses.
 */
const asQuery = <Q>(query: ReportQuery) => query as Q;

/** The filters of a CSV export: the page's, without its paging (an export is the whole table). */
const exportFilters = ({ cursor: _cursor, limit: _limit, ...filters }: ReportQuery) => filters;

type Reports = ApiClient['client']['api']['v1']['reports'];

/** Each report's JSON route, typed from the API. */
const PAGES: { [R in ReportName]: (reports: Reports, query: ReportQuery) => Promise<ClientResponse<ReportBodies[R], number, 'json'>> } = {
  claims: (r, q) => r.claims.$get({ query: asQuery<ReportQueries['claims']>(q) }),
  usage: (r, q) => r.usage.$get({ query: asQuery<ReportQueries['usage']>(q) }),
  inactive: (r, q) => r.inactive.$get({ query: asQuery<ReportQueries['inactive']>(q) }),
  compliance: (r, q) => r.compliance.$get({ query: asQuery<ReportQueries['compliance']>(q) }),
  history: (r, q) => r.history.$get({ query: asQuery<ReportQueries['history']>(q) }),
};

/** Each report's CSV export route (`…/export.csv`). */
const EXPORTS: { [R in ReportName]: (reports: Reports, query: ReportQuery) => Promise<Response> } = {
  claims: (r, q) => r.claims['export.csv'].$get({ query: asQuery(exportFilters(q)) }),
  usage: (r, q) => r.usage['export.csv'].$get({ query: asQuery(exportFilters(q)) }),
  inactive: (r, q) => r.inactive['export.csv'].$get({ query: asQuery(exportFilters(q)) }),
  compliance: (r, q) => r.compliance['export.csv'].$get({ query: asQuery(exportFilters(q)) }),
  history: (r, q) => r.history['export.csv'].$get({ query: asQuery(exportFilters(q)) }),
};

/** A report's JSON page. */
export function reportPage<R extends ReportName>(a: ApiClient, report: R, query: ReportQuery): Promise<ReportBodies[R]> {
  return a.json<ReportBodies[R]>(() => PAGES[report](a.client.api.v1.reports, query));
}

const dated = (name: string) => `seatwise-${name}-${new Date().toISOString().slice(0, 10)}.csv`;

/** A report's whole filtered table as CSV, named as the server names it. */
export const reportCsv = (a: ApiClient, report: ReportName, query: ReportQuery) => a.download(() => EXPORTS[report](a.client.api.v1.reports, query), dated(report));

export const auditPage = (a: ApiClient, query: ReportQuery) => a.json(() => a.client.api.v1.audit.$get({ query: asQuery<AuditQuery>(query) }));

/** The whole filtered audit log as CSV. */
export const auditCsv = (a: ApiClient, query: ReportQuery) => a.download(() => a.client.api.v1.audit['export.csv'].$get({ query: asQuery(exportFilters(query)) }), dated('audit'));
