import { useEffect, type RefObject } from 'react';
import type { SessionView } from '../../../shared/views/appView';
import type { useDraftSaver } from '../../state/useDraftSaver';
import type { SqlEditorHandle } from './SqlEditor';

/**
 * The shown session's editor follows its stored draft (another window's save appears within a
 * moment), but only while nothing the person typed is unsaved and no conflict is open: their
 * text is never replaced behind their back. Whenever it agrees with the store, later edits are
 * based on that version.
 */
export function useDraftFollow(active: SessionView | undefined, editor: RefObject<SqlEditorHandle | null>, drafts: ReturnType<typeof useDraftSaver>): void {
  useEffect(() => {
    if (!active || !editor.current || !drafts.mayFollow(active.id, active.version)) return;
    editor.current.replaceFromStore(active.draft);
    drafts.synced(active.id, active.version);
  }, [active?.id, active?.draft, active?.version, drafts.revision]);
}
