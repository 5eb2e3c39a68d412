import { describe, expect, it } from 'vitest';
import { classifyStore, foreignStoreMessage, SEXTANT_APPLICATION_ID, type StoreFacts } from './storeIdentity';

const EVENT_COLUMNS = ['global_seq', 'event_id', 'aggregate_type', 'aggregate_id', 'aggregate_seq', 'event_type', 'schema_version', 'topic', 'payload', 'metadata', 'occurred_at'];
const facts = (over: Partial<StoreFacts>): StoreFacts => ({ applicationId: 0, userVersion: 0, tables: [], eventColumns: [], ...over });
const earlierBuild = facts({ userVersion: 1, tables: ['events', 'sqlite_sequence', 'view_snapshots'], eventColumns: EVENT_COLUMNS });

describe('whose file an event store is', () => {
  it('given a file with no tables and schema 0, then it is empty: Sextant may create its store there', () => {
    expect(classifyStore(facts({}), 1)).toEqual({ kind: 'empty' });
  });

  it('given Sextant’s mark, then it is Sextant’s, or a newer Sextant’s past the schema this build knows', () => {
    expect(classifyStore(facts({ applicationId: SEXTANT_APPLICATION_ID, userVersion: 1, tables: ['events'] }), 1)).toEqual({ kind: 'sextant' });
    expect(classifyStore(facts({ applicationId: SEXTANT_APPLICATION_ID, userVersion: 7, tables: ['events'] }), 1)).toEqual({ kind: 'too-new', version: 7 });
  });

  it('given no mark but Sextant’s events table at a known schema, then it is an earlier build’s store', () => {
    expect(classifyStore(earlierBuild, 1)).toEqual({ kind: 'earlier' });
    expect(classifyStore(facts({ ...earlierBuild, tables: ['events', 'sqlite_sequence'] }), 2)).toEqual({ kind: 'earlier' });
    // a store that imported a session keeps which aggregates it brought in (eventImporter.ts)
    expect(classifyStore(facts({ ...earlierBuild, tables: [...earlierBuild.tables, 'imported_aggregates'] }), 1)).toEqual({ kind: 'earlier' });
  });

  it('given anything else, then it is foreign', () => {
    const foreign = [
      facts({ tables: ['customers'] }), // another program's database at schema 0
      facts({ userVersion: 7, tables: ['customers'] }), // …at a schema of its own: not "a newer Sextant"
      facts({ userVersion: 7, tables: ['events', 'sqlite_sequence'], eventColumns: EVENT_COLUMNS }), // no mark, schema beyond this build
      facts({ applicationId: 0x47504b47 }), // another program's mark (GeoPackage), even empty
      facts({ ...earlierBuild, tables: [...earlierBuild.tables, 'customers'] }), // Sextant's tables and someone else's
      facts({ userVersion: 1, tables: ['events'], eventColumns: ['id', 'name'] }), // an events table of another shape
      facts({ userVersion: 0, tables: ['events', 'sqlite_sequence'], eventColumns: EVENT_COLUMNS }), // tables but no schema
    ];
    for (const f of foreign) expect(classifyStore(f, 1), JSON.stringify(f)).toEqual({ kind: 'foreign' });
  });

  it('says the file is not a Sextant store, what it holds, and what to do', () => {
    expect(foreignStoreMessage('/d/events.sqlite', facts({ userVersion: 7, tables: ['customers'] }))).toBe(
      'The file /d/events.sqlite is not a Sextant event store (it holds the table customers and no Sextant mark), so it was left untouched. Pick another --data-dir, or move the file out of the data folder, and start again.',
    );
    expect(foreignStoreMessage('/p', facts({ tables: ['a', 'b', 'c', 'd', 'e', 'f', 'sqlite_sequence'] }))).toContain('(it holds the tables a, b, c, d, e… and no Sextant mark)');
    expect(foreignStoreMessage('/p', facts({ userVersion: 3 }))).toContain('(it holds no tables and no Sextant mark)');
    expect(foreignStoreMessage('/p', facts({ applicationId: 0x47504b47 }))).toContain("(it carries another program's mark, application_id 1196444487)");
  });
});
