import { stringify, type Options } from 'csv-stringify/sync';
import type { Context } from 'hono';
import { yieldToEventLoop } from '../event-loop.ts';
import type { AppEnv } from '../http/context.ts';

/**
 * Rows per page an export reads and stringifies in one go (about 12 ms here):
 * small enough that a dozen parallel exports leave /health and lookups answering.
 */
export const CSV_PAGE_ROWS = 1000;

export interface CsvColumn<T> {
  key: keyof T & string;
  header: string;
}

/** How every CSV Seatwise writes is stringified (streamed or whole): formula-safe, booleans as words. */
export const csvOptions = <T>(columns: CsvColumn<T>[], header = true): Options => ({
  header,
  columns: columns.map((col) => ({ key: col.key, header: col.header })),
  escape_formulas: true,
  cast: { boolean: (v) => (v ? 'true' : 'false') },
});

/**
 * Streams a whole report as CSV, one page of rows per chunk, pulled as the
 * client reads (a slow reader stops the queries: backpressure), so 100,000
 * rows never sit in memory; stringifying a page at a time keeps per-row
 * stream overhead out of the way, and the event loop gets a turn before
 * every next page, so an export never monopolises the process. The library quotes
 * commas, quotes and newlines; `escape_formulas` prefixes cells starting
 * with = + - @ tab or CR with a quote, so a spreadsheet never runs a name as
 * a formula (negative numbers stay numbers).
 */
export function csvResponse<T extends object>(c: Context<AppEnv>, name: string, columns: CsvColumn<T>[], pages: AsyncIterable<T[]> | Iterable<T[]>): Response {
  const options = (header: boolean) => csvOptions(columns, header);
  const encoder = new TextEncoder();
  const iterator = Symbol.asyncIterator in pages ? pages[Symbol.asyncIterator]() : (pages as Iterable<T[]>)[Symbol.iterator]();
  let first = true;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!first) await yieldToEventLoop();
      // A failing query rejects here, which errors the stream: the client
      // sees a cut download rather than a silently truncated file.
      const { value, done } = await iterator.next();
      if (done) {
        if (first) controller.enqueue(encoder.encode(stringify([], options(true))));
        controller.close();
        return;
      }
      if (value.length === 0 && !first) return;
      controller.enqueue(encoder.encode(stringify(value, options(first))));
      first = false;
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  const date = c.var.services.engine.now().toISOString().slice(0, 10);
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="seatwise-${name}-${date}.csv"`,
    'cache-control': 'no-store',
  });
}
