import { describe, expect, it } from 'vitest';
import { safeFileStem } from './fileStem';

describe('safeFileStem', () => {
  it('keeps letters of any script, cut by characters, no leading dot', () => {
    expect(safeFileStem('Réseau 東京')).toBe('Réseau 東京');
    expect(safeFileStem('.hidden')).toBe('hidden');
    expect(safeFileStem('///')).toBe('');
    expect(safeFileStem(`${'a'.repeat(79)}𠀀𠀀`)).toBe(`${'a'.repeat(79)}𠀀`);
  });
});
