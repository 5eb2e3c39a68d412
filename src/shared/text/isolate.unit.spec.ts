import { describe, expect, it } from 'vitest';
import { isolate, isolateBidi } from './isolate';

describe('isolate: user text joined into a sentence keeps its bidi to itself', () => {
  it('given a title, then it is wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, unchanged inside', () => {
    expect(isolate('Trips')).toBe('\u2068Trips\u2069');
  });

  it('given a title with a RIGHT-TO-LEFT OVERRIDE left open, then the isolate’s end closes it before the words after', () => {
    const said = `Renamed to “${isolate('SQL draft\u202e LTR')}” · 5 rows`;
    expect(said).toBe('Renamed to “\u2068SQL draft\u202e LTR\u2069” · 5 rows');
    expect(said.indexOf('\u2069')).toBeLessThan(said.indexOf('”'));
  });

  it('given empty text, then an empty isolate', () => {
    expect(isolate('')).toBe('\u2068\u2069');
  });
});

describe('isolateBidi: isolated only where isolating changes the reading', () => {
  it('given left-to-right text, even with neutrals at its ends, then it is left as it is', () => {
    expect(isolateBidi('(delay) > 5 “x”')).toBe('(delay) > 5 “x”');
  });

  it('given a RIGHT-TO-LEFT OVERRIDE, a Hebrew or an Arabic letter, then it is isolated', () => {
    expect(isolateBidi('SQL\u202e draft')).toBe('\u2068SQL\u202e draft\u2069');
    expect(isolateBidi('שלום')).toBe('\u2068שלום\u2069');
    expect(isolateBidi('سلام')).toBe('\u2068سلام\u2069');
  });
});
