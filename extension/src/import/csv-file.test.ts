import { describe, expect, it } from 'vitest';
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
});
