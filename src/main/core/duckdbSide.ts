import type { ClientCommand } from '../../shared/contracts/commands';

type CommandOf<K extends ClientCommand['type']> = Extract<ClientCommand, { type: K }>;

/**
 * Which commands need DuckDB's side of the core (docs/store.md, "What a start waits for before it serves"): those
 * the query runner handles itself (a cancel) or whose events the runner or the catalog react to (a
 * query started, a dataset added, removed, or its removal undone or redone). While DuckDB's side
 * starts every command is held, so all run in the order they arrived; after a failed start these
 * are refused with its error, and the rest, which only main's store and view take, are handled: a
 * draft, a tab's name, an undone rename are not lost. A command type added to contracts/commands.ts
 * does not compile until it is decided here.
 */
const needsDuckDbSide: { readonly [K in ClientCommand['type']]: boolean | ((command: CommandOf<K>) => boolean) } = {
  OpenSession: false,
  RenameSession: false,
  // cancels the session's query in flight, and none is after a failed start: the start failed the
  // previous run's before serving (`QueryRunner.failInterrupted`), and a StartQuery is refused
  CloseSession: false,
  ReopenSession: false,
  ActivateSession: false,
  SaveDraft: false,
  AttachDataset: false,
  StartQuery: true,
  CancelQuery: true,
  // a result's sort, chart and pivot are only recorded; what reads the result asks for pages, which wait at the gate themselves
  SetResultView: false,
  SetChart: false,
  SetPivot: false,
  AddDataset: true,
  RemoveDataset: true,
  // the original is read from the log (time/forkCommand.ts)
  ForkSession: false,
  // the catalog follows a dataset's undo and redo; a session's closes only as CloseSession does
  Undo: (command) => command.aggregateType === 'Dataset',
  Redo: (command) => command.aggregateType === 'Dataset',
};

/** Whether `command` needs DuckDB's side up: refused after a failed start (see the table above). */
export function needsDuckDb(command: ClientCommand): boolean {
  const needs = needsDuckDbSide[command.type] as boolean | ((command: ClientCommand) => boolean);
  return typeof needs === 'function' ? needs(command) : needs;
}
