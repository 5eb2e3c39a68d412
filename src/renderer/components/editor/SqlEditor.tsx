import { autocompletion, closeBrackets, closeBracketsKeymap, closeCompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { lintKeymap, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { Annotation, Compartment, EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AppError } from '../../../shared/contracts/errors';
import type { DatasetView, HistoryEntry } from '../../../shared/views/appView';
import { catalogCompletion, catalogOf, setCatalog } from './catalogCompletion';
import { exampleQuery } from '../catalog/sqlName';
import { tabAcceptsCompletion } from './completionKeys';
import { unfocusableCompletionList } from './unfocusableCompletionList';
import { editorTheme } from './editorTheme';
import { useTypeAhead } from './useTypeAhead';
import { errorRange, placeInDoc } from './errorPosition';
import { endRanFlash, markRan, ranMark, ranRanges } from './ranMark';
import { holdsStatement } from '../../../shared/sql/statementSpans';
import { NOTHING_TO_RUN, nothingToRun, runRanges, runText, type RunScope } from './runRanges';
import { RUN_REFUSED } from './runRefused';
import { previewErrorMark, setPreviewError, type PreviewErrorMark } from '../instant/previewErrorMark';
import { Play, WandSparkles } from 'lucide-react';
import { runDisabledText } from '../status/duckdbDown';
import { useHandOffFocus } from '../common/focusLost';

export interface SqlEditorHandle {
  /** Replaces the text as one undoable change (Ctrl/Cmd+Z brings the old text back). */
  setText(sql: string): void;
  focus(): void;
  /** Runs what the keys run (Ctrl/Cmd+Enter, Ctrl/Cmd+Shift+Enter), for the same keys pressed outside the editor. */
  run(scope: RunScope): void;
  /** The whole text. */
  text(): string;
  /** Shows the stored draft another window saved; not reported as the person's change (undoable). */
  replaceFromStore(sql: string): void;
  /** The whole text and the cursor's offset in it: what an instant preview asks about. */
  textAndCursor(): { sql: string; cursor: number } | undefined;
}

export type { RunScope } from './runRanges';

/** The Run button's tooltip: it names both keys. */
export const RUN_TITLE = 'Run (Ctrl/Cmd+Enter); the statement at the caret: Ctrl/Cmd+Shift+Enter';

/** A run refused because DuckDB is down: shown as Run's own reason, so the sentence has one source. */
const DOWN = Symbol('duckdbDown');

/** Marks a change that came from the store, not from the person: it is not saved back. */
const fromStore = Annotation.define<boolean>();

/** The failed query whose error position to mark, if its text is still in the editor. */
export interface EditorError {
  readonly queryId: string;
  readonly sql: string;
  readonly error: AppError;
}

/** The error to mark for a session's current query: only a failed one's. */
export const editorErrorOf = (query: HistoryEntry | undefined): EditorError | undefined =>
  query?.phase === 'Failed' && query.error ? { queryId: query.queryId, sql: query.sql, error: query.error } : undefined;

interface Props {
  sessionId: string;
  /** The session's saved draft: the text an editor for this session starts with. */
  draft: string;
  datasets: readonly DatasetView[];
  running: boolean;
  /** DuckDB's start failed (the top bar says so): Run is disabled, titled with why. */
  duckdbDown?: AppError | undefined;
  /** A tab this window asked for is on its way: typing and Run wait for it (useTabOpening). */
  inert?: boolean;
  error: EditorError | undefined;
  /** Starts `sql`; undefined when nothing was started (the past is read-only, a tab is opening). */
  onRun(sql: string): Promise<unknown> | undefined;
  onChange(sessionId: string, text: string): void;
  /** The text or the cursor moved (the instant preview follows it). */
  onCursor?(at: { sql: string; cursor: number }): void;
  /** Extra controls at the toolbar's end (the instant preview's switch). */
  toolbarEnd?: ReactNode;
  /** The instant preview's error to underline, an offset of the editor's current text. */
  previewError?: PreviewErrorMark | undefined;
}

/**
 * CodeMirror 6 on DuckDB SQL. One EditorView for the workspace; each session keeps its own
 * EditorState (text, selection, undo history) while the app runs, and starts from its saved draft
 * after a restart.
 */
export const SqlEditor = forwardRef<SqlEditorHandle, Props>(function SqlEditor(
  { sessionId, draft, datasets, running, duckdbDown, inert = false, error, onRun, onChange, onCursor, toolbarEnd, previewError },
  ref,
) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const states = useRef(new Map<string, EditorState>());
  const shownSession = useRef(sessionId);
  const example = useRef(new Compartment());
  const latest = useRef({ sessionId, running, duckdbDown, onRun, onChange, onCursor });
  latest.current = { sessionId, running, duckdbDown, onRun, onChange, onCursor };
  const [hasSelection, setHasSelection] = useState(false);
  const [formatError, setFormatError] = useState<string | undefined>();
  // why Run is disabled when what it would run holds no statement (runRanges.ts)
  const [idle, setIdle] = useState<string | undefined>(() => (holdsStatement(draft) ? undefined : NOTHING_TO_RUN));
  // Ctrl/Cmd+Enter while this session's query runs, or with nothing to run: said, never dropped silently (Run is disabled, a key is not).
  // DOWN stands for Run's own reason while DuckDB is down (runDisabledText), read as it is shown: it goes when DuckDB is back.
  const [runRefused, setRunRefused] = useState<string | typeof DOWN | undefined>();
  useEffect(() => {
    if (!running) setRunRefused((refused) => (refused === RUN_REFUSED ? undefined : refused));
  }, [running]);

  const run = (scope: RunScope): boolean => {
    const v = view.current;
    if (!v) return false;
    const ranges = runRanges(v.state, scope);
    closeCompletion(v);
    const nothing = nothingToRun(v.state, scope, ranges);
    // DuckDB down, main would refuse the run: the key and a press on the aria-disabled button send nothing and say why
    if (latest.current.duckdbDown) setRunRefused(DOWN);
    else if (latest.current.running) setRunRefused(RUN_REFUSED);
    else if (nothing) setRunRefused(nothing);
    else if (latest.current.onRun(runText(v.state, ranges)) !== undefined) markRan(v, ranges);
    return true;
  };
  const format = (): boolean => {
    const v = view.current;
    if (!v) return false;
    const state = v.state;
    const ranges = state.selection.ranges.filter((r) => !r.empty);
    const targets = ranges.length > 0 ? ranges : [{ from: 0, to: state.doc.length }];
    // as Run does: a list left open lay over the text and took the next click, a failed format changing nothing
    closeCompletion(v);
    // The formatter is large and rarely needed: it loads on first use.
    void import('./formatSql').then(({ formatSql }) => {
      if (view.current !== v || v.state.doc !== state.doc) return; // the text changed meanwhile: format nothing stale
      try {
        v.dispatch({ changes: targets.map((r) => ({ from: r.from, to: r.to, insert: formatSql(state.sliceDoc(r.from, r.to)) })), userEvent: 'format' });
        setFormatError(undefined);
      } catch (e) {
        setFormatError(e instanceof Error ? e.message.split('\n')[0] : String(e));
      }
    });
    return true;
  };

  // a notice over the text goes once the person types on: they have read it, and it hides what they type
  const edited = () => {
    setRunRefused(undefined);
    setFormatError(undefined);
  };

  // A stored draft is shown with the caret at its end, where writing goes on (a reopened tab's typed-ahead text went before it).
  const createState = (doc: string): EditorState =>
    EditorState.create({ doc, selection: { anchor: doc.length }, extensions: [catalogCompletion(datasets), extensions(example.current, latest, { run, format, setHasSelection, setIdle, edited })] });
  // One example (the placeholder) per catalog: reconfiguring a state cost a tab switch about a millisecond, for nothing new.
  const examplePlaceholder = useMemo(() => placeholder(exampleQuery(datasets)), [datasets]);
  // the completions take a new catalog as state, which leaves an open list open (catalogCompletion.ts)
  const withCatalog = (v: EditorView) => {
    const effects = [
      ...(catalogOf(v.state) !== datasets ? [setCatalog.of(datasets)] : []),
      ...(example.current.get(v.state) !== examplePlaceholder ? [example.current.reconfigure(examplePlaceholder)] : []),
    ];
    if (effects.length > 0) v.dispatch({ effects });
  };

  useEffect(() => {
    const v = new EditorView({ state: createState(draft), parent: host.current! });
    view.current = v;
    return () => {
      v.destroy();
      view.current = undefined;
    };
    // The view is made once; props reach it through refs and the effects below.
  }, []);

  // Switching tabs swaps the whole editor state, so each session keeps its own text and undo history.
  useEffect(() => {
    const v = view.current;
    if (!v || shownSession.current === sessionId) return;
    endRanFlash(v);
    states.current.set(shownSession.current, v.state);
    shownSession.current = sessionId;
    v.setState(states.current.get(sessionId) ?? createState(draft));
    withCatalog(v); // a kept state has the catalog it was last shown with: new only if the catalog changed
    setHasSelection(v.state.selection.ranges.some((r) => !r.empty));
    setIdle(nothingToRun(v.state, 'selection'));
    setFormatError(undefined);
    setRunRefused(undefined);
  }, [sessionId]);

  useTypeAhead(inert, sessionId, view);

  useEffect(() => {
    if (view.current) withCatalog(view.current);
  }, [datasets, examplePlaceholder]);

  // Marks where DuckDB says the failed query went wrong, if that query's text is still in the editor.
  // A failure that just arrived is scrolled to (statement 180 of 200 is far below); one shown again
  // by a tab switch or a reload is not: the person's place in the text is theirs.
  const markedError = useRef({ sessionId, queryId: error?.queryId });
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const arrived = markedError.current.sessionId === sessionId && error !== undefined && markedError.current.queryId !== error.queryId;
    markedError.current = { sessionId, queryId: error?.queryId };
    const doc = v.state.doc.toString();
    const inRun = error && errorRange(error.error, error.sql);
    // where the failed text ran from, when it ran from here: not just where the same text first occurs
    const range = inRun && placeInDoc(doc, ranRanges(v.state), error.sql, inRun);
    const diagnostics = range ? [{ ...range, severity: 'error' as const, message: error!.error.message, source: 'DuckDB' }] : [];
    v.dispatch(setDiagnostics(v.state, diagnostics));
    if (range && arrived) v.dispatch({ effects: EditorView.scrollIntoView(range.from, { y: 'nearest', yMargin: 48 }) });
  }, [error?.queryId, sessionId]);

  useEffect(() => {
    view.current?.dispatch({ effects: setPreviewError.of(previewError) });
  }, [previewError?.position, previewError?.message, sessionId]);

  useImperativeHandle(ref, () => ({
    setText: (text) => {
      const v = view.current;
      if (!v) return;
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text }, selection: { anchor: text.length }, userEvent: 'input.replace' });
    },
    focus: () => view.current?.focus(),
    run: (scope) => void run(scope),
    text: () => view.current?.state.doc.toString() ?? '',
    replaceFromStore: (text) => {
      const v = view.current;
      if (!v || v.state.doc.toString() === text) return;
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text }, annotations: fromStore.of(true) });
    },
    textAndCursor: () => (view.current ? { sql: view.current.state.doc.toString(), cursor: view.current.state.selection.main.head } : undefined),
  }));

  // Run disables itself while its query runs (and with nothing to run): focus on it goes back to the text, not to the page
  const runFocus = useHandOffFocus(running || inert || idle !== undefined, () => view.current?.focus());
  // DuckDB down, Run is aria-disabled, not disabled: it stays in the Tab order, so a keyboard or
  // screen reader reaches it and its description says why (a disabled button is skipped)
  const down = duckdbDown && runDisabledText(duckdbDown);
  const refused = runRefused === DOWN ? down : runRefused;

  return (
    <div className="editor">
      <div className="editor-host" ref={host} inert={inert} />
      {/* over the text's foot, never in the toolbar's row: a notice there wrapped the toolbar and moved the grid */}
      <div className="editor-notices">
        {refused && (
          <span className="run-refused" role="alert">
            {refused}
          </span>
        )}
        {formatError && (
          <span className="format-error" role="alert">
            Could not format: {formatError}
          </span>
        )}
      </div>
      <div className="toolbar" role="toolbar" aria-label="Editor">
        <button
          className="primary"
          onClick={() => run('selection')}
          disabled={running || inert || idle !== undefined}
          aria-disabled={down !== undefined || undefined}
          title={down || idle ? `${down ?? idle}\n${RUN_TITLE}` : RUN_TITLE}
          {...runFocus}
        >
          <Play aria-hidden="true" />
          Run
        </button>
        <span className="hint">{hasSelection ? 'runs the selection' : 'Ctrl/Cmd+Enter'}</span>
        <button
          onClick={() => {
            format();
            view.current?.focus();
          }}
          title="Format (Shift+Alt+F)"
        >
          <WandSparkles aria-hidden="true" />
          Format
        </button>
        {toolbarEnd}
      </div>
    </div>
  );
});

