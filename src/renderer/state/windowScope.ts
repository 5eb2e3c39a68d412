import { ALL_SESSIONS_PATTERN, CATALOG_TOPIC, isValidTopic, sessionTopic } from '../../shared/contracts/topics';

export interface WindowScope {
  /** The one session this window shows, when it was opened on one (`?session=<id>`). */
  readonly sessionId?: string;
  /** What the window subscribes to: `session/<id>` or every session, and the catalog. */
  readonly patterns: readonly string[];
}

/**
 * A window (Electron) or page (web host) opened with `?session=<id>` follows only that session,
 * so it never receives another session's events; otherwise it follows every session.
 */
export function windowScope(search: string): WindowScope {
  const sessionId = new URLSearchParams(search).get('session') ?? undefined;
  if (sessionId !== undefined && sessionId !== '' && isValidTopic(sessionTopic(sessionId)) && !sessionId.includes('/')) {
    return { sessionId, patterns: [sessionTopic(sessionId), CATALOG_TOPIC] };
  }
  return { patterns: [ALL_SESSIONS_PATTERN, CATALOG_TOPIC] };
}
