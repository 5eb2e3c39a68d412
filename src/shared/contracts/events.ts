import { z } from 'zod';
import { exportFormats } from '../explore/exportFormat';
import { columnSchema } from './column';
import { appErrorSchema } from './errors';
import { pageFilterSchema, pageOrderSchema } from './pageView';
import { sessionForkedSchema } from './sessionForked';
import { chartSpecSchema } from '../chart/chartSpec';
import { pivotSpecSchema } from '../pivot/pivotSpec';
import { datasetFingerprintSchema, queryInputSchema } from './fingerprint';

export { columnSchema, type Column } from './column';

export const datasetFormats = ['csv', 'tsv', 'parquet', 'json', 'ndjson', 'arrow', 'duckdb'] as const;
export const datasetFormatSchema = z.enum(datasetFormats);
export type DatasetFormat = z.infer<typeof datasetFormatSchema>;

/**
 * A table of a dataset that holds several (a DuckDB database file): queryable as `<dataset>.<table>`,
 * or `<dataset>.<schema>.<table>` for one outside the file's main schema (`schema` absent for main).
 */
export const datasetTableSchema = z.object({
  name: z.string(),
  schema: z.string().optional(),
  columns: z.array(columnSchema),
  /** A view of the file rather than a table; absent for a table (and in logs older than views). */
  kind: z.enum(['table', 'view']).optional(),
  /** Why DuckDB cannot read this view (a table it names is gone, or in another database), in its words; its columns are then empty. */
  unreadable: z.string().optional(),
});
export type DatasetTable = z.infer<typeof datasetTableSchema>;

/**
 * How a CSV or TSV is read where DuckDB's defaults do not read it (catalog/csvReading.worker.ts):
 * in another encoding than UTF-8, or with its short rows padded with NULLs (a ragged file, which
 * DuckDB's sniffer otherwise reads as one text column). Absent: read as DuckDB reads it by default.
 * `windows-1252` (added later: older logs hold only the first two, which still parse) is read from
 * a UTF-8 copy made when it was located (catalog/windows1252Copy.ts).
 */
export const csvReadingSchema = z.object({ encoding: z.enum(['latin-1', 'utf-16', 'windows-1252']).optional(), ragged: z.literal(true).optional() });
export type CsvReading = z.infer<typeof csvReadingSchema>;

/**
 * How a dataset is read once a change of its file changed that (a Windows-1252 CSV rewritten as
 * UTF-8 is read from its source again, its copy deleted: catalog/windows1252Copy.ts): replaces its
 * `location` and `reading`, an absent one meaning none (its source itself, DuckDB's defaults).
 */
export const datasetReadAsSchema = z.object({ location: z.string().optional(), reading: csvReadingSchema.optional() });
export type DatasetReadAs = z.infer<typeof datasetReadAsSchema>;

