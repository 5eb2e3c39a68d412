import { describe, expect, it } from 'vitest';
import { attachmentHeader, exportFileName } from './exportFileName';

describe('export file names', () => {
  it('come from the session title and the query, keeping letters and digits of any script', () => {
    expect(exportFileName('Session 1', "select * from flights_3m where origin = 'SFO'", 'parquet')).toBe('Session 1 - select all from flights_3m where origin SFO.parquet');
    expect(exportFileName('Réseau 東京', 'select 1', 'csv')).toBe('Réseau 東京 - select 1.csv');
  });

  it('say "all" for SQL’s * of all columns, as no file name on Windows may hold a *, and leave out a * that multiplies', () => {
    expect(exportFileName('awk', 'select * from awk.awk', 'csv')).toBe('awk - select all from awk.awk.csv');
    expect(exportFileName('s', 'SELECT DISTINCT *, t.* FROM t', 'csv')).toBe('s - SELECT DISTINCT all t.all FROM t.csv');
    expect(exportFileName('s', 'select count(*) from t', 'csv')).toBe('s - select count(all) from t.csv');
    expect(exportFileName('s', 'select a * b, 2*3 from t', 'csv')).toBe('s - select a b 2 3 from t.csv');
    expect(exportFileName('s', 'select\n*\nfrom t', 'csv')).toBe('s - select all from t.csv');
  });

  it('leave out the extension of a session named after its file, which would read as a second one', () => {
    expect(exportFileName('flights-3m.parquet', 'select * from flights_3m', 'csv')).toBe('flights-3m - select all from flights_3m.csv');
    expect(exportFileName('trips.csv.gz', 'select 1', 'parquet')).toBe('trips - select 1.parquet');
    expect(exportFileName('v1.2 results', 'select 1', 'csv')).toBe('v1.2 results - select 1.csv');
  });

  it('drop separators, quotes, control characters and leading dots, and stay short', () => {
    const name = exportFileName('../../etc/passwd', 'select "a\\b"\u0000\r\n; drop table x; --', 'json');
    expect(name).toBe('etc passwd - select a b drop table x --.json');
    for (const ch of ['/', '\\', '"', '\u0000', '\r', '\n']) expect(name).not.toContain(ch);
    expect(exportFileName('.hidden', '', 'csv')).toBe('hidden.csv');
    expect(exportFileName('x'.repeat(10_000), 'y', 'csv')).toHaveLength(80 + '.csv'.length);
    expect(exportFileName('///', '***', 'ndjson')).toBe('export.ndjson');
    expect(exportFileName('😀', '', 'csv')).toBe('export.csv');
  });

  it('are cut by characters, never inside one, so the download header can always be made', () => {
    const name = exportFileName(`${'a'.repeat(79)}𠀀𠀀`, 'select 1', 'csv');
    expect(name).toBe(`${'a'.repeat(79)}𠀀.csv`);
    expect(() => attachmentHeader(name)).not.toThrow();
  });

  it('go into a Content-Disposition header that cannot be broken out of', () => {
    const header = attachmentHeader('Ünïcode "quoted" name.csv');
    expect(header).toBe(`attachment; filename="_n_code _quoted_ name.csv"; filename*=UTF-8''%C3%9Cn%C3%AFcode%20%22quoted%22%20name.csv`);
    expect(attachmentHeader('a\r\nSet-Cookie: x.csv')).not.toMatch(/[\r\n]/);
  });
});
