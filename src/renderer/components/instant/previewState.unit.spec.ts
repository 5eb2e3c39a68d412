import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appError, fail, ok } from '../../../shared/contracts/errors';
import type { PreviewAnswer } from '../../../shared/instant/preview';
import { debounce } from './debounce';
import { initialPreview, inlineError, needsPreview, previewReducer, type PreviewAction, type PreviewState } from './previewState';

const span = { from: 0, to: 20 };
const rows = (value: string): PreviewAnswer => ({ kind: 'rows', statement: span, steps: [], columns: [{ name: 'x', type: 'INTEGER' }], values: [[value]] });
const invalid: PreviewAnswer = { kind: 'invalid', statement: span, errorId: 'e-1', message: 'Referenced column "nope" not found', position: 7 };
const refused: PreviewAnswer = { kind: 'refused', statement: span, reason: 'It writes: a preview only runs statements that read.' };

/** Given these actions happened, when this one does, then the state is… */
const given = (...actions: PreviewAction[]) => ({
  when: (action: PreviewAction) => previewReducer(actions.reduce(previewReducer, initialPreview), action),
});
const asked = (seq: number, sql = 'select 1 as x', cursor = 0): PreviewAction => ({ type: 'asked', seq, ask: { sql, cursor } });
const answered = (seq: number, answer: PreviewAnswer): PreviewAction => ({ type: 'answered', seq, result: ok(answer) });

describe('which preview answer is shown', () => {
  it('shows the newest request’s rows', () => {
    const s = given(asked(1)).when(answered(1, rows('1')));
    expect(s.rows).toEqual(rows('1'));
    expect(s.pending).toBe(false);
  });

  it('drops an older request’s answer that arrives after a newer request was made', () => {
    const s = given(asked(1), asked(2)).when(answered(1, rows('old')));
    expect(s.rows).toBeUndefined();
    expect(s.pending).toBe(true);
    const later = given(asked(1), asked(2), answered(2, rows('new'))).when(answered(1, rows('old')));
    expect(later.rows).toEqual(rows('new'));
  });

  it('ignores an INTERRUPTED call: it is no answer, the pane keeps what it shows', () => {
    const before = given(asked(1), answered(1, rows('1')), asked(2)).when({ type: 'asked', seq: 2, ask: { sql: 'x', cursor: 0 } });
    const s = previewReducer(before, { type: 'answered', seq: 2, result: fail(appError('e-2', 'INTERRUPTED', 'interrupted')) });
    expect(s).toBe(before);
  });

  it('keeps the last good rows when the statement stops parsing, beside the error', () => {
    const s = given(asked(1), answered(1, rows('good')), asked(2)).when(answered(2, invalid));
    expect(s.rows).toEqual(rows('good'));
    expect(s.problem).toEqual(invalid);
    // and a good answer after it clears the error
    expect(previewReducer(previewReducer(s, asked(3)), answered(3, rows('fixed')))).toMatchObject({ rows: rows('fixed'), problem: undefined });
  });

  it('keeps the last good rows when the call itself fails, and says so', () => {
    const s = given(asked(1), answered(1, rows('good')), asked(2)).when({ type: 'answered', seq: 2, result: fail(appError('e-3', 'INTERNAL', 'broken')) });
    expect(s.rows).toEqual(rows('good'));
    expect(s.problem).toMatchObject({ kind: 'failed', error: { id: 'e-3' } });
  });

  it('shows no rows beside a refusal: they would be another statement’s', () => {
    const s = given(asked(1), answered(1, rows('good')), asked(2)).when(answered(2, refused));
    expect(s.rows).toBeUndefined();
    expect(s.problem).toEqual(refused);
  });

  it('shows nothing when the cursor is on no statement', () => {
    const s = given(asked(1), answered(1, rows('good')), asked(2)).when(answered(2, { kind: 'none' }));
    expect(s).toMatchObject({ rows: undefined, problem: undefined, empty: true, pending: false });
  });

  it('shows no answer of a cancelled request that arrives anyway', () => {
    const s = given(asked(1), answered(1, rows('good')), asked(2), { type: 'cancelled', seq: 3 }).when(answered(2, rows('late')));
    expect(s).toMatchObject({ rows: rows('good'), pending: false });
  });

  it('shows no answer from before a reset (the session changed, the switch went off)', () => {
    const s = given(asked(1), { type: 'reset' }).when(answered(1, rows('old')));
    expect(s.rows).toBeUndefined();
  });

  it('never goes back to an older request number', () => {
    const s = given(asked(3)).when(asked(2));
    expect(s.latest).toBe(3);
  });
});

describe('when a preview is asked again', () => {
  it('asks when the text or the cursor moved, not for the same place twice', () => {
    expect(needsPreview(undefined, { sql: 'select 1', cursor: 0 })).toBe(true);
    expect(needsPreview({ sql: 'select 1', cursor: 3 }, { sql: 'select 1', cursor: 3 })).toBe(false);
    expect(needsPreview({ sql: 'select 1', cursor: 3 }, { sql: 'select 1', cursor: 4 })).toBe(true);
    expect(needsPreview({ sql: 'select 1', cursor: 3 }, { sql: 'select 2', cursor: 3 })).toBe(true);
  });
});

describe('the inline error', () => {
  const withInvalid = (sql: string, answer: PreviewAnswer = invalid): PreviewState => given(asked(1, sql)).when(answered(1, answer));

  it('is placed at the answer’s position while the editor holds the text it was about', () => {
    expect(inlineError(withInvalid('select nope from t'), 'select nope from t')).toEqual({ position: 7, message: invalid.kind === 'invalid' ? invalid.message : '' });
  });

  it('is not placed on text it was not about, nor without a position, nor past the end', () => {
    expect(inlineError(withInvalid('select nope from t'), 'select nope from t2')).toBeUndefined();
    const { position: _, ...noPosition } = invalid as Extract<PreviewAnswer, { kind: 'invalid' }>;
    expect(inlineError(withInvalid('select nope', noPosition), 'select nope')).toBeUndefined();
    expect(inlineError(withInvalid('sel'), 'sel')).toBeUndefined();
  });

  it('stays with the text it was about while a newer request is on its way', () => {
    const s = previewReducer(withInvalid('select nope from t'), asked(2, 'select nope from t;', 19));
    expect(inlineError(s, 'select nope from t')).toEqual({ position: 7, message: expect.any(String) });
    expect(inlineError(s, 'select nope from t;')).toBeUndefined();
  });
});

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once, with the last argument, the pause after the last call', () => {
    const fire = vi.fn();
    const d = debounce(150, fire);
    d.call('s');
    vi.advanceTimersByTime(100);
    d.call('se');
    vi.advanceTimersByTime(149);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire.mock.calls).toEqual([['se']]);
  });

  it('fires nothing once cancelled', () => {
    const fire = vi.fn();
    const d = debounce(150, fire);
    d.call('s');
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fire).not.toHaveBeenCalled();
  });
});
