import { describe, expect, it } from 'vitest';
import { emptyView, type AppView, type SessionView } from '../../shared/views/appView';
import { toDomainCommand } from './clientCommands';

describe('toDomainCommand: AddDataset', () => {
  it('given a path typed with ~, when added, then the home folder’s file is recorded', () => {
    const { command } = toDomainCommand({ type: 'AddDataset', source: ' ~/data/./trips.csv' }, emptyView(), () => 'd1', '/home/ana');
    expect(command).toEqual({ type: 'RequestDataset', datasetId: 'd1', source: '/home/ana/data/trips.csv' });
  });
});

const withSessions = (...sessions: [title: string, closed: boolean][]): AppView => ({
  ...emptyView(),
  sessions: Object.fromEntries(
    sessions.map(([title, closed], i): [string, SessionView] => [`s${i}`, { id: `s${i}`, title, closed, version: 1, openedSeq: i, activatedSeq: i, draft: '', datasetIds: [], history: [] }]),
  ),
});

describe('toDomainCommand: OpenSession without a title', () => {
  it('given "Session 1" closed (reopenable) and none open, when a session is opened, then it is "Session 2", so reopening never gives two tabs of one name', () => {
    const { command } = toDomainCommand({ type: 'OpenSession' }, withSessions(['Session 1', true]), () => 'n1');
    expect(command).toEqual({ type: 'OpenSession', sessionId: 'n1', title: 'Session 2' });
  });

  it('given "Session 1" open and "Session 2" closed, when a session is opened, then it takes the first title no session has: "Session 3"', () => {
    const { command } = toDomainCommand({ type: 'OpenSession' }, withSessions(['Session 1', false], ['Session 2', true]), () => 'n1');
    expect(command).toEqual({ type: 'OpenSession', sessionId: 'n1', title: 'Session 3' });
  });

  it('given a gap left by a renamed session, when a session is opened, then the gap is filled', () => {
    const { command } = toDomainCommand({ type: 'OpenSession' }, withSessions(['Trips', true], ['Session 2', false]), () => 'n1');
    expect(command).toEqual({ type: 'OpenSession', sessionId: 'n1', title: 'Session 1' });
  });
});