interface Commands {
  run(scope: RunScope): boolean;
  format(): boolean;
  setHasSelection(has: boolean): void;
  /** Why Run would run nothing now, if it would. */
  setIdle(why: string | undefined): void;
  /** The person changed the text (not a draft from the store). */
  edited(): void;
}

function extensions(
  example: Compartment,
  latest: {
    readonly current: {
      sessionId: string;
      onChange(sessionId: string, text: string): void;
      onCursor?: ((at: { sql: string; cursor: number }) => void) | undefined;
    };
  },
  commands: Commands,
): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightSelectionMatches(),
    example.of([]),
    autocompletion({ activateOnTyping: true, icons: false }),
    unfocusableCompletionList,
    keymap.of([
      tabAcceptsCompletion,
      { key: 'Mod-Enter', run: () => commands.run('selection'), preventDefault: true },
      // free in CodeMirror's keymaps and the browser's; the window's listener maps it too (useWindowShortcuts.ts)
      { key: 'Mod-Shift-Enter', run: () => commands.run('statement'), preventDefault: true },
      { key: 'Shift-Alt-f', run: commands.format, preventDefault: true },
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...completionKeymap,
      ...lintKeymap,
    ]),
    EditorView.contentAttributes.of({ 'aria-label': 'SQL editor' }),
    EditorView.lineWrapping,
    editorTheme,
    previewErrorMark,
    ranMark,
    EditorView.updateListener.of((u) => {
      if (u.docChanged && !u.transactions.some((t) => t.annotation(fromStore))) {
        latest.current.onChange(latest.current.sessionId, u.state.doc.toString());
        commands.edited();
      }
      if (u.selectionSet) commands.setHasSelection(u.state.selection.ranges.some((r) => !r.empty));
      if (u.docChanged || u.selectionSet) commands.setIdle(nothingToRun(u.state, 'selection'));
      if (u.docChanged || u.selectionSet) latest.current.onCursor?.({ sql: u.state.doc.toString(), cursor: u.state.selection.main.head });
    }),
  ];
}
