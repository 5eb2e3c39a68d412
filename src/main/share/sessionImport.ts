import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { AppErrorException, appError, fail, ok, toAppError, type Result } from '../../shared/contracts/errors';
import { COPY_UPLOAD_DETAIL, MAX_IMPORT_CHARS, type ImportOutcome, type RelocatedDataset } from '../../shared/contracts/sessionImport';
import type { SessionView } from '../../shared/views/appView';
import { newErrorId } from '../platform/ids';
import { logAppError, type Logger } from '../platform/logger';
import type { EventStore } from '../store/eventStore';
import { upcasters as shippedUpcasters, type UpcasterRegistry } from '../store/upcasters';
import type { Bus } from '../streams/bus';
import type { Projections } from '../streams/projections';
import { planDatasets } from './datasetMatch';
import { conflictInWords } from './importConflict';
import { readSessionLog } from './sessionLogReader';
import { grouped } from '../../shared/text/counts';
import { copyOfLog, offersCopy, titleInFile } from './sessionImportCopy';

/** The desktop's open dialog for a session log; undefined when the person dismissed it. */
export type ChooseImportPath = () => Promise<string | undefined>;

export interface ImportOptions {
  /** "Import as a copy": the file's session comes in as a new one (share/sessionImportCopy.ts). */
  readonly asCopy?: boolean;
  /**
   * Keeps a refused file's text for "Import as a copy" (the connection's uploads), answering the
   * upload id the refusal names; called only when the file's session is what conflicts.
   */
  keepForCopy?(text: string): string;
}

export interface SessionImportDeps {
  readonly store: EventStore;
  readonly projections: Projections;
  readonly bus: Bus;
  readonly log: Logger;
  /** The query runner learns the imported session's results (none kept here: each re-runs on demand). */
  adoptSession(session: SessionView): void;
  /** Points an imported dataset at a file here with the content it was read from (the catalog checks the fingerprint). */
  locate(datasetId: string, path: string): Promise<Result<unknown>>;
  /** The workspace's tables, views and databases (lower-cased): names an imported dataset cannot take. */
  namesInUse(): Promise<ReadonlySet<string>>;
  readonly upcasters?: UpcasterRegistry;
}

/**
 * Imports a session log (docs/share.md, "Session import"): every line is read and checked first,
 * then the events not already here are appended in one transaction under new global seqs, keeping
 * their ids, aggregate seqs, times and metadata, folded into main's view and published as imported
 * (history to show, not queries to run). The same file twice appends nothing the second time.
 */
export class SessionImporter {
  private readonly upcasters: UpcasterRegistry;
  /** One import at a time: two at once would both find a session absent and race to append it. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SessionImportDeps) {
    this.upcasters = deps.upcasters ?? shippedUpcasters;
  }

  importText(text: string, options: ImportOptions = {}): Promise<Result<ImportOutcome>> {
    const run = this.chain.then(() => this.importNow(text, options));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** A file main reads itself: the one the desktop's open dialog chose (none when dismissed), or one given on the command line. */
  async importFromFile(choose: ChooseImportPath, options: ImportOptions = {}): Promise<Result<{ outcome?: ImportOutcome }>> {
    const path = await choose();
    if (path === undefined) return ok({});
    try {
      // O_NONBLOCK: opening a FIFO would otherwise wait for a writer forever. The handle, not the
      // path, is checked, so what is read is what was checked: a regular file (a FIFO or a device
      // such as /dev/zero, which stat calls empty, would be read without end).
      const file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
      let text: string;
      try {
        const s = await file.stat();
        if (!s.isFile()) {
          return fail(appError(newErrorId(), 'IMPORT_FOREIGN', `${path} is not a file (a folder, pipe or device), so it cannot be a Sextant session log. Nothing was imported.`));
        }
        if (s.size > MAX_IMPORT_CHARS) {
          return fail(appError(newErrorId(), 'PAYLOAD_TOO_LARGE', `The file is larger than a session log can be (${grouped(MAX_IMPORT_CHARS)} bytes). Nothing was imported.`));
        }
        text = await file.readFile('utf8');
      } finally {
        await file.close();
      }
      const imported = await this.importText(text, options);
      return imported.ok ? ok({ outcome: imported.value }) : imported;
    } catch (e) {
      return fail(appError(newErrorId(), 'IMPORT_MALFORMED', 'The file could not be read. Nothing was imported.', { cause: { message: e instanceof Error ? e.message : String(e) } }));
    }
  }

