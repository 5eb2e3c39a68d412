import { describe, expect, it } from 'vitest';
import { identifierName, tokenize } from './sqlTokens';

const texts = (sql: string) => tokenize(sql).map((t) => t.text);

describe('the SQL tokenizer', () => {
  it('given strings, quoted names, dollar quotes and comments, when tokenized, then each is one token or none', () => {
    expect(texts("select 'a;b', E'c\\';d', \"e;f\", $q1$g;h$q1$ -- i;\n/* j /* k */ ; */ from t;")).toEqual([
      'select',
      "'a;b'",
      ',',
      "E'c\\';d'",
      ',',
      '"e;f"',
      ',',
      '$q1$g;h$q1$',
      'from',
      't',
      ';',
    ]);
  });

  it('given a line comment ended by a lone carriage return, then what follows is SQL, as DuckDB reads it', () => {
    expect(texts('select 1; -- x\rcopy t to \'f\'')).toEqual(['select', '1', ';', 'copy', 't', 'to', "'f'"]);
  });

  it('given the Unicode spaces DuckDB reads as blanks, when tokenized, then they separate words as a space does', () => {
    expect(texts('detach\u00a0sextant\u2003;\u3000select\ufeff1')).toEqual(['detach', 'sextant', ';', 'select', '1']);
  });

  it('given a Unicode space DuckDB reads as a letter, or one inside quotes, when tokenized, then it stays in its token', () => {
    expect(texts('a\u2028b "c\u00a0d"')).toEqual(['a\u2028b', '"c\u00a0d"']);
    expect(identifierName(tokenize('"c\u00a0D"')[0]!)).toBe('c\u00a0d');
  });
});
