import type { ImportKind } from '@seatwise/shared';
import { parse, CsvError, type Options } from 'csv-parse';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { ApiError } from '../errors.ts';
import { readHeader, type Columns } from './columns.ts';
import { headerDictionary, LIST_SEPARATOR } from '@seatwise/shared';

/** One data row: its line in the file (its first line, for a cell spanning several) and its values by field. */
export interface RawRow {
  line: number;
  values: Record<string, string | undefined>;
}

export interface RowSource {
  /** The CSV header's columns; null for JSON, whose rows name their fields themselves. */
  columns: () => Columns | null;
  rows: AsyncGenerator<RawRow>;
}

/**
 * The request body as rows: CSV (`text/csv`, streamed through csv-parse, so
 * memory stays flat whatever the file's size) or JSON for scripts
 * (`{"rows": [{"Email": …}]}`, keys named like the CSV's columns, lists as
 * arrays or `;`-joined).
 */
export function readRows(request: Request, kind: ImportKind, mapping: Record<string, string>): RowSource {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return jsonRows(request, kind, mapping);
  if (type === 'text/csv' || type === 'text/plain' || type === 'application/vnd.ms-excel') return csvRows(request, kind, mapping);
  throw new ApiError('invalid_request', `send the file as text/csv or application/json (got ${type || 'no content type'})`);
}

function csvRows(request: Request, kind: ImportKind, mapping: Record<string, string>): RowSource {
  let columns: Columns | null = null;
  let carriageReturns = 0;
  async function* rows(): AsyncGenerator<RawRow> {
    if (!request.body) throw new ApiError('invalid_request', 'the file is empty: it needs a header row');
    // bom: Excel's UTF-8 exports start with one; relax_column_count: a short row is a row error, not a broken file.
    // The line comes from on_record's context: `info: true` (a copied object per record) and `trim` (cells are trimmed below) cost more than the rest of the parse.
    const options: Options<{ record: string[]; info: { lines: number } }, string[]> = {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 1_000_000,
      on_record: (record, context) => ({ record, info: { lines: context.lines } }),
    };
    const parser = parse(options as unknown as Options);
    const body = Readable.fromWeb(request.body as unknown as NodeReadableStream);
    // pipe() does not pass a failing body (over the limit, cut off) on to the parser: hand it over, or the read waits forever.
    body.on('error', (error) => parser.destroy(error));
    body.pipe(parser);
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        // csv-parse counts the line a record ends on; a quoted cell with line breaks started earlier.
        // It also counts a CR inside a quoted cell as a line of its own (a CRLF twice), for the rest of the file.
        let line = info.lines;
        for (const cell of record) {
          for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) line--;
          for (let i = cell.indexOf('\r'); i !== -1; i = cell.indexOf('\r', i + 1)) carriageReturns++;
        }
        line -= carriageReturns;
        if (!columns) {
          columns = readHeader(kind, record, mapping);
          continue;
        }
        const values: RawRow['values'] = {};
        for (const [field, i] of columns.index) values[field] = record[i]?.trim();
        yield { line, values };
      }
    } catch (error) {
      throw asRequestError(error);
    }
    if (!columns) throw new ApiError('invalid_request', 'the file is empty: it needs a header row');
  }
  return { columns: () => columns, rows: rows() };
}

function jsonRows(request: Request, kind: ImportKind, mapping: Record<string, string>): RowSource {
  async function* rows(): AsyncGenerator<RawRow> {
    let body: unknown;
    try {
      body = await request.json();
    } catch (error) {
      throw asRequestError(error, 'the body is not valid JSON');
    }
    const list = Array.isArray(body) ? body : (body as { rows?: unknown })?.rows;
    if (!Array.isArray(list)) throw new ApiError('invalid_request', 'send {"rows": [{…}, …]}: one object per row, keyed by column name', { issues: [{ path: ['rows'], message: 'expected an array' }] });
    const dict = headerDictionary(kind, mapping);
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      const values: RawRow['values'] = {};
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        for (const [key, value] of Object.entries(item)) {
          const field = dict.get(key.trim().toLowerCase());
          if (field) values[field] = Array.isArray(value) ? value.map(String).join(LIST_SEPARATOR) : value == null ? undefined : String(value).trim();
        }
      }
      yield { line: i + 1, values };
    }
  }
  return { columns: () => null, rows: rows() };
}

/** A broken file is the caller's mistake, named as such (an oversized one already is an ApiError). */
function asRequestError(error: unknown, fallback?: string): unknown {
  if (error instanceof ApiError) return error;
  if (error instanceof CsvError) return new ApiError('invalid_request', `the file is not valid CSV: ${error.message}`, { issues: [{ path: ['body'], message: error.code }] });
  if (fallback) return new ApiError('invalid_request', fallback);
  return error;
}
