import { describe, expect, it } from 'vitest';
import { accept, complete, ready } from './completionProbe';

// cars as the sample holds it, and att_db: a database file with a table in the schema "we ird" named with a quote.
const datasets = [
  ready({ name: 'cars', format: 'json', columns: [{ name: 'Acceleration', type: 'DOUBLE' }, { name: 'Horsepower', type: 'BIGINT' }] }),
  ready({
    name: 'att_db',
    format: 'duckdb',
    tables: [
      { name: 't"x y', schema: 'we ird', columns: [{ name: 'col "q"', type: 'INTEGER' }] },
    ],
  }),
];

const results = async (doc: string, explicit = true) => (await complete(doc, explicit, datasets)).results;

describe('Ctrl+Space right after a closed quoted name', () => {
  it('given `select "Horsepower"|`, then a column or keyword accepted is separated from the name by a space, never glued onto it', async () => {
    const doc = 'select "Horsepower"| from cars';
    expect(await accept(doc, 'Acceleration', datasets)).toBe('select "Horsepower" Acceleration from cars');
    expect(await accept(doc, 'from', datasets)).toBe('select "Horsepower" from from cars');
  });
  it('given a qualified quoted name, then nothing accepted merges into it (`""` would read as one name)', async () => {
    const doc = 'select col from att_db."we ird"."t""x y"|';
    const offered = await results(doc);
    expect(offered.length).toBeGreaterThan(0);
    const { state, pos } = await complete(doc, true, datasets);
    for (const r of offered) {
      expect(r.from).toBe(pos);
      for (const o of r.options) {
        const insert = typeof o.apply === 'string' ? o.apply : o.label;
        expect(state.sliceDoc(0, r.from) + insert, o.label).toMatch(/"t""x y" \S/);
      }
    }
  });
  it('given a quoted name still being typed, then it is completed from its opening quote, as before', async () => {
    expect(await accept('select "Ho|', '"Horsepower"', datasets)).toBe('select "Horsepower"');
  });
});
