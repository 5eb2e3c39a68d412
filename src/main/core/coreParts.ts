import type { CatalogService } from '../catalog/catalogService';
import type { InputWatcher } from '../catalog/inputWatcher';
import type { ChartService } from '../chart/chartService';
import type { CommandHandler } from '../commands/commandHandler';
import type { ExportDownloads } from '../explore/exportDownloads';
import type { ExportService } from '../explore/exportService';
import type { ProfileService } from '../explore/profileService';
import type { HistoryFeed } from '../history/historyFeed';
import type { PreviewService } from '../instant/previewService';
import type { QueryRunner } from '../query/queryRunner';
import type { QueryWorker } from '../query/queryWorker';
import type { SessionExportService } from '../share/sessionExportService';
import type { SessionImporter } from '../share/sessionImport';
import type { EventStore } from '../store/eventStore';
import type { Bus } from '../streams/bus';
import type { Projections } from '../streams/projections';
import type { StreamManager } from '../streams/streamManager';
import type { ViewSnapshotWriter } from '../streams/viewSnapshotWriter';
import type { TimeTravel } from '../time/timeTravel';

/** The collaborators AppCore composes. Only the core itself and test/support/testCore.ts see them. */
export interface CoreParts {
  readonly store: EventStore;
  readonly bus: Bus;
  readonly projections: Projections;
  readonly handler: CommandHandler;
  readonly streams: StreamManager;
  readonly queryWorker: QueryWorker;
  readonly runner: QueryRunner;
  readonly catalog: CatalogService;
  readonly exports: ExportService;
  readonly downloads: ExportDownloads;
  readonly profiles: ProfileService;
  readonly previews: PreviewService;
  readonly time: TimeTravel;
  readonly snapshots: ViewSnapshotWriter;
  readonly charts: ChartService;
  readonly sessionExports: SessionExportService;
  readonly imports: SessionImporter;
  readonly inputs: InputWatcher;
  readonly history: HistoryFeed;
}
