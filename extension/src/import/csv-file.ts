import { recordStartLine } from '@seatwise/shared';
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
 * the server named, counted the way the server counts (`recordStartLine`); only
 * the rejected ones are kept while the file is parsed.
 */
export async function rejectedRowsCsv(file: Blob, reasons: Map<number, string>): Promise<string> {
  const out: string[][] = [];
  let header: string[] | null = null;
  const seen = new Set<number>();
  parse(await file.text(), {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    on_record: (record: string[], context: { lines: number }) => {
      if (!header) {
        header = record;
        out.push(['Line', 'Rejected because', ...record]);
        return null;
      }
      const line = recordStartLine(context.lines, record);
      const reason = reasons.get(line);
      if (reason !== undefined) out.push([String(line), reason, ...record]), seen.add(line);
      return null;
    },
  });
  // Rows the import derived rather than read (a sync's archive: line 0) are listed with their reason alone.
  for (const [line, reason] of reasons) if (!seen.has(line)) out.push([String(line), reason]);
  // Formula-safe like every CSV Seatwise writes: a spreadsheet never runs a cell as a formula.
  return stringify(out, { escape_formulas: true });
}
