import { computed, signal } from '@preact/signals';
import { toFailure, type Failure } from '../api/failure.ts';
import type { ReportName } from '../api/types.ts';
import type { Backend } from '../messaging/client.ts';
import type { ReportQuery } from '../messaging/protocol.ts';

export interface Paged<Row> {
  rows?: Row[];
  nextCursor?: string | null;
}

/**
 * One server report: its filters, the rows loaded so far (with "load more"
 * for cursor-paginated ones), and its CSV. `Body` is the report's JSON.
 */
export function createReportState<Body extends object, Row = unknown>(backend: Backend, report: ReportName, initial: ReportQuery = {}) {
  const query = signal<ReportQuery>(initial);
  const body = signal<Body | null>(null);
  const extraRows = signal<Row[]>([]);
  const nextCursor = signal<string | null>(null);
  const loading = signal(false);
  const failure = signal<Failure | null>(null);
  const downloading = signal(false);
  const rows = computed<Row[]>(() => [...(((body.value as Paged<Row> | null)?.rows ?? []) as Row[]), ...extraRows.value]);
  let ticket = 0;

  async function load({ quiet = false } = {}) {
    const mine = ++ticket;
    if (!quiet) loading.value = true;
    try {
      const got = await backend.request('report.get', { report, query: query.value });
      if (mine !== ticket) return;
      body.value = got.data as Body;
      extraRows.value = [];
      nextCursor.value = (got.data as Paged<Row>).nextCursor ?? null;
      failure.value = null;
    } catch (error) {
      if (mine === ticket) failure.value = toFailure(error);
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  async function loadMore() {
    const cursor = nextCursor.value;
    if (!cursor || loading.value) return;
    loading.value = true;
    try {
      const got = await backend.request('report.get', { report, query: { ...query.value, cursor } });
      const page = got.data as Paged<Row>;
      extraRows.value = [...extraRows.value, ...(page.rows ?? [])];
      nextCursor.value = page.nextCursor ?? null;
    } catch (error) {
      failure.value = toFailure(error);
    } finally {
      loading.value = false;
    }
  }

  function setFilter(key: string, value: string | undefined) {
    query.value = { ...query.value, [key]: value || undefined };
    void load();
  }

  /** The whole filtered table as CSV text, from the server. */
  async function csv(): Promise<{ filename: string; text: string } | null> {
    downloading.value = true;
    try {
      return await backend.request('report.csv', { report, query: query.value });
    } catch (error) {
      failure.value = toFailure(error);
      return null;
    } finally {
      downloading.value = false;
    }
  }

  return { report, query, body, rows, nextCursor, loading, failure, downloading, load, loadMore, setFilter, csv };
}
export type ReportState<Body extends object = object, Row = unknown> = ReturnType<typeof createReportState<Body, Row>>;
