import type { z } from 'zod';
import type { ClientCommand, CommandAck } from '../../shared/contracts/commands';
import { appError, fail, ok, validationIssues, type AppError, type Result } from '../../shared/contracts/errors';
import { bytesOverLimit } from '../../shared/contracts/limits';
import {
  clientMessageSchema,
  clientRequestSchema,
  MAX_MESSAGE_BYTES,
  type ApiMethod,
  type ApiRequest,
  type ApiResponse,
  type ClientRequest,
  type Page,
  type PageView,
} from '../../shared/contracts/protocol';
import type { AppView } from '../../shared/views/appView';
import type { ChooseExportPath } from '../explore/exportDelivery';
import type { ExportService } from '../explore/exportService';
import type { ChooseImportPath, ImportOptions } from '../share/sessionImport';
import { ImportUploads } from '../share/importUploads';
import { ALL_SCOPE, outsideScope, type ConnectionScope } from './connectionScope';
import { sendableResponse, serialized, type SerializedAnswer } from './serializedAnswer';
import { turnInbox } from './turnInbox';
import { commandOrder } from './commandOrder';
import { ConnectionExports } from './connectionExports';
import type { SessionExportService } from '../share/sessionExportService';
import { newErrorId } from '../platform/ids';
import type { Logger } from '../platform/logger';
import { Outbox, defaultFlowLimits, type FlowLimits } from '../streams/outbox';
import type { StreamManager, Subscription } from '../streams/streamManager';
import type { ServerChannel } from '../transports/serverChannel';
import { grouped } from '../../shared/text/counts';

const MAX_SUBSCRIPTIONS = 64;
/** Profile requests one connection may have waiting at once (a client asks for what is in view). */
const MAX_PROFILE_REQUESTS = 256;

/** What a connection needs from the core: AppCore provides all of it (a unit test casts what it uses). */
export interface ConnectionServices {
  readonly streams: StreamManager;
  readonly log: Logger;
  dispatch(command: ClientCommand): Promise<Result<CommandAck>>;
  fetchPage(queryId: string, offset: number, limit: number, view?: PageView): Promise<Result<Page>>;
  /** Exports of results (explore/exportService.ts). */
  readonly exports: Pick<ExportService, 'start' | 'outcome' | 'cancel' | 'abandon'>;
  /** The desktop's save dialog for this window; a browser has none (it downloads instead). */
  readonly chooseExportPath?: ChooseExportPath;
  /** Column profiles (explore/profileService.ts); `signal` aborts when the client cancels the request or goes away. */
  profileColumns(request: ApiRequest<'profileColumns'>, signal: AbortSignal): Promise<Result<Omit<ApiResponse<'profileColumns'>, 'requestId'>>>;
  /** Instant previews (transient: no events); a newer request of a session interrupts its older one. */
  previewSql(request: ApiRequest<'previewSql'>): Promise<Result<ApiResponse<'previewSql'>>>;
  cancelPreview(sessionId: string): Result<ApiResponse<'cancelPreview'>>;
  /** A session's timeline and the session as it was at a point (time/timeTravel.ts). */
  timeline(sessionId: string, after?: number, queryId?: string): Promise<Result<ApiResponse<'timeline'>>>;
  /** The answer as its JSON text: a stored checkpoint and the events after it go as they were stored, for the window to fold. */
  sessionAt(sessionId: string, seq: number): Promise<Result<string>>;
  /** Charts of results, each connection's in slots of its own (`owner` is the connection: chart/chartService.ts). */
  readonly charts: {
    chart(request: ApiRequest<'chartData'>, owner: object): Promise<Result<ApiResponse<'chartData'>>>;
    cancel(sessionId: string, owner: object): Result<ApiResponse<'cancelChart'>>;
    forget(owner: object): void;
  };
  /** Exports of whole sessions (share/sessionExportService.ts). */
  readonly sessionExports: Pick<SessionExportService, 'export' | 'abandon'>;
  /** Pages of a result's pivot (pivot/pivotService.ts). */
  pivotPage(request: ApiRequest<'pivotPage'>): Promise<Result<ApiResponse<'pivotPage'>>>;
  /** Session imports (share/sessionImport.ts). */
  readonly imports: {
    importText(text: string, options?: ImportOptions): Promise<Result<NonNullable<ApiResponse<'importSession'>['outcome']>>>;
    importFromFile(choose: ChooseImportPath, options?: ImportOptions): Promise<Result<ApiResponse<'importSession'>>>;
  };
  /** The desktop's open dialog for this window; a browser has none (it uploads instead). */
  readonly chooseImportPath?: ChooseImportPath;
  /** Registers a dataset where a person located its file, if its fingerprint matches (catalog/catalogService.ts). */
  relocateDataset(datasetId: string, path: string): Promise<Result<NonNullable<ApiResponse<'locateDataset'>['located']>>>;
  /** The ready datasets whose file is not on this machine (CatalogService.notHere). */
  datasetsNotHere(): Promise<Result<ApiResponse<'datasetsNotHere'>>>;
  /** The desktop's open dialog for a dataset's file (named by the dataset); a browser has none (the person types the path). */
  readonly chooseDatasetPath?: (name: string) => Promise<string | undefined>;
  /** What this connection may reach (connectionScope.ts); absent: everything, as the overview window. */
  readonly scope?: ConnectionScope;
  /** Main's current view: which session a result belongs to, for a scoped connection. */
  view(): AppView;
}