  private async importNow(text: string, options: ImportOptions): Promise<Result<ImportOutcome>> {
    const { store, projections, bus, log } = this.deps;
    const readAsIs = await readSessionLog(text, this.upcasters, newErrorId);
    // As a copy: the same file, its session re-keyed as a new one and checked again like any file's.
    const read = readAsIs.ok && options.asCopy ? copyOfLog(readAsIs.value, projections.current.view, newErrorId) : readAsIs;
    if (!read.ok) {
      logAppError(log, 'warn', read.error);
      return read;
    }
    const { header, events, leftRunning } = read.value;
    const copyOf = readAsIs.ok && options.asCopy ? { sessionId: readAsIs.value.header.sessionId, title: titleInFile(readAsIs.value) } : undefined;
    const inUse = await this.deps.namesInUse();
    const plan = planDatasets(events, projections.current.view, (id) => store.aggregateVersion('Dataset', id) > 0, inUse);
    const kept = plan.dropped.size === 0 ? events : events.filter((e) => !plan.dropped.has(e.aggregateId));
    let appended;
    try {
      appended = store.importEvents(kept);
    } catch (e) {
      const titleHere = projections.current.view.sessions[header.sessionId]?.title;
      const inWords = conflictInWords(toAppError(e, newErrorId(), 'STORE_WRITE_FAILED'), {
        sessionId: header.sessionId,
        fileTitle: header.title,
        ...(titleHere === undefined ? {} : { titleHere }),
        datasetName: (id) => {
          for (const f of events) if (f.aggregateId === id && f.type === 'DatasetRegistered') return f.payload.name;
          return undefined;
        },
      });
      // The file's session has another history here: the refusal offers to bring it in as a copy.
      const copyUploadId = !options.asCopy && options.keepForCopy && offersCopy(inWords, header.sessionId) ? options.keepForCopy(text) : undefined;
      const error = copyUploadId === undefined ? inWords : { ...inWords, details: { ...inWords.details, [COPY_UPLOAD_DETAIL]: copyUploadId } };
      // The file's fault (another history, an event over the store's limit), not the store's: a warning.
      const refused = e instanceof AppErrorException && (error.code === 'IMPORT_CONFLICT' || error.code === 'PAYLOAD_TOO_LARGE');
      logAppError(log, refused ? 'warn' : 'error', error);
      return fail(error);
    }
    const { stored, earlierImports } = appended;
    if (stored.length > 0) {
      projections.apply(stored);
      bus.publishImported(stored);
    }
    const sessionAppended = stored.some((e) => e.aggregateType === 'QuerySession');
    // A session closed when it was exported stays closed: reopening it here would be an event of
    // this log's own, which a later export of the session could not continue (and an undo nobody did).
    const session = projections.current.view.sessions[header.sessionId];
    if (session && sessionAppended) this.deps.adoptSession(session);
    // Datasets whose file is elsewhere here under another name: located at it, or listed when that fails.
    const missing = [...plan.missing];
    const relocated: RelocatedDataset[] = [];
    for (const { path, dataset } of plan.relocated) {
      const located = await this.deps.locate(dataset.datasetId, path);
      if (located.ok) relocated.push({ datasetId: dataset.datasetId, name: dataset.name, source: dataset.source, path });
      else missing.push(dataset);
    }
    log.info({ sessionId: header.sessionId, ...(copyOf ? { copyOf: copyOf.sessionId } : {}), appended: stored.length, skipped: appended.skipped, missing: missing.length }, 'session imported');
    return ok({
      sessionId: header.sessionId,
      title: session?.title ?? header.title,
      fileEvents: events.length + leftRunning,
      appended: stored.length,
      hereAlready: appended.skipped,
      alreadyImported: !sessionAppended,
      // nothing appended: what the store recorded of how the session first came here
      ...(sessionAppended ? {} : { importedBefore: earlierImports.some((a) => a.aggregateType === 'QuerySession' && a.aggregateId === header.sessionId) }),
      matchedDatasets: plan.matched - (missing.length - plan.missing.length),
      reusedDatasets: plan.reused,
      missingDatasets: missing,
      relocatedDatasets: relocated,
      ...(leftRunning > 0 ? { leftRunning } : {}),
      ...(session?.closed ? { closed: true } : {}),
      ...(copyOf ? { copyOf } : {}),
    });
  }
}
