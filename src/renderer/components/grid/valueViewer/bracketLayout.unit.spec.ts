import { describe, expect, it } from 'vitest';
import { layoutBrackets, LINE_WIDTH, MAX_DEPTH } from './bracketLayout';

describe('laying out bracketed text', () => {
  it('given a short group, then it stays on one line, JSON spaced as DuckDB writes nested values', () => {
    expect(layoutBrackets('[1,2,3]', 'json')).toBe('[1, 2, 3]');
    expect(layoutBrackets('{"a":1, "b" : []}', 'json')).toBe('{"a": 1, "b": []}');
    expect(layoutBrackets("{'a': 1, 'b': [1, 2]}", 'duckdb')).toBe("{'a': 1, 'b': [1, 2]}");
    expect(layoutBrackets('{}', 'duckdb')).toBe('{}');
  });

  it('given a group longer than a line, then one item a line, two spaces a level, short groups inside kept whole', () => {
    const value = `{'name': ${'n'.repeat(40)}, 'tags': [a, b], 'inner': {'x': ${'x'.repeat(40)}, 'y': 'it\\'s, {not} a group'}}`;
    expect(layoutBrackets(value, 'duckdb')).toBe(
      [
        '{',
        `  'name': ${'n'.repeat(40)},`,
        "  'tags': [a, b],",
        "  'inner': {",
        `    'x': ${'x'.repeat(40)},`,
        "    'y': 'it\\'s, {not} a group'",
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('given JSON, then numbers and strings are kept character for character (never parsed: no rounding, no lost zeros)', () => {
    const json = `{"id": 12345678901234567890, "price": 2.50, "note": "a \\"quoted\\" [text], with: {braces}", "pad": "${'p'.repeat(60)}"}`;
    expect(layoutBrackets(json, 'json')).toBe(['{', '  "id": 12345678901234567890,', '  "price": 2.50,', '  "note": "a \\"quoted\\" [text], with: {braces}",', `  "pad": "${'p'.repeat(60)}"`, '}'].join('\n'));
  });

  it('given a MAP, then its `key=value` items are laid out like any other', () => {
    const map = `{${'k'.repeat(40)}=[1, 2], ${'j'.repeat(40)}=[]}`;
    expect(layoutBrackets(map, 'duckdb')).toBe(`{\n  ${'k'.repeat(40)}=[1, 2],\n  ${'j'.repeat(40)}=[]\n}`);
  });

  it('given text that is not one bracketed group, then nothing (the viewer draws it as it is)', () => {
    expect(layoutBrackets('[draft] notes', 'duckdb')).toBeUndefined();
    expect(layoutBrackets('plain', 'json')).toBeUndefined();
    expect(layoutBrackets('[1, 2', 'json')).toBeUndefined();
    expect(layoutBrackets('[1, 2}', 'json')).toBeUndefined();
    expect(layoutBrackets("['open]", 'duckdb')).toBeUndefined();
    expect(layoutBrackets('', 'json')).toBeUndefined();
  });

  it('given nesting deeper than MAX_DEPTH, then the deep groups stay on one line: no megabytes of indentation', () => {
    const depth = 1000;
    const deep = `${'['.repeat(depth)}${'x'.repeat(LINE_WIDTH)}${']'.repeat(depth)}`;
    const laid = layoutBrackets(deep, 'json')!;
    expect(laid.split('\n')).toHaveLength(2 * MAX_DEPTH + 1);
    expect(laid.length).toBeLessThanOrEqual(deep.length + MAX_DEPTH * (2 * MAX_DEPTH + 2));
  });
});
