/**
 * DuckDB ends a parser, binder or catalog error with the place: `LINE n: <the line>` and a caret
 * under the spot. Returned apart from the prose before it, so it can be drawn unwrapped: wrapped in
 * a narrow status bar, the line broke and the caret stood under nothing.
 */
const PLACE = /\n\n?(LINE \d+: .*\n *\^)\s*$/;

export function errorPlace(message: string): { prose: string; place?: string } {
  const m = PLACE.exec(message);
  return m ? { prose: message.slice(0, m.index), place: m[1]! } : { prose: message };
}
