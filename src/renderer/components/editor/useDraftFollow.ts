import { useEffect, useRef, useState, type RefObject } from 'react';
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
  const mounts = useEditorMounts(editor);
  useEffect(() => {
    if (!active || !editor.current || !drafts.mayFollow(active.id, active.version)) return;
    editor.current.replaceFromStore(active.draft);
    drafts.synced(active.id, active.version);
  }, [active?.id, active?.draft, active?.version, drafts.revision, mounts]);
}

/**
 * Counts the times the editor came into the page. It makes way while the past is shown, and a
 * draft another window saved meanwhile changed nothing when it came back: without this the follow
 * above never ran again, the saves stayed based on the old version and every one was refused.
 */
function useEditorMounts(editor: RefObject<SqlEditorHandle | null>): number {
  const [mounts, setMounts] = useState(0);
  const wasMounted = useRef(false);
  // After every commit (a ref is set by then): only a mount changes state, so it costs one render.
  useEffect(() => {
    const mounted = editor.current !== null;
    if (mounted && !wasMounted.current) setMounts((n) => n + 1);
    wasMounted.current = mounted;
  });
  return mounts;
}
