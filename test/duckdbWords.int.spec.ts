import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { duckdbWords } from '../scripts/duckdbWordsQuery';
import { FUNCTION_NAMES, RESERVED_KEYWORDS, TYPE_NAMES, UNRESERVED_KEYWORDS } from '../src/shared/sql/duckdbWords';

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('the DuckDB words the editor and the naming rule use', () => {
  it('are those of the DuckDB in use (regenerate with `npx tsx scripts/duckdbWords.ts` after an upgrade)', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const live = await duckdbWords(connection);
      expect(words(RESERVED_KEYWORDS)).toEqual(live.reserved);
      expect(words(UNRESERVED_KEYWORDS)).toEqual(live.unreserved);
      expect(words(FUNCTION_NAMES)).toEqual(live.functions);
      expect(words(TYPE_NAMES)).toEqual(live.types);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
