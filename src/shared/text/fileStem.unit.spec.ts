import { describe, expect, it } from 'vitest';
import { safeFileStem } from './fileStem';

describe('safeFileStem', () => {
  it('keeps letters of any script, cut by characters, no leading dot', () => {
    expect(safeFileStem('Réseau 東京')).toBe('Réseau 東京');
    expect(safeFileStem('.hidden')).toBe('hidden');
    expect(safeFileStem('///')).toBe('');
    expect(safeFileStem(`${'a'.repeat(79)}𠀀𠀀`)).toBe(`${'a'.repeat(79)}𠀀`);
  });

  it('ends a long name at its last whole word, unless that leaves little', () => {
    const sql = "hostile - SELECT all FROM (VALUES (1 it s quoted a b (-9223372036854775807 BIGINT) t(x)";
    expect(safeFileStem(sql)).toBe('hostile - SELECT all FROM (VALUES (1 it s quoted a b (-9223372036854775807');
    // a name of few spaces is cut by characters: a word of 70 is not dropped whole
    expect(safeFileStem(`ab ${'c'.repeat(90)}`)).toBe(`ab ${'c'.repeat(77)}`);
    // a cut that falls on a space keeps the whole word before it
    expect(safeFileStem(`${'a'.repeat(80)} b`)).toBe('a'.repeat(80));
  });
});
