import { describe, expect, it } from 'vitest';
import { bareName, baseName, datasetName, formatOf, globLiteral } from './datasetName';

describe('datasetName (the catalog naming rule)', () => {
  const none = new Set<string>();
  it.each([
    ['/data/trips.csv.gz', 'trips'],
    ['/data/tabbed.tab', 'tabbed'],
    ['/data/tabbed.tab.gz', 'tabbed'],
    ['/home/me/Seattle-Weather.csv', 'seattle_weather'],
    ['node_modules/vega-datasets/data/flights-3m.parquet', 'flights_3m'],
    ['C:\\Users\\me\\My Data (2024).json', 'my_data_2024'],
    ['https://example.com/x/cars.json?raw=1', 'cars'],
    ['/data/events.ndjson', 'events'],
    ['/data/weird..name--here.tsv', 'weird_name_here'],
    ['/data/trips/*.parquet', 'trips'],
    ['/data/trips/2024-??.csv', 'trips'],
    ['/data/sensor.arrows', 'sensor'],
    ['/data/invoice #7.csv', 'invoice_7'],
  ])('%s → %s', (source, expected) => expect(datasetName(source, none)).toBe(expected));

  it.each([
    ['http://127.0.0.1:5411/with%20space.csv', 'with_space'],
    ['https://example.com/d/%F0%9F%8E%89party%F0%9F%8E%89.csv?x=1', 'party'],
    ['https://example.com/d/donn%C3%A9es%20%C3%A9t%C3%A9.parquet', 'donnees_ete'],
  ])('given a URL whose name is percent-encoded (%s), then the name a local file of that name gets: %s', (source, expected) => expect(datasetName(source, none)).toBe(expected));

  it.each([
    ['/tmp/x/notes.txt', 'notes'],
    ['/tmp/x/readings.dat', 'readings'],
    ['/tmp/x/notes.txt.gz', 'notes'],
  ])('given text named .txt or .dat (read as CSV), then the extension is dropped: %s → %s', (source, expected) => expect(datasetName(source, none)).toBe(expected));

  it('given a POSIX path whose file name holds a backslash, then the whole file name names it', () => {
    expect(datasetName('/tmp/x/back\\slash.csv', none)).toBe('back_slash');
    expect(datasetName('C:\\data\\back.csv', none)).toBe('back');
  });

  it('gives a taken name _2, _3…', () => {
    expect(datasetName('/a/cars.json', new Set(['cars']))).toBe('cars_2');
    expect(datasetName('/b/cars.csv', new Set(['cars', 'cars_2']))).toBe('cars_3');
  });

  it('names a file whose name holds [ * ? after itself when main found it is no pattern', () => {
    expect(datasetName('/data/report [v2].csv', none)).toBe('data');
    expect(datasetName('/data/report [v2].csv', none, false)).toBe('report_v2');
  });

  it.each([
    ['/tmp/od/données été.csv', 'donnees_ete'],
    ['/tmp/od/Crème Brûlée.parquet', 'creme_brulee'],
    ['/tmp/od/Straße Øresund.csv', 'strasse_oresund'],
    ['/tmp/od/hash#1?.csv', 'hash_1'],
    ['/tmp/od/__private__.csv', 'private'],
    ['/tmp/od/group.csv', 'group_'],
    ['/tmp/od/Order.parquet', 'order_'],
    ['/tmp/od/semi.csv', 'semi_'],
    ['/tmp/od/2024_sales.csv', 't_2024_sales'],
    ['/tmp/od/2024.csv', 't_2024'],
    ['/tmp/od/数据.csv', 'dataset'],
    ['/tmp/od/data.csv', 'data'],
    ['/tmp/od/time.csv', 'time'],
  ])('given %s, then a name typed bare in SQL: %s', (source, expected) => expect(datasetName(source, none, false)).toBe(expected));

  it('given a name with a trailing _ taken, then _2 without a double _', () => {
    expect(datasetName('/a/group.csv', new Set(['group_']))).toBe('group_2');
    expect(datasetName('/a/group.csv', new Set(['group_', 'group_2']))).toBe('group_3');
  });
});

describe('baseName (the last segment of a path or URL)', () => {
  it.each([
    ['http://127.0.0.1:5411/with%20space.csv', 'with space.csv'],
    ['https://h/%F0%9F%8E%89party%F0%9F%8E%89.csv#top', '🎉party🎉.csv'],
    // a malformed sequence is kept as it is, the valid ones around it decoded
    ['https://h/100%.csv', '100%.csv'],
    ['https://h/a%20b%ZZ%E0%A4.csv', 'a b%ZZ%E0%A4.csv'],
    ['https://h/a%2Fb.csv', 'a/b.csv'],
    // a path is not a URL: its % is a character
    ['/tmp/x/with%20space.csv', 'with%20space.csv'],
    ['/tmp/x/back\\slash.csv', 'back\\slash.csv'],
    ['C:\\data\\x.csv', 'x.csv'],
    ['C:/data/x.csv', 'x.csv'],
    ['\\\\server\\share\\x.csv', 'x.csv'],
  ])('%s → %s', (source, expected) => expect(baseName(source)).toBe(expected));
});

describe('bareName', () => {
  it('given only characters it drops, then "dataset"', () => expect(bareName('¿?¡!')).toBe('dataset'));
  it('given runs of separators, then one _ between words and none at the ends', () => expect(bareName(' -a..b__c- ')).toBe('a_b_c'));
});

describe('globLiteral', () => {
  it("makes each of [ * ? a one-character class, DuckDB's glob having no escape", () => {
    expect(globLiteral('/data/Q1 [final] *?/x')).toBe('/data/Q1 [[]final] [*][?]/x');
    expect(globLiteral('/data/plain')).toBe('/data/plain');
  });
});

describe('formatOf', () => {
  it.each([
    ['a.csv', 'csv'],
    ['a.csv.gz', 'csv'],
    ['a.tsv', 'tsv'],
    ['a.parquet', 'parquet'],
    ['a.json', 'json'],
    ['a.jsonl', 'ndjson'],
    ['a.arrow', 'arrow'],
    ['a.arrows', 'arrow'],
    ['a.feather', 'arrow'],
    ['a.duckdb', 'duckdb'],
    ['a.xlsx', undefined],
    ['/data/invoice #7.csv', 'csv'],
    ['/data/which?.parquet', 'parquet'],
    ['https://example.com/export.csv?id=3#top', 'csv'],
  ])('%s → %s', (source, expected) => expect(formatOf(source)).toBe(expected));
});
