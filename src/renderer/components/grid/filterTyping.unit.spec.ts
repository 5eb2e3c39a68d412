import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FILTER_DEBOUNCE_MS, FilterTyping } from './filterTyping';

describe('filter text waiting out its typing pause', () => {
  let sent: [number, string][];
  let typing: FilterTyping;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    typing = new FilterTyping((column, text) => sent.push([column, text]));
  });
  afterEach(() => vi.useRealTimers());

  it('given keystrokes, when typing pauses, then the last text is sent once', () => {
    typing.type(3, '>');
    typing.type(3, '>=6');
    vi.advanceTimersByTime(FILTER_DEBOUNCE_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([[3, '>=6']]);
  });

  it('given text still in its pause, when an action on the shown rows settles it (Export… opened), then it is sent at once, and not again after the pause', () => {
    typing.type(3, '>=6');
    vi.advanceTimersByTime(50);
    typing.settle();
    expect(sent).toEqual([[3, '>=6']]);
    vi.advanceTimersByTime(FILTER_DEBOUNCE_MS * 2);
    expect(sent).toEqual([[3, '>=6']]);
  });

  it('given text typed in two boxes, when settled, then each column’s is sent, in the order typed', () => {
    typing.type(5, 'SFO');
    typing.type(1, '<10');
    typing.settle();
    expect(sent).toEqual([
      [5, 'SFO'],
      [1, '<10'],
    ]);
  });

  it('given nothing waiting (already sent, dropped or cleared), when settled, then nothing is sent', () => {
    typing.type(0, 'a');
    vi.advanceTimersByTime(FILTER_DEBOUNCE_MS);
    typing.type(1, 'b');
    typing.drop(1);
    typing.type(2, 'c');
    typing.dropAll();
    typing.settle();
    vi.advanceTimersByTime(FILTER_DEBOUNCE_MS);
    expect(sent).toEqual([[0, 'a']]);
  });
});
