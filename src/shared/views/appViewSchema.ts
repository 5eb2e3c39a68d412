/**
 * The shape version of `AppView` (appView.ts) as persisted in view snapshots (docs/store.md,
 * "Snapshots"). The rule: bump it in the same change that alters what the fold produces: a field
 * added, removed, renamed or given another meaning in AppView, SessionView, HistoryEntry,
 * DatasetView or anything they hold, or a fold that now reads the same events differently. A start
 * then ignores every snapshot written under the old number and rebuilds from the log, so a stale
 * snapshot can cost one slow start, never a wrong view.
 */
export const APP_VIEW_SCHEMA_VERSION = 5;
