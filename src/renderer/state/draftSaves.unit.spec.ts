import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientCommand, CommandAck } from '../../shared/contracts/commands';
import { appError, fail, ok, type AppError, type Result } from '../../shared/contracts/errors';
import { DraftSaves } from './draftSaves';

/** One window's draft saves against a fake main that answers when told to. */
function setup(viewVersion = 3) {
  const sent: ClientCommand[] = [];
  const answers: ((r: Result<CommandAck>) => void)[] = [];
  const version = { current: viewVersion };
  const failures: AppError[] = [];
  const saves = new DraftSaves(
    (command) => {
      sent.push(command);
      return new Promise((resolve) => answers.push(resolve));
    },
    () => version.current,
    () => {},
    (error) => failures.push(error),
    1000,
  );
  const answer = async (r: Result<CommandAck>) => {
    answers.shift()!(r);
    await Promise.resolve();
    await Promise.resolve();
  };
  return { saves, sent, answer, version, failures };
}
const saved = (version: number) => ok({ aggregateId: 's1', lastSeq: 10, version });
const conflict = () => fail(appError('e1', 'VERSION_CONFLICT', 'This session changed in another window.'));

describe('DraftSaves: each save carries the version its text was based on', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once after the quiet time, expecting the version shown when typing began', () => {
    const { saves, sent, version } = setup(3);
    saves.change('s1', 's');
    version.current = 4; // a query finished meanwhile: the text is still based on 3
    saves.change('s1', 'select 1');
    vi.advanceTimersByTime(999);
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([{ type: 'SaveDraft', sessionId: 's1', sql: 'select 1', expectedVersion: 3 }]);
  });

  it('one save at a time: the next waits for the answer and expects the version it brought', async () => {
    const { saves, sent, answer } = setup(3);
    saves.change('s1', 'select 1');
    saves.flush('s1');
    saves.change('s1', 'select 12');
    saves.flush('s1');
    expect(sent).toHaveLength(1);
    await answer(saved(4));
    expect(sent[1]).toEqual({ type: 'SaveDraft', sessionId: 's1', sql: 'select 12', expectedVersion: 4 });
  });

  it('the editor does not follow the store until the view has caught up with its own save', async () => {
    const { saves, answer } = setup(3);
    saves.change('s1', 'select 1');
    expect(saves.mayFollow('s1', 3)).toBe(false); // unsaved text
    saves.flush('s1');
    await answer(saved(4));
    expect(saves.mayFollow('s1', 3)).toBe(false); // the view still shows the older draft
    expect(saves.mayFollow('s1', 4)).toBe(true);
  });

  it('a refused save keeps the text and saves nothing more until the person chooses; Keep mine expects the version shown now', async () => {
    const { saves, sent, answer, version } = setup(3);
    saves.change('s1', 'mine');
    saves.flush('s1');
    await answer(conflict());
    expect(saves.inConflict('s1')).toBe(true);
    saves.change('s1', 'mine, edited');
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(1);
    expect(saves.mayFollow('s1', 9)).toBe(false);
    version.current = 5; // the other window's draft arrived
    saves.keepMine('s1', 'mine, edited');
    expect(saves.inConflict('s1')).toBe(false);
    expect(sent[1]).toEqual({ type: 'SaveDraft', sessionId: 's1', sql: 'mine, edited', expectedVersion: 5 });
  });

  it('Take theirs drops the unsaved text and lets the editor follow the store', async () => {
    const { saves, sent, answer, version } = setup(3);
    saves.change('s1', 'mine');
    saves.flush('s1');
    await answer(conflict());
    version.current = 5;
    saves.takeTheirs('s1');
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(1);
    expect(saves.mayFollow('s1', 5)).toBe(true);
  });

  it('a save the store could not write keeps the text, says so once with its id, and goes again after the quiet time', async () => {
    const { saves, sent, answer, failures } = setup(3);
    saves.change('s1', 'select 1');
    saves.flush('s1');
    await answer(fail(appError('e-full', 'STORE_FULL', 'The disk is full.')));
    expect(failures.map((e) => e.id)).toEqual(['e-full']);
    expect(saves.mayFollow('s1', 3)).toBe(false); // the editor keeps the unsaved text
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(sent[1]).toEqual({ type: 'SaveDraft', sessionId: 's1', sql: 'select 1', expectedVersion: 3 });
    await answer(fail(appError('e-full-2', 'STORE_FULL', 'The disk is full.')));
    expect(failures).toHaveLength(1); // told once, not once a retry
    vi.advanceTimersByTime(1000);
    await answer(saved(4));
    expect(saves.mayFollow('s1', 4)).toBe(true);
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(3);
  });

  it('a session closed meanwhile drops the save without a retry or a message', async () => {
    const { saves, sent, answer, failures } = setup(3);
    saves.change('s1', 'select 1');
    saves.flush('s1');
    await answer(fail(appError('e-closed', 'SESSION_CLOSED', 'This session is closed.')));
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(1);
    expect(failures).toEqual([]);
    expect(saves.idle('s1')).toBe(true);
  });
});
