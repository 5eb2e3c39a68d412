import { describe, it } from 'vitest';
import type { SessionEvent } from '../contracts/events';
import { deciderSpec } from '../../../test/support/deciderSpec';
import { querySessionDecider } from './querySession';

/** The workbench's session transitions: drafts, the shown tab, reopening a closed tab. */
const spec = deciderSpec(querySessionDecider);
const sessionId = 's1';
const opened: SessionEvent = { type: 'SessionOpened', payload: { title: 'Session 1' } };
const closed: SessionEvent = { type: 'SessionClosed', payload: {} };
const reopened: SessionEvent = { type: 'SessionReopened', payload: {} };
const draft = (sql: string): SessionEvent => ({ type: 'DraftSaved', payload: { sql } });
const started: SessionEvent = { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } };

describe('QuerySession: drafts', () => {
  it('saves a changed draft', () =>
    spec.given([opened]).when({ type: 'SaveDraft', sessionId, sql: 'select 1' }).then([draft('select 1')]));
  it('saving the same text again records nothing, so repeated saves never grow the log', () =>
    spec.given([opened, draft('select 1')]).when({ type: 'SaveDraft', sessionId, sql: 'select 1' }).then([]));
  it('an empty draft on a fresh session is no change', () =>
    spec.given([opened]).when({ type: 'SaveDraft', sessionId, sql: '' }).then([]));
  it('clearing the editor is saved', () =>
    spec.given([opened, draft('select 1')]).when({ type: 'SaveDraft', sessionId, sql: '' }).then([draft('')]));
  it('saves a draft while a query runs (people keep typing)', () =>
    spec.given([opened, started]).when({ type: 'SaveDraft', sessionId, sql: 'select 2' }).then([draft('select 2')]));
  it('refuses a draft for a closed session', () =>
    spec.given([opened, closed]).when({ type: 'SaveDraft', sessionId, sql: 'x' }).thenRejects('SESSION_CLOSED'));
  it('refuses a draft for a session that was never opened', () =>
    spec.given([]).when({ type: 'SaveDraft', sessionId, sql: 'x' }).thenRejects('SESSION_NOT_FOUND'));
});

describe('QuerySession: the shown tab', () => {
  it('records a switch to an open session', () =>
    spec.given([opened]).when({ type: 'ActivateSession', sessionId }).then([{ type: 'SessionActivated', payload: {} }]));
  it('refuses to switch to a closed session', () =>
    spec.given([opened, closed]).when({ type: 'ActivateSession', sessionId }).thenRejects('SESSION_CLOSED'));
});

describe('QuerySession: reopening a closed session', () => {
  it('reopens a closed session', () => spec.given([opened, closed]).when({ type: 'ReopenSession', sessionId }).then([reopened]));
  it('refuses to reopen an open session', () =>
    spec.given([opened]).when({ type: 'ReopenSession', sessionId }).thenRejects('SESSION_ALREADY_OPEN'));
  it('refuses to reopen a session that never existed', () =>
    spec.given([]).when({ type: 'ReopenSession', sessionId }).thenRejects('SESSION_NOT_FOUND'));
  it('a reopened session keeps its draft: saving the same text is no change', () =>
    spec.given([opened, draft('select 9'), closed, reopened]).when({ type: 'SaveDraft', sessionId, sql: 'select 9' }).then([]));
  it('a reopened session is idle even if closing cancelled a query, so it can run again', () =>
    spec
      .given([opened, started, { type: 'QueryCancelled', payload: { queryId: 'q1', reason: 'session closed' } }, closed, reopened])
      .when({ type: 'StartQuery', sessionId, queryId: 'q2', sql: 'select 2' })
      .then([{ type: 'QueryStarted', payload: { queryId: 'q2', sql: 'select 2' } }]));
  it('a reopened session keeps its title: renaming to it is no change', () =>
    spec.given([opened, closed, reopened]).when({ type: 'RenameSession', sessionId, title: 'Session 1' }).then([]));
  it('can be closed again', () => spec.given([opened, closed, reopened]).when({ type: 'CloseSession', sessionId }).then([closed]));
});
