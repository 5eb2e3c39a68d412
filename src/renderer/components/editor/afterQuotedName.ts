import { CompletionContext, type Completion, type CompletionSource } from '@codemirror/autocomplete';
import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';

/**
 * `state` with its syntax tree parsed to the end. A new state parses for 20 ms at most, and the
 * completion sources read the tree: left short, `x.` read as no qualifier at all.
 */
export function parsed(state: EditorState): EditorState {
  if (syntaxTree(state).length >= state.doc.length) return state;
  ensureSyntaxTree(state, state.doc.length, 1000);
  // an empty transaction takes the tree the parse has gone on to
  return state.update({}).state;
}

/** Whether the cursor sits right after a closed quoted name (`"Horsepower"|`, `"t""x y"|`), not inside one being typed. */
export function afterClosedQuotedName(context: CompletionContext): boolean {
  const node = syntaxTree(context.state).resolveInner(context.pos, -1);
  return node.name === 'QuotedIdentifier' && node.to === context.pos && /^"(?:[^"]|"")*"$/.test(context.state.sliceDoc(node.from, node.to));
}

/**
 * Completion right after a closed quoted name, as if a space followed it; each completion brings
 * that space. Glued on, a word made `"Horsepower"Acceleration` (DuckDB reads `"Horsepower" AS
 * Acceleration`) and a quoted one `"t""x y""col"` (one malformed name). A closed name is finished:
 * what a person asks for there is what comes next (`from`, `as`, another name), so the list is
 * what it would be after a space, rather than nothing (Ctrl+Space would look broken).
 */
export function spacedAfterQuotedName(source: CompletionSource): CompletionSource {
  return async (context) => {
    if (!afterClosedQuotedName(context)) return source(context);
    const spaced = parsed(context.state.update({ changes: { from: context.pos, insert: ' ' } }).state);
    const result = await source(new CompletionContext(spaced, context.pos + 1, context.explicit, context.view));
    // one that replaces text before the space (the name itself) has nothing to do with what follows it
    if (!result || result.from !== context.pos + 1) return null;
    const options = result.options.flatMap((o): Completion[] => (typeof o.apply === 'function' ? [] : [{ ...o, apply: ` ${o.apply ?? o.label}` }]));
    return { ...result, from: context.pos, ...(result.to === undefined ? {} : { to: result.to - 1 }), options };
  };
}
