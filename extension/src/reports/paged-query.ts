import { computed, signal } from '@preact/signals';
import { toFailure, type Failure } from '../api/failure.ts';
import type { ReportQuery } from '../messaging/protocol.ts';

/** How a paged table's answers are read: its rows and the cursor of the next page. */
export interface PageShape<Page, Row> {
  rows: (page: Page) => Row[];
  nextCursor: (page: Page) => string | null;
}

/**
 * A filtered, cursor-paginated table from the server: the first page's body,
 * the rows loaded so far ("load more" appends), and filters that reload it.
 * A reload started later wins over an earlier one still in flight.
 */
export function createPagedQuery<Page, Row>(initial: ReportQuery, fetchPage: (query: ReportQuery) => Promise<Page>, shape: PageShape<Page, Row>) {
  const query = signal<ReportQuery>(initial);
  const first = signal<Page | null>(null);
  const more = signal<Row[]>([]);
  const nextCursor = signal<string | null>(null);
  const loading = signal(false);
  const failure = signal<Failure | null>(null);
  const rows = computed<Row[]>(() => [...(first.value ? shape.rows(first.value) : []), ...more.value]);
  let ticket = 0;

  async function load({ quiet = false } = {}) {
    const mine = ++ticket;
    if (!quiet) loading.value = true;
    try {
      const page = await fetchPage(query.value);
      if (mine !== ticket) return;
      first.value = page;
      more.value = [];
      nextCursor.value = shape.nextCursor(page);
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
    const mine = ticket;
    loading.value = true;
    try {
      const page = await fetchPage({ ...query.value, cursor });
      if (mine !== ticket) return;
      more.value = [...more.value, ...shape.rows(page)];
      nextCursor.value = shape.nextCursor(page);
    } catch (error) {
      if (mine === ticket) failure.value = toFailure(error);
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  function setFilter(key: string, value: string | undefined) {
    query.value = { ...query.value, [key]: value || undefined };
    void load();
  }

  return { query, first, rows, nextCursor, loading, failure, load, loadMore, setFilter };
}
