import { parse } from 'csv-parse/browser/esm/sync';
import { stringify } from 'csv-stringify/browser/esm/sync';

/** Enough of a file to hold its header row; a header longer than this is no export we know. */
const HEADER_BYTES = 256 * 1024;

/**
 * The file's header row, read from its first bytes only (the rest stays on
 * disk): what the column mapping is built from. Refused in words when the
 * first line is not a CSV header.
 */
export async function readCsvHeader(file: Blob): Promise<string[]> {
  const head = await file.slice(0, HEADER_BYTES).text();
  const end = head.search(/\r?\n/);
  if (end === -1 && file.size > HEADER_BYTES) throw new Error('The first line is longer than 256 KB: this does not look like a CSV export.');
  let header: string[] | undefined;
  try {
    [header] = parse(end === -1 ? head : head.slice(0, end), { bom: true, relax_column_count: true, relax_quotes: true }) as string[][];
  } catch (error) {
    throw new Error(`The first line is not a CSV header: ${(error as Error).message}`);
  }
  const names = (header ?? []).map((h) => h.trim());
  if (!names.some(Boolean)) throw new Error('The file is empty: it needs a header row naming its columns.');
  return names;
}

/**
 * The rows an import left out, as CSV: the file's own header and cells, after
 * the line and the reasons, so the admin can fix them and import this file
 * again (the server ignores the two extra columns). Rows are found by the line
 * the server named. Only the header and the rejected rows are parsed: the file
 * is cut into records by its quotes (a record ends at a line break outside
 * quotes; an escaped quote `""` keeps the count even), so a record is known by
 * its first line, the line the server names (csv-parse's, counted from the
 * record's first line); a record with a quote goes through csv-parse, one without is its line split
 * at commas. That keeps 100,000 rejected rows to about a second, where
 * csv-parse's browser build over the whole file takes ten.
 */
export async function rejectedRowsCsv(file: Blob, reasons: Map<number, string>): Promise<string> {
  const text = (await file.text()).replace(/^\uFEFF/, '');
  const out: string[][] = [];
  const seen = new Set<number>();
  let header: string[] | null = null;
  let line = 0;
  let start = -1;
  let startLine = 0;
  let quotes = 0;
  let nextQuote = text.indexOf('"');
  for (let at = 0; at <= text.length; ) {
    const next = text.indexOf('\n', at);
    const end = next === -1 ? text.length : next;
    line++;
    if (start === -1) {
      start = at;
      startLine = line;
      quotes = 0;
    }
    // The next quote is looked up once per quote, never once per line (a file without quotes would be scanned to its end on every line).
    for (; nextQuote !== -1 && nextQuote < end; nextQuote = text.indexOf('"', nextQuote + 1)) quotes++;
    if (quotes % 2 === 0) {
      const record = text.slice(start, end).replace(/\r$/, '');
      start = -1;
      if (record !== '') {
        if (!header) {
          header = cells(record);
          out.push(['Line', 'Rejected because', ...header]);
        } else if (reasons.has(startLine)) {
          out.push([String(startLine), reasons.get(startLine)!, ...cells(record)]);
          seen.add(startLine);
        }
      }
    }
    if (next === -1) break;
    at = next + 1;
  }
  // Rows the import derived rather than read (a sync's archive: line 0) are listed with their reason alone.
  for (const [l, reason] of reasons) if (!seen.has(l)) out.push([String(l), reason]);
  // Formula-safe like every CSV Seatwise writes: a spreadsheet never runs a cell as a formula.
  return stringify(out, { escape_formulas: true });
}

/** One record's cells. */
function cells(record: string): string[] {
  if (!record.includes('"')) return record.split(',');
  return (parse(record, { relax_column_count: true }) as string[][])[0] ?? [];
}
