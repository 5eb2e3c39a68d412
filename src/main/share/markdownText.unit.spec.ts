import { describe, expect, it } from 'vitest';
import { cell, codeBlock, inline, table } from './markdownText';

describe('markdown text', () => {
  it('given hostile cell text, then a table row keeps its columns and its line', () => {
    const row = table(['a|b', 'c'], [['x | y\nz', '<b>&"\'\\|'], [null, 'Zoë ✓ 東京']]).split('\n');
    expect(row).toEqual(['| a\\|b | c |', '| --- | --- |', '| x \\| y<br>z | &lt;b&gt;&amp;"\'\\\\\\| |', '| *NULL* | Zoë ✓ 東京 |']);
    // every row splits into exactly its cells at unescaped pipes
    for (const line of row) expect(line.split(/(?<!\\)\|/).length).toBe(4);
  });

  it('given a carriage return or a Unicode line separator, then a cell stays on one line', () => {
    expect(cell('a\r\nb\rc\u2028d')).toBe('a<br>b<br>c<br>d');
  });

  it('given code holding backtick fences, then its block’s fence is longer than any of them', () => {
    expect(codeBlock('sql', 'select 1 -- ```\n````')).toBe('`````sql\nselect 1 -- ```\n````\n`````');
    expect(codeBlock('sql', 'select 1')).toBe('```sql\nselect 1\n```');
  });

  it('given inline text with Markdown marks, then they are shown, not applied', () => {
    expect(inline('# *a* _b_ `c` [d]')).toBe('\\# \\*a\\* \\_b\\_ \\`c\\` \\[d\\]');
  });
});