/** What a host gives a connection beside the core: its window's dialogs (the desktop's), and what it may reach (a window on one session). */
export type HostCapabilities = Pick<ConnectionServices, 'chooseExportPath' | 'chooseImportPath' | 'chooseDatasetPath' | 'scope'>;

/** Main's side of the API table: one handler per method, given its validated request; an answer may come as its JSON already. */
type Answer<M extends ApiMethod> = Result<ApiResponse<M> | SerializedAnswer<ApiResponse<M>>>;
type ApiHandlers = { readonly [M in ApiMethod]: (request: ApiRequest<M>) => Answer<M> | Promise<Answer<M>> };

/**
 * Serves one renderer connection (a window over IPC, a page over WebSocket) over any ServerChannel:
 * every message is size-checked and validated with zod before anything acts on it; calls get a
 * response with their id, acks feed the outbox's flow control; frames go out as
 * `{"type":"frames","frames":[…]}`, serialized once.
 */
export function serveConnection(services: ConnectionServices, channel: ServerChannel, limits: FlowLimits = defaultFlowLimits): ClientConnection {
  const outbox = new Outbox(
    {
      sendFrames: (json) => channel.send(`{"type":"frames","frames":[${json}]}`),
      backlogBytes: () => channel.backlogBytes(),
    },
    limits,
  );
  const connection = new ClientConnection(services, outbox);
  const respond = (id: number, result: Result<unknown>): void => {
    const { text, unsendable } = sendableResponse(id, result);
    if (unsendable) services.log.error({ errorId: unsendable.id, stack: unsendable.stack }, unsendable.message);
    channel.send(text);
  };
  const refuse = (id: number, error: AppError): void => {
    services.log.warn({ errorId: error.id, code: error.code, details: error.details }, error.message);
    respond(id, fail(error));
  };

  const inbox = turnInbox<string | undefined>((text) => {
    if (text === undefined) return refuse(-1, appError(newErrorId(), 'INVALID_COMMAND', 'Malformed message refused: not text.'));
    const bytes = bytesOverLimit(text);
    if (bytes !== undefined) {
      return refuse(-1, appError(newErrorId(), 'PAYLOAD_TOO_LARGE', `Message of ${grouped(bytes)} bytes refused (limit ${grouped(MAX_MESSAGE_BYTES)}).`));
    }
    const message = decode(text);
    if (!message.ok) {
      // A call whose id can still be read gets its refusal under that id, so the caller is not left waiting.
      return refuse(message.id ?? -1, appError(newErrorId(), 'INVALID_COMMAND', 'Malformed message refused.', { details: { issues: message.issues } }));
    }
    const { data } = message;
    if (!('id' in data)) {
      if (!connection.ack(data.request.received)) {
        refuse(
          -1,
          appError(newErrorId(), 'INVALID_COMMAND', 'Acknowledgement refused: more frames than were sent, or fewer than before.', {
            details: { received: data.request.received },
          }),
        );
      }
      return;
    }
    void connection.handle(data.request).then(
      (result) => respond(data.id, result),
      (e: unknown) => {
        const error = appError(newErrorId(), 'INTERNAL', 'The request failed inside Sextant.', { stack: e instanceof Error ? (e.stack ?? '') : String(e) });
        services.log.error({ errorId: error.id, stack: error.stack }, error.message);
        respond(data.id, fail(error));
      },
    );
  });
  channel.onMessage(inbox.receive);
  channel.onClose(() => {
    inbox.close();
    connection.close();
  });
  return connection;
}

type Decoded = { ok: true; data: z.infer<typeof clientMessageSchema> } | { ok: false; issues: string[]; id?: number };

