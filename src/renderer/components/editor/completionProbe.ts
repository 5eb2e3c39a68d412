import { CompletionContext, type CompletionResult, type CompletionSource } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import type { DatasetView } from '../../../shared/views/appView';
import { parsed } from './afterQuotedName';
import { catalogCompletion } from './catalogCompletion';

// For the completion specs: the editor's completion asked as CodeMirror asks it, no browser needed.

/** A dataset of the catalog, ready. */
export const ready = (d: Partial<DatasetView>): DatasetView => ({ id: d.name ?? 'd', source: `/data/${d.name}`, requestedSeq: 1, status: 'ready', columns: [], ...d });

/** Every completion source the editor's language asks at `|` in `doc`, as CodeMirror asks them (`explicit`: Ctrl+Space). */
export async function complete(doc: string, explicit: boolean, datasets: readonly DatasetView[]): Promise<{ state: EditorState; pos: number; results: CompletionResult[] }> {
  const pos = doc.indexOf('|');
  // parsed whole, as the editor's would be by the time a person asks: on a busy machine 20 ms parsed only part of it
  const state = parsed(EditorState.create({ doc: doc.replace('|', ''), selection: { anchor: pos }, extensions: catalogCompletion(datasets) }));
  const context = new CompletionContext(state, pos, explicit);
  const answers = await Promise.all(state.languageDataAt<CompletionSource>('autocomplete', pos).map((source) => source(context)));
  return { state, pos, results: answers.filter((r): r is CompletionResult => r !== null) };
}

/** The text after accepting the option labelled `label`, as CodeMirror applies a string completion. */
export async function accept(doc: string, label: string, datasets: readonly DatasetView[]): Promise<string> {
  const { state, pos, results } = await complete(doc, true, datasets);
  const result = results.find((r) => r.options.some((o) => o.label === label));
  const option = result?.options.find((o) => o.label === label);
  if (!result || !option) throw new Error(`no ${label} offered at ${doc}`);
  const insert = typeof option.apply === 'string' ? option.apply : option.label;
  return state.sliceDoc(0, result.from) + insert + state.sliceDoc(result.to ?? pos);
}
