import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { utf16Offset } from '../../shared/text/codePoints';
import { SERIALIZE_SQL } from './sql';

/** Past ASCII (a non-breaking space, an ideographic one, a BOM too: `\s` would take those for ASCII). */
const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * A parser error with where it is, for SQL that is not plain ASCII. The caret under DuckDB's
 * "LINE n:" excerpt is drawn from a byte prefix of the line as long as the error's code point
 * position, so past an emoji or an accented letter it points early (`select '😀😀' as smile frm`
 * underlined "smile"). DuckDB's parser (SERIALIZE_SQL) answers the position in code points, here made the
 * editor's offset (`details.position`, which the editor prefers to the caret). ASCII SQL, whose caret
 * is right, costs nothing more; anything else is returned as it came.
 */
export async function withParserPosition(c: DuckDBConnection, sql: string, e: unknown): Promise<unknown> {
  if (!(e instanceof Error) || !e.message.includes('Parser Error') || !NOT_ASCII.test(sql)) return e;
  try {
    const answer = await c.runAndReadAll(SERIALIZE_SQL, [sql]);
    const tree = JSON.parse(String(answer.getRowsJS()[0]?.[0] ?? '{}')) as { error?: boolean; position?: string };
    const at = Number(tree.position);
    if (!tree.error || !Number.isInteger(at) || at < 0) return e;
    return new AppErrorException(appError(randomUUID(), 'SQL_ERROR', e.message, { details: { position: utf16Offset(sql, at) } }));
  } catch {
    return e;
  }
}
