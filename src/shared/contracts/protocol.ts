import { z } from 'zod';
import type { apiArguments } from './apiArguments';
import { clientCommandSchema, commandAckSchema } from './commands';
import type { Result } from './errors';
import { columnSchema } from './events';
import type { FileBridge } from './fileBridge';
import type { Frame } from './frames';
import { MAX_PROFILE_COLUMNS, profileAnswerSchema, profileTargetSchema } from '../explore/columnProfile';
import { MAX_PAGE_ROWS } from './limits';
import { columnIndex, pageFilterSchema, pageOrderSchema } from './pageView';
import { isValidPattern } from './topics';
import { exportFormats } from '../explore/exportFormat';
import { previewAnswerSchema, previewRequestSchema } from '../instant/preview';
import { timelineEntrySchema } from '../views/timeline';
import { sessionAtAnswerSchema } from '../views/pastSession';
import { chartDataRequestSchema, chartDataSchema } from '../chart/chartData';
import { pivotPageSchema } from '../pivot/pivotPage';
import { pivotSpecSchema } from '../pivot/pivotSpec';
import { sessionExportFormats } from '../share/sessionExportFormat';
import { IMPORT_CHUNK_CHARS, importOutcomeSchema, importSourceSchema, locateFileSchema } from './sessionImport';

export { MAX_FILTERS, MAX_MESSAGE_BYTES, MAX_PAGE_ROWS, MAX_SORT_KEYS } from './limits';

export { pageFilterSchema, pageOrderSchema, type PageFilter, type PageView } from './pageView';

/**
 * Where an export goes. The renderer never names a path: in a browser the file becomes a download;
 * in the desktop app main asks with the OS's save dialog.
 */
export const exportTargetSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('download') }).strict(), z.object({ kind: z.literal('saveDialog') }).strict()]);
export type ExportTarget = z.infer<typeof exportTargetSchema>;

/** A finished export: exact rows and bytes, and for a download where to fetch it (once). */
const exportOutcomeSchema = z
  .object({
    exportId: z.string(),
    rows: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    /** The file's path, or 'download'. */
    target: z.string(),
    download: z.object({ url: z.string(), fileName: z.string() }).readonly().optional(),
  })
  .readonly();
export type ExportOutcome = z.output<typeof exportOutcomeSchema>;

const exportId = z.string().min(1).max(64);

const subscriptionId = z.string().min(1).max(64);
/** A store id is an event id (UUIDv7), or empty for a log that had no event yet. */
const storeId = z.string().max(64);

/**
 * One page of a result, column-major: `values[c][r]` is DuckDB's own text for the cell (exact for
 * BIGINT, DECIMAL, timestamps, nested types) or null for SQL NULL.
 * While a query still runs, `complete` is false and `totalRows` counts the rows produced so far.
 * With a view (orderBy/filter), `totalRows` counts the rows that pass the filter.
 * `rerun`: the rows come from running a completed result's SQL again (it was not kept), not from
 * the run the history records; a window says so whenever it shows them, after a reload too.
 */
const pageSchema = z
  .object({
    queryId: z.string(),
    offset: z.number().int().nonnegative(),
    totalRows: z.number().int().nonnegative(),
    complete: z.boolean(),
    columns: z.array(columnSchema).readonly(),
    values: z.array(z.array(z.string().nullable()).readonly()).readonly(),
    rerun: z.literal(true).optional(),
  })
  .readonly();
export type Page = z.output<typeof pageSchema>;

/**
 * The API, defined once: every method a renderer can call in main, with the request it sends and
 * the response it gets back. The request schemas are what main validates, whatever the transport;
 * the server's dispatch (core/clientConnection.ts), the client (shared/client), the preload bridge
 * and the SextantApi type are all derived from this table. Adding a method is adding a row here,
 * its argument order (apiArguments.ts) and its handler in main; the typecheck names any one missed.
 */
