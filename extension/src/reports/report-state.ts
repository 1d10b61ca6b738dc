import { signal } from '@preact/signals';
import { toFailure } from '../api/failure.ts';
import type { ReportBodies, ReportName } from '../api/types.ts';
import { requestReport, type Backend } from '../messaging/client.ts';
import type { ReportQuery } from '../messaging/protocol.ts';
import { createPagedQuery } from './paged-query.ts';

/** A row of a cursor-paginated report (claims, inactive, history); the others have none. */
export type ReportRow<R extends ReportName> = ReportBodies[R] extends { rows: (infer Row)[] } ? Row : never;

const isPaged = (body: object): body is { rows: unknown[]; nextCursor: string | null } => 'rows' in body;

/**
 * One server report: its filters, the rows loaded so far (with "load more"
 * for cursor-paginated ones), and its CSV. Its body is the report's route's answer.
 */
export function createReportState<R extends ReportName>(backend: Backend, report: R, initial: ReportQuery = {}) {
  const paged = createPagedQuery<ReportBodies[R], ReportRow<R>>(initial, async (query) => (await requestReport(backend, report, query)).data, {
    rows: (body) => (isPaged(body) ? (body.rows as ReportRow<R>[]) : []),
    nextCursor: (body) => (isPaged(body) ? body.nextCursor : null),
  });
  const downloading = signal(false);

  /** The whole filtered table as CSV text, from the report's export route. */
  async function csv(): Promise<{ filename: string; text: string } | null> {
    downloading.value = true;
    try {
      return await backend.request('report.csv', { report, query: paged.query.value });
    } catch (error) {
      paged.failure.value = toFailure(error);
      return null;
    } finally {
      downloading.value = false;
    }
  }

  return { ...paged, report, body: paged.first, downloading, csv };
}
export type ReportState<R extends ReportName> = ReturnType<typeof createReportState<R>>;
