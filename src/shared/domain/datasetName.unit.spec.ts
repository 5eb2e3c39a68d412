import { describe, expect, it } from 'vitest';
import { bareName, datasetName, formatOf, globLiteral } from './datasetName';

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
