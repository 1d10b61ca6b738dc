import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/browser/esm/sync';
import { readCsvHeader, rejectedRowsCsv } from './csv-file.ts';

describe('reading an import file in the page', () => {
  it('reads the header from the first bytes, BOM and quotes included', async () => {
    expect(await readCsvHeader(new Blob(['\uFEFF"First Name",Last Name,Email\r\nA,B,c@d.e\r\n']))).toEqual(['First Name', 'Last Name', 'Email']);
    await expect(readCsvHeader(new Blob(['\r\n']))).rejects.toThrow('needs a header row');
  });

  it('writes the rejected rows with the file\'s own cells, found by the line the server named (a quoted cell over two lines counts two)', async () => {
    const file = new Blob(['\uFEFFFirst Name,Email\r\nAda,ada@x.test\r\n"Multi\nLine",=cmd@x.test\r\nGrace,grace@x.test\r\n']);
    const csv = await rejectedRowsCsv(file, new Map([[3, 'Email: bad'], [5, 'Roles: unknown'], [0, 'archive refused']]));
    expect(csv.split('\n').slice(0, 1)).toEqual(['Line,Rejected because,First Name,Email']);
    expect(csv).toContain('3,Email: bad,"Multi\nLine",\'=cmd@x.test\n');
    expect(csv).toContain('5,Roles: unknown,Grace,grace@x.test\n');
    expect(csv).not.toContain('Ada');
    expect(csv.trim().endsWith('0,archive refused')).toBe(true);
  });

  it('finds every record by the line csv-parse starts it on: escaped quotes, commas and breaks in quotes, blank lines, no final break', async () => {
    const text = 'A,B\r\n\r\n"say ""hi""",x\r\n"a,b","two\r\nlines ""q"""\r\nplain,row\r\n\r\n"three\r\n\r\nlines",end';
    // What the server reads: csv-parse's records, each at the line it starts on.
    // (server/src/imports/read-rows.ts: csv-parse's end line, less the breaks in the record's cells and every CR in cells so far.)
    const truth: { line: number; record: string[] }[] = [];
    let carriageReturns = 0;
    parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], context: { lines: number }) => {
        const joined = record.join('');
        carriageReturns += joined.split('\r').length - 1;
        truth.push({ line: context.lines - (joined.split('\n').length - 1) - carriageReturns, record });
        return null;
      },
    });
    const data = truth.slice(1);
    expect(data.map((r) => r.line)).toEqual([3, 4, 6, 8]);
    const csv = await rejectedRowsCsv(new Blob([text]), new Map(data.map((r) => [r.line, 'why'])));
    const back = parse(csv, { relax_column_count: true }) as string[][];
    expect(back.slice(1)).toEqual(data.map((r) => [String(r.line), 'why', ...r.record]));
  });
});
