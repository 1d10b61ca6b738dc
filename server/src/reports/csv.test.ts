import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvBytes, csvText, type CsvColumn } from './csv.ts';

interface Row {
  a: unknown;
  b: unknown;
}

const columns: CsvColumn<Row>[] = [
  { key: 'a', header: 'A, the first' },
  { key: 'b', header: '=B' },
];

/** What every Seatwise CSV was written with before `csvText`: the library, formula-safe, booleans as words. */
const library = (rows: Row[], header = true) =>
  stringify(rows, { header, columns: columns.map((c) => ({ key: c.key, header: c.header })), escape_formulas: true, cast: { boolean: (v) => (v ? 'true' : 'false') } });

/** Cells of every kind a CSV must get right: formulas, quotes, line breaks, non-ASCII text. */
const tricky: unknown[] = [
  'plain', '', null, undefined, 0, -12, 3.5, 12n, true, false, 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere', '=SUM(A1)', '+1', '-1', '@cmd', '\tx', '\rx',
  '\uFF1Dx', '\uFF0Bx', '\uFF0Dx', '\uFF20x', '=a,"b"', "it's", { poolId: 'p1', n: 2 }, ['x', 'y'], new Date('2026-01-02T03:04:05Z'), 'Ó Súilleabháin', ' lead',
];

describe('csvText', () => {
  it('writes every cell as csv-stringify with the shared options did', () => {
    const rows = tricky.flatMap((a) => tricky.map((b) => ({ a, b })));
    expect(csvText(rows, columns)).toBe(library(rows));
    expect(csvText(rows.slice(0, 50), columns, false)).toBe(library(rows.slice(0, 50), false));
  });

  it('writes a header alone for no rows', () => {
    expect(csvText([], columns)).toBe('"A, the first",\'=B\n');
    expect(csvText([], columns)).toBe(library([]));
  });
});

describe('csvBytes', () => {
  it('is the UTF-8 of csvText, ASCII lines (copied as Latin-1) and others alike', () => {
    const rows = tricky.flatMap((a) => tricky.map((b) => ({ a, b })));
    rows.push({ a: 'ÿ\u0080 is two bytes in UTF-8', b: '東京 😀' }, { a: 'Zoë', b: 'x'.repeat(5000) });
    for (const header of [true, false]) {
      expect(csvBytes(rows, columns, header).equals(Buffer.from(csvText(rows, columns, header), 'utf8'))).toBe(true);
    }
    expect(csvBytes([], columns).toString('utf8')).toBe(csvText([], columns));
  });
});
