import { signal } from '@preact/signals';
import { toFailure } from '../api/failure.ts';
import type { ReportName } from '../api/types.ts';
import type { Backend } from '../messaging/client.ts';
import type { ReportQuery } from '../messaging/protocol.ts';
import { createPagedQuery } from './paged-query.ts';

export interface Paged<Row> {
  rows?: Row[];
  nextCursor?: string | null;
}

/**
 * One server report: its filters, the rows loaded so far (with "load more"
 * for cursor-paginated ones), and its CSV. `Body` is the report's JSON.
 */
export function createReportState<Body extends object, Row = unknown>(backend: Backend, report: ReportName, initial: ReportQuery = {}) {
  const paged = createPagedQuery<Body, Row>(initial, async (query) => (await backend.request('report.get', { report, query })).data as Body, {
    rows: (body) => ((body as Paged<Row>).rows ?? []) as Row[],
    nextCursor: (body) => (body as Paged<Row>).nextCursor ?? null,
  });
  const downloading = signal(false);

  /** The whole filtered table as CSV text, from the server. */
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
export type ReportState<Body extends object = object, Row = unknown> = ReturnType<typeof createReportState<Body, Row>>;
