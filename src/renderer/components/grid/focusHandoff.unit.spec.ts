import { describe, expect, it } from 'vitest';
import { createFocusHandoff } from './focusHandoff';

describe('focus handed from a grid to the one that replaces it', () => {
  const handoffWithTasks = () => {
    const queued: (() => void)[] = [];
    const handoff = createFocusHandoff((f) => queued.push(f));
    return { handoff, endTask: () => queued.splice(0).forEach((f) => f()) };
  };

  it('given a grid that goes with focus, when the next one mounts in the same commit with focus lost, then it takes focus, once', () => {
    const { handoff } = handoffWithTasks();
    handoff.leave(true);
    expect(handoff.take(true)).toBe(true);
    expect(handoff.take(true)).toBe(false);
  });

  it('given a grid that goes without focus, when the next one mounts, then it leaves focus where it is', () => {
    const { handoff } = handoffWithTasks();
    handoff.leave(false);
    expect(handoff.take(true)).toBe(false);
  });

  it('given focus already taken elsewhere (the editor), when the next grid mounts, then it does not take it', () => {
    const { handoff } = handoffWithTasks();
    handoff.leave(true);
    expect(handoff.take(false)).toBe(false);
  });

  it('given a grid gone with focus and no grid in its place, when a grid mounts in a later task, then it does not take focus', () => {
    const { handoff, endTask } = handoffWithTasks();
    handoff.leave(true);
    endTask();
    expect(handoff.take(true)).toBe(false);
  });
});
