import { describe, expect, it } from 'vitest';
import { scopeText } from './sessionExportScope';

describe('the session export scope line', () => {
  it('given one query, when the dialog says what it writes, then it reads in the singular with no order to tell', () => {
    expect(scopeText(1)).toBe('The whole session: 1\u00a0query');
  });
  it('given several queries or none, then they are counted, grouped, in the plural', () => {
    expect(scopeText(1234)).toBe('The whole session: 1,234\u00a0queries, in the order they ran');
    expect(scopeText(0)).toBe('The whole session: 0\u00a0queries');
  });
});