export const apiMethods = {
  /** Runs one command in main; resolves once its events are stored. */
  dispatch: {
    request: z.object({ command: clientCommandSchema }).strict(),
    response: commandAckSchema,
  },
  /** Without `afterSeq`: a snapshot, then live. With it: what was stored after it, then live (a snapshot if it is not this log's). */
  subscribe: {
    request: z
      .object({
        subscriptionId,
        pattern: z.string().refine(isValidPattern, 'not a topic pattern'),
        afterSeq: z.number().int().nonnegative().optional(),
        /** The log `afterSeq` belongs to, as the last `snapshot`/`live` frame named it. */
        storeId: storeId.optional(),
        /** The id of the event at `afterSeq` the client folded: a log restored from a backup reuses seqs for other events. */
        afterEventId: z.string().max(64).optional(),
      })
      .strict(),
    response: z.object({ subscriptionId: z.string() }),
  },
  unsubscribe: {
    request: z.object({ subscriptionId }).strict(),
    response: z.object({ subscriptionId: z.string() }),
  },
  /** `orderBy`/`filter` sort and filter a complete result in DuckDB (RESULT_INCOMPLETE while it still runs). */
  fetchPage: {
    request: z
      .object({
        queryId: z.string().min(1).max(64),
        offset: z.number().int().nonnegative(),
        limit: z.number().int().positive().max(MAX_PAGE_ROWS),
        orderBy: pageOrderSchema.optional(),
        filter: pageFilterSchema.optional(),
      })
      .strict(),
    response: pageSchema,
  },
  /**
   * Starts writing a complete result (as the grid shows it: `orderBy`/`filter`) to a file. Answers
   * at once with the export's id (none when the person dismissed the save dialog); ExportProgress
   * frames follow on the session's topic, and `exportOutcome` resolves when it is done.
   */
  startExport: {
    request: z
      .object({
        sessionId: z.string().min(1).max(64),
        queryId: z.string().min(1).max(64),
        format: z.enum(exportFormats),
        orderBy: pageOrderSchema.optional(),
        filter: pageFilterSchema.optional(),
        target: exportTargetSchema,
      })
      .strict(),
    response: z.object({ exportId: z.string().optional() }),
  },
  /** Waits for an export to finish: its outcome, or its error (INTERRUPTED when it was cancelled). */
  exportOutcome: {
    request: z.object({ exportId }).strict(),
    response: exportOutcomeSchema,
  },
  /** Interrupts a running export and removes its partial file; one already finished is left alone. */
  cancelExport: {
    request: z.object({ exportId }).strict(),
    response: z.object({ exportId: z.string() }),
  },
  /**
   * Profiles columns of a completed result or of a dataset (docs/explore.md). `requestId` names the
   * request on this connection so `cancelProfile` can drop it; profiles are cached per result.
   */
  profileColumns: {
    request: z
      .object({
        requestId: z.string().min(1).max(64),
        target: profileTargetSchema,
        columns: z.array(columnIndex).min(1).max(MAX_PROFILE_COLUMNS),
      })
      .strict(),
    response: profileAnswerSchema,
  },
  /** Drops profile requests of this connection: a waiting one never runs, a running one is interrupted unless another request needs it. */
  cancelProfile: {
    request: z.object({ requestIds: z.array(z.string().min(1).max(64)).min(1).max(MAX_PROFILE_COLUMNS) }).strict(),
    response: z.object({ cancelled: z.number().int().nonnegative() }),
  },
  /** The instant preview of the statement under the cursor (shared/instant/preview.ts); a newer one of the session interrupts it. */
  previewSql: {
    request: previewRequestSchema,
    response: previewAnswerSchema,
  },
  /** Interrupts the session's preview in flight, if any (the person turned previews off or ran the query). */
  cancelPreview: {
    request: z.object({ sessionId: z.string().min(1).max(64) }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  /**
   * The session's actions, newest first, each ending at a global seq (docs/time.md); at most 1,000, with the total.
   * With `after` (the newest seq the window holds), only the entries ending after it, and in `moved` the seqs the
   * window's copies of those it already held end at. With `queryId`, only that query's entry, however old (none if
   * the session has no such query): where "Fork from here" forks, which must not be the end of a stale list.
   */
  timeline: {
    request: z.object({ sessionId: z.string().min(1).max(64), after: z.number().int().nonnegative().optional(), queryId: z.string().min(1).max(64).optional() }).strict(),
    response: z.object({ entries: z.array(timelineEntrySchema), total: z.number().int().nonnegative(), moved: z.array(z.number().int().nonnegative()).optional() }),
  },
  /**
   * The session as it was at global seq `seq`: a start at or before it and the session's events
   * after the start, which the window folds with the live view's own fold (`pastSession`,
   * shared/views/pastSession.ts); `seq` in the answer is its last event's.
   */
  sessionAt: {
    request: z.object({ sessionId: z.string().min(1).max(64), seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) }).strict(),
    response: sessionAtAnswerSchema,
  },
  /** The marks of a chart of a complete result (docs/charts.md), aggregated by DuckDB; a newer one of the session interrupts it. */
  chartData: {
    request: chartDataRequestSchema,
    response: chartDataSchema,
  },
  /** Interrupts the session's chart query in flight, if any (the chart was closed or its result replaced). */
  cancelChart: {
    request: z.object({ sessionId: z.string().min(1).max(64) }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  /** Rows [offset, offset + limit) of a complete result's pivot (docs/pivot.md) of the rows passing `filter` (the result's view filters), computed and kept by DuckDB. */
  pivotPage: {
    request: z
      .object({
        queryId: z.string().min(1).max(64),
        spec: pivotSpecSchema,
        offset: z.number().int().nonnegative(),
        limit: z.number().int().positive().max(MAX_PAGE_ROWS),
        filter: pageFilterSchema.optional(),
      })
      .strict(),
    response: pivotPageSchema,
  },
  /**
   * Writes a whole session as a SQL script, a Markdown notebook or its event log (docs/share.md) to
   * a file (the desktop's save dialog) or a download; answers once it is written, without an
   * outcome when the person dismissed the save dialog.
   */
  exportSession: {
    request: z.object({ sessionId: z.string().min(1).max(64), format: z.enum(sessionExportFormats), target: exportTargetSchema }).strict(),
    response: z.object({
      outcome: z
        .object({
          exportId: z.string(),
          format: z.enum(sessionExportFormats),
          bytes: z.number().int().nonnegative(),
          items: z.number().int().nonnegative(),
          target: z.string(),
          download: z.object({ url: z.string(), fileName: z.string() }).optional(),
        })
        .optional(),
    }),
  },
  /** One chunk of a session log a browser uploads for `importSession` (docs/share.md); chunk `index` n follows n - 1, from 0. */
  importChunk: {
    request: z.object({ uploadId: z.string().min(1).max(64), index: z.number().int().nonnegative(), text: z.string().max(IMPORT_CHUNK_CHARS) }).strict(),
    response: z.object({ uploadId: z.string(), chars: z.number().int().nonnegative() }),
  },
  /**
   * Imports a session log (uploaded, or chosen in the desktop's open dialog); no outcome when the
   * dialog was dismissed. `asCopy`: its session comes in as a new one, re-keyed (docs/share.md,
   * "Import as a copy"); asked only once the person chose it, after an IMPORT_CONFLICT.
   */
  importSession: {
    request: z.object({ source: importSourceSchema, asCopy: z.literal(true).optional() }).strict(),
    response: z.object({ outcome: importOutcomeSchema.optional() }),
  },
  /**
   * Registers a dataset an import listed as not found where its file is on this machine, under its
   * recorded name, once the file's fingerprint matches the recorded one (docs/share.md); no
   * `located` when the open dialog was dismissed.
   */
  locateDataset: {
    request: z.object({ datasetId: z.string().min(1).max(64), file: locateFileSchema }).strict(),
    response: z.object({ located: z.object({ name: z.string(), source: z.string() }).optional() }),
  },
  /**
   * The ready datasets whose file is not on this machine (catalog/datasetAvailability.ts), for the
   * catalog to mark and offer "Locate…": machine-local, so asked of main, never stored.
   */
  datasetsNotHere: {
    request: z.object({}).strict(),
    response: z.object({ datasetIds: z.array(z.string()) }),
  },
} as const;

export type ApiMethod = keyof typeof apiMethods;
export type ApiRequest<M extends ApiMethod> = z.infer<(typeof apiMethods)[M]['request']>;
/** A subscribe request's cursor: where a subscription resumes, and which log and event it was taken in. */
export type ResumePoint = Readonly<Pick<ApiRequest<'subscribe'>, 'storeId' | 'afterEventId'> & { afterSeq: number }>;
export type ApiResponse<M extends ApiMethod> = z.infer<(typeof apiMethods)[M]['response']>;

/** Every request a renderer can make of main, as it travels: the method's name beside its fields. */
export type ClientRequest = { [M in ApiMethod]: { readonly method: M } & ApiRequest<M> }[ApiMethod];

/** The table's requests as one schema, each tagged with its method; main parses every call with it. */
const requestOptions = Object.entries(apiMethods).map(([method, { request }]) => request.extend({ method: z.literal(method) }));
export const clientRequestSchema = z.discriminatedUnion('method', requestOptions as [(typeof requestOptions)[number]]) as z.ZodType<ClientRequest>;

/**
 * The API the renderer sees, identical over Electron IPC (preload) and WebSocket (web host): the
 * table's methods, called with positional arguments (apiArguments.ts), plus two events. Calls
 * resolve to a Result so an AppError (with its id) survives the hop intact.
 */
export type SextantApi = {
  readonly [M in ApiMethod]: (...args: Parameters<(typeof apiArguments)[M]>) => Promise<Result<ApiResponse<M>>>;
} & {
  onFrame(listener: (frame: Frame) => void): () => void;
  /** Fires with true each time the transport (re)connects, false when it drops. */
  onConnection(listener: (connected: boolean) => void): () => void;
};

/**
 * Flow control. The client tells main how many frames it has processed on this connection so far
 * (a running total); main keeps at most a window of unprocessed frames in flight per connection.
 */
export const clientNotificationSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('ack'), received: z.number().int().nonnegative() }).strict(),
]);
export type ClientNotification = z.infer<typeof clientNotificationSchema>;

