import { stringify } from 'csv-stringify';
import type { Context } from 'hono';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppEnv } from '../http/context.ts';

export interface CsvColumn<T> {
  key: keyof T & string;
  header: string;
}

/**
 * Streams a whole report as CSV: rows are pulled page by page as the client
 * reads, so 100,000 rows never sit in memory. The library quotes commas,
 * quotes and newlines; `escape_formulas` prefixes cells starting with
 * = + - @ tab or CR with a quote, so a spreadsheet never runs a name as a
 * formula (negative numbers stay numbers).
 */
export function csvResponse<T extends object>(c: Context<AppEnv>, name: string, columns: CsvColumn<T>[], rows: AsyncIterable<T> | Iterable<T>): Response {
  const out = stringify({
    header: true,
    columns: columns.map((col) => ({ key: col.key, header: col.header })),
    escape_formulas: true,
    cast: { boolean: (v) => (v ? 'true' : 'false') },
  });
  // A failing query mid-stream destroys the output, so the client sees a cut
  // download rather than a silently truncated file.
  pipeline(Readable.from(rows), out).catch((error) => {
    console.error(`[seatwise] CSV export ${name} failed:`, error);
    out.destroy(error);
  });
  const date = c.var.services.engine.now().toISOString().slice(0, 10);
  return c.body(Readable.toWeb(out) as ReadableStream<Uint8Array>, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="seatwise-${name}-${date}.csv"`,
    'cache-control': 'no-store',
  });
}
