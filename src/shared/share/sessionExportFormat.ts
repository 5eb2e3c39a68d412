import { SESSION_LOG_EXTENSION } from '../contracts/sessionLog';

/** What a session can be exported as (docs/share.md, "Session export"). */
export const sessionExportFormats = ['sql', 'markdown', 'eventLog'] as const;
export type SessionExportFormat = (typeof sessionExportFormats)[number];

/** The names the "Format" combobox of "Export session" offers. */
export const sessionExportFormatLabel: Readonly<Record<SessionExportFormat, string>> = {
  sql: 'SQL script',
  markdown: 'Markdown notebook',
  eventLog: 'Event log (NDJSON)',
};

/** The file extension each gets; an event log's is the one the desktop shell opens as an import. */
export const sessionExportExtension: Readonly<Record<SessionExportFormat, string>> = {
  sql: '.sql',
  markdown: '.md',
  eventLog: SESSION_LOG_EXTENSION,
};
