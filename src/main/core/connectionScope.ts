import type { ClientCommand } from '../../shared/contracts/commands';
import type { ClientRequest } from '../../shared/contracts/protocol';
import { CATALOG_TOPIC, sessionTopic } from '../../shared/contracts/topics';
import { assertNever } from '../../shared/domain/decider';
import type { AppView } from '../../shared/views/appView';

/**
 * What a connection may reach. A window opened on one session (Electron's session windows, a page
 * with `?session=<id>`) gets a connection scoped to it when main opens the connection; whatever
 * that window's renderer then sends, main refuses what reaches another session.
 */
export type ConnectionScope = { readonly kind: 'all' } | { readonly kind: 'session'; readonly sessionId: string };

export const ALL_SCOPE: ConnectionScope = { kind: 'all' };


/**
 * Why `request` reaches outside `scope`, or undefined when it stays inside. `ownExport` says whether
 * an export id was started on this connection (exports are reached by their id alone).
 */
export function outsideScope(scope: ConnectionScope, request: ClientRequest, view: AppView, ownExport: (exportId: string) => boolean): string | undefined {
  if (scope.kind === 'all') return undefined;
  const { sessionId } = scope;
  const session = (id: string) => (id === sessionId ? undefined : 'another session');
  // Only its own session's history is searched: a page request is on the scrolling path.
  const query = (queryId: string) => (view.sessions[sessionId]?.history.some((h) => h.queryId === queryId) ? undefined : 'a result of another session');
  switch (request.method) {
    case 'subscribe':
      return request.pattern === sessionTopic(sessionId) || request.pattern === CATALOG_TOPIC ? undefined : 'topics beyond its session and the catalog';
    case 'dispatch':
      return commandOutsideScope(request.command, session, query);
    case 'fetchPage':
    case 'pivotPage':
      return query(request.queryId);
    case 'startExport':
      return session(request.sessionId) ?? query(request.queryId);
    case 'exportOutcome':
    case 'cancelExport':
      return ownExport(request.exportId) ? undefined : 'an export it did not start';
    case 'profileColumns':
      return request.target.kind === 'result' ? query(request.target.queryId) : undefined;
    case 'previewSql':
    case 'cancelPreview':
    case 'timeline':
    case 'sessionAt':
    case 'cancelChart':
    case 'exportSession':
      return session(request.sessionId);
    case 'chartData':
      return session(request.sessionId) ?? query(request.queryId);
    case 'locateDataset':
    case 'datasetsNotHere':
      // The catalog is shared by every window, as adding a dataset is.
      return undefined;
    case 'importChunk':
    case 'importSession':
      // An import opens a session of its own (or one imported before): beyond a one-session window.
      return 'imports of other sessions';
    case 'unsubscribe':
    case 'cancelProfile':
      // Both act on what this connection itself made (its subscriptions, its profile requests).
      return undefined;
    default:
      return assertNever(request);
  }
}

/** A command's reach, named per command so a new one must say which session it acts on. */
function commandOutsideScope(command: ClientCommand, session: (id: string) => string | undefined, query: (queryId: string) => string | undefined): string | undefined {
  switch (command.type) {
    case 'OpenSession':
    case 'AddDataset':
    case 'RemoveDataset':
      // The catalog is shared by every window; a new session reaches no existing one.
      return undefined;
    case 'RenameSession':
    case 'CloseSession':
    case 'ReopenSession':
    case 'ActivateSession':
    case 'SaveDraft':
    case 'AttachDataset':
    case 'StartQuery':
    case 'CancelQuery':
    case 'ForkSession':
      return session(command.sessionId);
    case 'SetResultView':
    case 'SetChart':
    case 'SetPivot':
      return session(command.sessionId) ?? query(command.queryId);
    case 'Undo':
    case 'Redo':
      // Names its aggregate by type and id: a session's is reached only from that session's window.
      return command.aggregateType === 'QuerySession' ? session(command.aggregateId) : undefined;
    default:
      return assertNever(command);
  }
}