export const datasetRegisteredSchema = z.object({
  /** The name it is queryable under (the naming rule in docs/contracts.md). */
  name: z.string(),
  /** What the person gave: a path, a folder, a glob or an http(s) URL. */
  source: z.string(),
  format: datasetFormatSchema,
  /** Its columns; empty for a DuckDB database file, whose columns are per table. */
  columns: z.array(columnSchema),
  /**
   * What DuckDB reads when that is not `source` itself: the glob over a folder, the local copy of a
   * URL, or the Parquet file an Arrow IPC file was converted to.
   */
  location: z.string().optional(),
  /** The tables of a DuckDB database file, attached read-only under the dataset's name. */
  tables: z.array(datasetTableSchema).optional(),
  /** How a CSV or TSV that DuckDB's defaults do not read was read instead. */
  reading: csvReadingSchema.optional(),
  /** A URL's download: size and SHA-256 of the bytes received, so a later copy can be checked. */
  download: z.object({ bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
  /** Its bytes when registered (size, modification time, content hash, Parquet footer, DuckDB version); absent in older logs. */
  fingerprint: datasetFingerprintSchema.optional(),
});
export type DatasetRegistered = z.infer<typeof datasetRegisteredSchema>;

const event = <T extends string, P extends z.ZodType>(type: T, payload: P) =>
  z.object({ type: z.literal(type), payload });

/**
 * Undo and redo, in any aggregate: `seq` is the aggregateSeq of the undoable event they take back or
 * apply again (docs/undo.md). The log stays append-only; the views interpret these.
 */
const undoEvents = () =>
  [
    event('ActionUndone', z.object({ seq: z.number().int().positive() })),
    event('ActionRedone', z.object({ seq: z.number().int().positive() })),
  ] as const;

// QuerySession aggregate (topic session/<id>)
export const sessionEventSchema = z.discriminatedUnion('type', [
  event('SessionOpened', z.object({ title: z.string() })),
  /** A new session that starts as another was at one point (its content carried here), then goes its own way. */
  event('SessionForked', sessionForkedSchema),
  event('SessionRenamed', z.object({ title: z.string() })),
  event('SessionClosed', z.object({})),
  /** A closed session came back, with its title, draft and history. */
  event('SessionReopened', z.object({})),
  /** The person switched to this session's tab: the tab to show after a restart. */
  event('SessionActivated', z.object({})),
  /** The editor's text, saved debounced (never per keystroke) so a draft survives a restart. */
  event('DraftSaved', z.object({ sql: z.string() })),
  event('DatasetAttached', z.object({ datasetId: z.string() })),
  /** `rerunOf`: the earlier query of this session it runs again ("Re-run" after an input changed). */
  event('QueryStarted', z.object({ queryId: z.string(), sql: z.string(), rerunOf: z.string().optional() })),
  event('ExecutionBegan', z.object({ queryId: z.string() })),
  event(
    'QueryCompleted',
    z.object({
      queryId: z.string(),
      rowCount: z.number().int().nonnegative(),
      columns: z.array(columnSchema),
      durationMs: z.number().nonnegative(),
      /** The catalog datasets it read (from DuckDB's parser), with their fingerprints then; absent in older logs. */
      inputs: z.array(queryInputSchema).optional(),
    }),
  ),
  /**
   * `durationMs`: how long the query ran, as main measured it when it ended (its end may be stored
   * later: a full disk). Absent in older logs, and for an end found at the next start (unknown).
   * `inputs`: the catalog datasets its SQL names, as for a completion; absent in older logs, for an
   * end found at the next start, and when its SQL could not be parsed.
   */
  event('QueryFailed', z.object({ queryId: z.string(), error: appErrorSchema, durationMs: z.number().nonnegative().optional(), inputs: z.array(queryInputSchema).optional() })),
  event('QueryCancelled', z.object({ queryId: z.string(), reason: z.string(), durationMs: z.number().nonnegative().optional() })),
  /** A result was written to a file (its path) or sent whole to a browser as a download; only delivered exports are recorded. */
  event(
    'ResultExported',
    z.object({
      queryId: z.string(),
      format: z.enum(exportFormats),
      target: z.string(),
      rows: z.number().int().nonnegative(),
      bytes: z.number().int().nonnegative(),
    }),
  ),
  /** A completed result is now shown sorted and filtered so (empty lists: as it came). */
  event('ResultViewSet', z.object({ queryId: z.string(), orderBy: pageOrderSchema, filter: pageFilterSchema })),
  ...undoEvents(),
  /** A completed result is now shown with this chart beside it (docs/charts.md); null: its chart was closed. */
  event('ChartSet', z.object({ queryId: z.string(), spec: chartSpecSchema.nullable() })),
  /** A completed result's pivot is now set so (null: closed). */
  event('PivotSet', z.object({ queryId: z.string(), spec: pivotSpecSchema.nullable() })),
]);
export type SessionEvent = z.infer<typeof sessionEventSchema>;

// Dataset aggregate (topic catalog)
export const datasetEventSchema = z.discriminatedUnion('type', [
  /** A person asked for this source; the catalog service inspects it and registers or fails it. */
  event('DatasetRequested', z.object({ source: z.string() })),
  event('DatasetRegistered', datasetRegisteredSchema),
  event('DatasetFailed', z.object({ source: z.string(), error: appErrorSchema })),
  event('DatasetRemoved', z.object({})),
  /**
   * Its file(s) changed on disk since it was fingerprinted: the new fingerprint. `columns`: as DuckDB
   * describes them now, when it could (absent in older logs, and for a file it cannot read). `asAdded`:
   * the content is again what it was when added (the decider compares): no longer "changed". `readAs`:
   * how it is read from now on, when that changed with its file (absent in older logs, and when not).
   */
  event('DatasetChanged', z.object({ fingerprint: datasetFingerprintSchema, columns: z.array(columnSchema).optional(), asAdded: z.literal(true).optional(), readAs: datasetReadAsSchema.optional() })),
  ...undoEvents(),
]);
export type DatasetEvent = z.infer<typeof datasetEventSchema>;

export const domainEventSchema = z.union([sessionEventSchema, datasetEventSchema]);
export type DomainEvent = SessionEvent | DatasetEvent;
export type EventType = DomainEvent['type'];

export const aggregateTypes = ['QuerySession', 'Dataset'] as const;
export type AggregateType = (typeof aggregateTypes)[number];

export const eventMetadataSchema = z.object({
  commandId: z.string(),
  correlationId: z.string(),
  causationId: z.string().optional(),
  issuedBy: z.enum(['user', 'system']),
});
export type EventMetadata = z.infer<typeof eventMetadataSchema>;

/** What the store hands back: a domain event plus where it sits in the log. */
export type EventEnvelope = DomainEvent & {
  readonly globalSeq: number;
  readonly eventId: string;
  readonly aggregateType: AggregateType;
  readonly aggregateId: string;
  readonly aggregateSeq: number;
  readonly schemaVersion: number;
  readonly topic: string;
  readonly metadata: EventMetadata;
  readonly occurredAt: string;
};

/** Where an event sits in the log: the envelope's own fields, beside the domain event's type and payload. */
export const envelopeFieldsSchema = z.object({
  globalSeq: z.number().int().positive(),
  eventId: z.string(),
  aggregateType: z.enum(aggregateTypes),
  aggregateId: z.string(),
  aggregateSeq: z.number().int().positive(),
  schemaVersion: z.number().int().positive(),
  topic: z.string(),
  metadata: eventMetadataSchema,
  /** As the store stamps it (`Date#toISOString`): a file's "garbage" time is refused, not cast later by the history tables. */
  occurredAt: z.iso.datetime(),
});

export const eventEnvelopeSchema = z.intersection(domainEventSchema, envelopeFieldsSchema);
