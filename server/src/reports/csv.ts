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

/** Characters a spreadsheet reads as the start of a formula (with their full-width forms, which some normalise). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell as every CSV Seatwise writes it (streamed or whole): empty for
 * null, booleans as words, objects as JSON; a text starting with = + - @ tab
 * or CR gets a leading quote so a spreadsheet never runs a name as a formula
 * (numbers, negative ones included, stay numbers); a cell holding a comma,
 * quote or line break is quoted, quotes doubled. The same output as
 * csv-stringify with `escape_formulas` (csv.test.ts holds the two equal),
 * written out because it is most of an export's time.
 */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = typeof value === 'string' ? value : value instanceof Date ? String(value.getTime()) : JSON.stringify(value);
  if (FORMULA_START.has(text[0]!)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row's cells, comma-separated, without its newline. */
function csvLine<T>(row: T, columns: CsvColumn<T>[]): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) line += (i ? ',' : '') + cell(row[columns[i]!.key]);
  return line;
}

const headerLine = <T>(columns: CsvColumn<T>[]) => columns.map((col) => cell(col.header)).join(',');

/** Rows as CSV lines (each ending in a newline), with the header line first when asked. */
export function csvText<T>(rows: T[], columns: CsvColumn<T>[], header = true): string {
  let out = header ? `${headerLine(columns)}\n` : '';
  for (const row of rows) out += `${csvLine(row, columns)}\n`;
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * `csvText`'s UTF-8 bytes, written a line at a time into one buffer.
 * Joining a page's lines into one string and encoding it took about a third
 * of the server's time in an export (the string is a rope of every cell,
 * flattened before Node's slow UTF-8 encoder runs over it); a line is short,
 * and most lines are plain ASCII, whose UTF-8 bytes are their Latin-1 bytes:
 * a copy.
 */
export function csvBytes<T>(rows: T[], columns: CsvColumn<T>[], header = true): Buffer {
  // Room for lines of 160 bytes (a claim row is about 135), doubled when a page needs more.
  let out = Buffer.allocUnsafe(160 * (rows.length + 1));
  let used = 0;
  const write = (line: string) => {
    // A UTF-16 unit is at most three UTF-8 bytes; one more byte for the newline.
    const room = line.length * 3 + 1;
    if (used + room > out.length) {
      const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, used + room));
      out.copy(bigger, 0, 0, used);
      out = bigger;
    }
    used += out.write(line, used, ASCII.test(line) ? 'latin1' : 'utf8');
    out[used++] = 0x0a;
  };
  if (header) write(headerLine(columns));
  for (const row of rows) write(csvLine(row, columns));
  return out.subarray(0, used);
}

/**
 * Streams a whole report as CSV, one page of rows per chunk, pulled as the
 * client reads (a slow reader stops the queries: backpressure), so 100,000
 * rows never sit in memory; stringifying a page at a time keeps per-row
 * stream overhead out of the way, and the event loop gets a turn before
 * every next page, so an export never monopolises the process. Cells are
 * written as `csvText` writes them (formula-safe, quoted where needed).
 */
export function csvResponse<T extends object>(c: Context<AppEnv>, name: string, columns: CsvColumn<T>[], pages: AsyncIterable<T[]> | Iterable<T[]>): Response {
  const iterator = Symbol.asyncIterator in pages ? pages[Symbol.asyncIterator]() : (pages as Iterable<T[]>)[Symbol.iterator]();
  let first = true;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!first) await yieldToEventLoop();
      // A failing query rejects here, which errors the stream: the client
      // sees a cut download rather than a silently truncated file.
      const { value, done } = await iterator.next();
      if (done) {
        if (first) controller.enqueue(csvBytes([], columns));
        controller.close();
        return;
      }
      if (value.length === 0 && !first) return;
      controller.enqueue(csvBytes(value, columns, first));
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
