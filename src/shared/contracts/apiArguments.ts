// Type-only imports: the sandboxed preload bundles this (through the client) and must not pull zod in.
import type { ClientCommand } from './commands';
import type { ExportFormat } from '../explore/exportFormat';
import type { ProfileTarget } from '../explore/columnProfile';
import type { ChartSpec } from '../chart/chartSpec';
import type { PivotSpec } from '../pivot/pivotSpec';
import type { SessionExportFormat } from '../share/sessionExportFormat';
import type { ApiMethod, ApiRequest, ExportTarget, PageFilter, PageView, ResumePoint } from './protocol';
import type { ImportSource, LocateFile } from './sessionImport';

/**
 * How each method of the API table (protocol.ts) is called: its positional arguments, and the
 * request they become on the wire. It holds no schema, so the preload can carry it; the typecheck
 * holds it to the table (a method missing here, an extra one, or a request built wrong fails).
 */
export const apiArguments = {
  dispatch: (command: ClientCommand) => ({ command }),
  // The cursor's fields (protocol.ts, ResumePoint) sit beside the subscription's on the wire.
  subscribe: (subscriptionId: string, pattern: string, from?: ResumePoint) => ({ subscriptionId, pattern, ...from }),
  unsubscribe: (subscriptionId: string) => ({ subscriptionId }),
  fetchPage: (queryId: string, offset: number, limit: number, view?: PageView) => ({ queryId, offset, limit, ...view }),
  startExport: (sessionId: string, queryId: string, format: ExportFormat, target: ExportTarget, view?: PageView) => ({ sessionId, queryId, format, target, ...view }),
  exportOutcome: (exportId: string) => ({ exportId }),
  cancelExport: (exportId: string) => ({ exportId }),
  profileColumns: (requestId: string, target: ProfileTarget, columns: readonly number[]) => ({ requestId, target, columns: [...columns] }),
  cancelProfile: (requestIds: readonly string[]) => ({ requestIds: [...requestIds] }),
  previewSql: (sessionId: string, sql: string, cursor: number) => ({ sessionId, sql, cursor }),
  cancelPreview: (sessionId: string) => ({ sessionId }),
  timeline: (sessionId: string, after?: number, queryId?: string) => ({ sessionId, ...(after === undefined ? {} : { after }), ...(queryId === undefined ? {} : { queryId }) }),
  sessionAt: (sessionId: string, seq: number) => ({ sessionId, seq }),
  chartData: (sessionId: string, queryId: string, spec: ChartSpec, linked?: { readonly slot: number; readonly filter: readonly PageFilter[]; readonly past?: boolean }) => ({
    sessionId,
    queryId,
    spec,
    ...(linked ? { slot: linked.slot, ...(linked.filter.length > 0 ? { filter: [...linked.filter] } : {}), ...(linked.past ? { past: true as const } : {}) } : {}),
  }),
  cancelChart: (sessionId: string) => ({ sessionId }),
  pivotPage: (queryId: string, spec: PivotSpec, offset: number, limit: number, filter?: readonly PageFilter[]) => ({ queryId, spec, offset, limit, ...(filter?.length ? { filter: [...filter] } : {}) }),
  exportSession: (sessionId: string, format: SessionExportFormat, target: ExportTarget) => ({ sessionId, format, target }),
  importChunk: (uploadId: string, index: number, text: string) => ({ uploadId, index, text }),
  importSession: (source: ImportSource, options?: { readonly asCopy?: true }) => ({ source, ...(options?.asCopy ? { asCopy: true as const } : {}) }),
  locateDataset: (datasetId: string, file: LocateFile) => ({ datasetId, file }),
  datasetsNotHere: () => ({}),
} satisfies { readonly [M in ApiMethod]: (...args: never[]) => ApiRequest<M> };
