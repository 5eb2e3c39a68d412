import { LINE_CONTEXT } from '../editor/errorPosition';

/**
 * DuckDB ends a parser, binder or catalog error with the place: `LINE n: <the line>` and a caret
 * under the spot. Returned apart from the prose before it, so it can be drawn unwrapped: wrapped in
 * a narrow status bar, the line broke and the caret stood under nothing.
 */
export function errorPlace(message: string): { prose: string; place?: string } {
  const m = LINE_CONTEXT.exec(message);
  // only a place that ends the message, after the prose's line: anything else stays as written
  if (!m || m.index === 0 || message.slice(m.index + m[0].length).trim() !== '') return { prose: message };
  return { prose: message.slice(0, m.index).replace(/\n+$/, ''), place: m[0] };
}
