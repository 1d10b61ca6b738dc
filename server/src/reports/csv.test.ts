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

describe('csvText', () => {
  const tricky: unknown[] = [
    'plain', '', null, undefined, 0, -12, 3.5, 12n, true, false, 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere', '=SUM(A1)', '+1', '-1', '@cmd', '\tx', '\rx',
    '\uFF1Dx', '\uFF0Bx', '\uFF0Dx', '\uFF20x', '=a,"b"', "it's", { poolId: 'p1', n: 2 }, ['x', 'y'], new Date('2026-01-02T03:04:05Z'), 'Ó Súilleabháin', ' lead',
  ];

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
  it('is the UTF-8 of the text, whether plain ASCII (copied as Latin-1) or not', () => {
    for (const text of ['', 'plain,ascii\n', 'Ó Súilleabháin,Zoë\n', 'ÿ\u0080 is two bytes in UTF-8,東京,😀\n']) {
      expect(csvBytes(text).equals(Buffer.from(text, 'utf8')), text).toBe(true);
    }
  });
});