function decode(text: string): Decoded {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [`not JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const parsed = clientMessageSchema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = validationIssues(parsed.error);
  const id = (json as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? { ok: false, issues, id } : { ok: false, issues };
}

/**
 * One renderer connection's state. Every request is parsed with the API table's schemas here,
 * whatever the transport, and handed to its method's handler; subscriptions share the
 * connection's outbox (its flow control window) and die with the connection.
 */
export class ClientConnection {
  private readonly subscriptions = new Map<string, Subscription>();
  /** Exports started on this connection: what a scoped connection may ask about, and what goes with it. */
  private readonly exports: ConnectionExports;
  /** Profile requests still waiting, by their request id: what `cancelProfile` aborts. */
  private readonly profiles = new Map<string, AbortController>();
  /** Session logs this connection is uploading, by upload id (dropped with the connection). */
  private readonly uploads = new ImportUploads();
  /** Commands this connection sent that have not settled: what a read of the recorded session waits for. */
  private readonly commandsInFlight = new Set<Promise<unknown>>();
  private readonly dispatchInOrder = commandOrder((command: ClientCommand) => this.services.dispatch(command));
  private readonly handlers: ApiHandlers = {
    // In order, each a turn after the reads sent with it; a cancel at once unless a command waits ahead (commandOrder.ts).
    dispatch: ({ command }) => this.inFlight(this.dispatchInOrder(command)),
    subscribe: (request) => this.subscribe(request),
    unsubscribe: ({ subscriptionId }) => {
      this.subscriptions.get(subscriptionId)?.close();
      return ok({ subscriptionId });
    },
    fetchPage: ({ queryId, offset, limit, orderBy, filter }) =>
      this.services.fetchPage(queryId, offset, limit, { ...(orderBy ? { orderBy } : {}), ...(filter ? { filter } : {}) }),
    startExport: async ({ sessionId, queryId, format, orderBy, filter, target }) => {
      const started = await this.services.exports.start({ sessionId, queryId, format, view: { ...(orderBy ? { orderBy } : {}), ...(filter ? { filter } : {}) } }, target, this.services.chooseExportPath);
      return this.exports.started(started);
    },
    exportOutcome: ({ exportId }) => this.services.exports.outcome(exportId),
    cancelExport: ({ exportId }) => this.services.exports.cancel(exportId),
    profileColumns: (request) => this.profile(request),
    cancelProfile: ({ requestIds }) => {
      const found = requestIds.flatMap((id) => this.profiles.get(id) ?? []);
      for (const c of found) c.abort();
      return ok({ cancelled: found.length });
    },
    previewSql: (request) => this.services.previewSql(request),
    cancelPreview: ({ sessionId }) => this.services.cancelPreview(sessionId),
    timeline: ({ sessionId, after, queryId }) => this.afterCommandsSent(() => this.services.timeline(sessionId, after, queryId)),
    sessionAt: ({ sessionId, seq }) => this.afterCommandsSent(async () => serialized(await this.services.sessionAt(sessionId, seq))),
    chartData: (request) => this.services.charts.chart(request, this),
    cancelChart: ({ sessionId }) => this.services.charts.cancel(sessionId, this),
    pivotPage: (request) => this.services.pivotPage(request),
    exportSession: ({ sessionId, format, target }) =>
      this.afterCommandsSent(async () => this.exports.exported(await this.services.sessionExports.export(sessionId, format, target, this.services.chooseExportPath))),
    importChunk: ({ uploadId, index, text }) => this.uploads.add(uploadId, index, text),
    importSession: ({ source, asCopy }) => this.importSession(source, asCopy === true),
    locateDataset: ({ datasetId, file }) => this.locateDataset(datasetId, file),
    datasetsNotHere: () => this.services.datasetsNotHere(),
  };

  constructor(
    private readonly services: ConnectionServices,
    private readonly outbox: Outbox,
  ) {
    this.exports = new ConnectionExports(services.exports, services.sessionExports);
  }

  async handle(raw: unknown): Promise<Result<unknown>> {
    const parsed = clientRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const error = appError(newErrorId(), 'INVALID_COMMAND', 'Malformed request refused.', { details: { issues: validationIssues(parsed.error) } });
      this.services.log.warn({ errorId: error.id, details: error.details }, error.message);
      return fail(error);
    }
    const outside = outsideScope(this.services.scope ?? ALL_SCOPE, parsed.data, this.services.view(), (id) => this.exports.has(id));
    if (outside !== undefined) {
      const error = appError(newErrorId(), 'UNAUTHORIZED', `This window is opened on one session: it cannot reach ${outside}.`, { details: { method: parsed.data.method } });
      this.services.log.warn({ errorId: error.id, details: error.details }, error.message);
      return fail(error);
    }
    // TypeScript cannot pair a request of the union with its own method's handler; the schema did.
    const handler = this.handlers[parsed.data.method] as (request: ClientRequest) => Result<unknown> | Promise<Result<unknown>>;
    return handler(parsed.data);
  }

  private subscribe({ subscriptionId, pattern, afterSeq, storeId, afterEventId }: ApiRequest<'subscribe'>): Result<ApiResponse<'subscribe'>> {
    this.subscriptions.get(subscriptionId)?.close();
    if (this.subscriptions.size >= MAX_SUBSCRIPTIONS) {
      return fail(appError(newErrorId(), 'INVALID_COMMAND', `At most ${MAX_SUBSCRIPTIONS} subscriptions per connection.`));
    }
    const cursor = afterSeq === undefined ? undefined : { afterSeq, storeId, afterEventId };
    const sub = this.services.streams.subscribe(subscriptionId, pattern, cursor, this.outbox, () => {
      // Dropped as stale or closed: forget it, unless a newer subscription took its id.
      if (this.subscriptions.get(subscriptionId) === sub) this.subscriptions.delete(subscriptionId);
    });
    if (!sub.closed) this.subscriptions.set(subscriptionId, sub);
    return ok({ subscriptionId });
  }

  /** A profile request; one with the id of a request still waiting replaces it (the older one is dropped as stale). */
  private async profile(request: ApiRequest<'profileColumns'>): Promise<Result<ApiResponse<'profileColumns'>>> {
    const { requestId } = request;
    this.profiles.get(requestId)?.abort();
    if (this.profiles.size >= MAX_PROFILE_REQUESTS && !this.profiles.has(requestId)) {
      return fail(appError(newErrorId(), 'INVALID_COMMAND', `At most ${MAX_PROFILE_REQUESTS} profile requests may wait at once on a connection.`));
    }
    const controller = new AbortController();
    this.profiles.set(requestId, controller);
    try {
      const result = await this.services.profileColumns(request, controller.signal);
      return result.ok ? ok({ requestId, ...result.value }) : result;
    } finally {
      if (this.profiles.get(requestId) === controller) this.profiles.delete(requestId);
    }
  }

  /**
   * An uploaded log is taken whole (and forgotten here) before it is read; the desktop's dialog has
   * main read the file. A file refused because its session has another history here is kept as an
   * upload for "Import as a copy" (asked as `asCopy` with that upload: no second dialog).
   */
  private async importSession(source: ApiRequest<'importSession'>['source'], asCopy: boolean): Promise<Result<ApiResponse<'importSession'>>> {
    const imports = this.services.imports;
    const options = { asCopy, keepForCopy: (text: string) => this.uploads.keep(text) };
    if (source.kind === 'openDialog') {
      if (!this.services.chooseImportPath) return fail(appError(newErrorId(), 'INVALID_COMMAND', 'This window has no open dialog: upload the file instead.'));
      return imports.importFromFile(this.services.chooseImportPath, options);
    }
    const text = this.uploads.take(source.uploadId);
    if (!text.ok) return text;
    const imported = await imports.importText(text.value, options);
    return imported.ok ? ok({ outcome: imported.value }) : imported;
  }

  /** A path the person typed, or one the desktop's open dialog names (none when dismissed). */
  private async locateDataset(datasetId: string, file: ApiRequest<'locateDataset'>['file']): Promise<Result<ApiResponse<'locateDataset'>>> {
    const relocate = this.services.relocateDataset.bind(this.services);
    const choose = this.services.chooseDatasetPath;
    if (file.kind === 'openDialog' && !choose) return fail(appError(newErrorId(), 'INVALID_COMMAND', 'This window has no open dialog: type the file’s path instead.'));
    const path = file.kind === 'path' ? file.path : await choose?.(this.services.view().datasets[datasetId]?.name ?? 'the dataset');
    if (path === undefined) return ok({});
    const located = await relocate(datasetId, path);
    return located.ok ? ok({ located: located.value }) : located;
  }

  private inFlight<T>(command: Promise<T>): Promise<T> {
    this.commandsInFlight.add(command);
    void command.finally(() => this.commandsInFlight.delete(command)).catch(() => undefined);
    return command;
  }

  /**
   * A request that reads what the session recorded runs once the commands this connection sent
   * before it have settled: a chart changed and then the session exported at once (both in one read
   * of the socket, say) exports the changed chart, not the one before. A command waits a turn
   * before its append (above), so without this the read would overtake it.
   */
  private afterCommandsSent<T>(read: () => T | Promise<T>): T | Promise<T> {
    if (this.commandsInFlight.size === 0) return read();
    return Promise.allSettled([...this.commandsInFlight]).then(read);
  }

  /** The client has processed `received` frames in all (flow control); false if that cannot be. */
  ack(received: number): boolean {
    return this.outbox.ack(received);
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  close(): void {
    this.services.charts.forget(this);
    // its page or window is gone: nobody is left to see these end or fetch their files
    this.exports.close();
    for (const c of this.profiles.values()) c.abort();
    this.profiles.clear();
    this.uploads.clear();
    this.outbox.close();
    for (const s of [...this.subscriptions.values()]) s.close();
    this.subscriptions.clear();
  }
}