/**
 * The one wire protocol, JSON text over either transport. A call carries an id and gets a response
 * with the same id; a notification carries none and gets no answer (as in JSON-RPC). A call's
 * request is validated separately (clientRequestSchema) so a bad request still gets its id back.
 */
export const clientMessageSchema = z.union([
  z.object({ id: z.number().int().nonnegative(), request: z.unknown() }).strict(),
  z.object({ request: clientNotificationSchema }).strict(),
]);
export type ClientMessage = { readonly id: number; readonly request: ClientRequest } | { readonly request: ClientNotification };

/** `id` -1 answers a message too malformed to carry an id. */
export type ServerMessage =
  | { readonly type: 'response'; readonly id: number; readonly result: Result<unknown> }
  | { readonly type: 'frames'; readonly frames: readonly Frame[] };

/**
 * The renderer's end of one connection to main, whatever carries it: a WebSocket that reconnects,
 * or the preload's IPC bridge. Messages are JSON text of ClientMessage / ServerMessage.
 */
export interface ClientChannel {
  /** False when not connected: the message was not sent. */
  send(text: string): boolean;
  onMessage(listener: (text: string) => void): void;
  /** Fires with true on every (re)connect and false on every drop. */
  onConnection(listener: (connected: boolean) => void): void;
  isConnected(): boolean;
}

/**
 * What the sandboxed preload exposes as `window.sextant` in Electron: the same SextantApi the web
 * build runs over its WebSocket, plus what only Electron can tell (a dropped file's path).
 */
export interface DesktopApi extends SextantApi, FileBridge {}
