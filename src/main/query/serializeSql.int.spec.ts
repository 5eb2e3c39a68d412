import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SERIALIZE_SQL, serializedSql } from './sql';

const SRC = fileURLToPath(new URL('../..', import.meta.url));

/** Every source file under src/, specs left out (they may call the parser as a person would). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes('.spec.') ? [path] : [];
  });
}

/** Code only: a comment may show the call it explains (tableRefs.ts does). */
const withoutComments = (text: string): string =>
  text
    .split('\n')
    .filter((line) => !/^\s*(\*|\/\*|\/\/)/.test(line))
    .map((line) => line.replace(/\s\/\/\s.*$/, ''))
    .join('\n');

describe('DuckDB’s parser is called by its full name, from one place', () => {
  it('given the parser SQL, then it names system.main’s json_serialize_sql and binds the script', () => {
    expect(SERIALIZE_SQL).toBe('SELECT system.main.json_serialize_sql($1::VARCHAR) AS tree');
    expect(serializedSql('s')).toBe('system.main.json_serialize_sql(s)');
  });

  // A call written anywhere else could drop the `system.main.` a macro of the person's cannot
  // shadow: the history guard, previews, a query's recorded inputs and a share's datasets all
  // decide by what the parser says.
  it('given the sources, when one calls json_serialize_sql, then it is sql.ts alone', () => {
    const calling = sources(SRC)
      .filter((file) => /json_serialize_sql\s*\(/.test(withoutComments(readFileSync(file, 'utf8'))))
      .map((file) => relative(SRC, file).split(sep).join('/'));
    expect(calling).toEqual(['main/query/sql.ts']);
  });
});
