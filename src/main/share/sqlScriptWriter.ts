import { isCompleted } from '../../shared/domain/queryLifecycle';
import type { DatasetFingerprint } from '../../shared/contracts/fingerprint';
import { isPlainView } from '../../shared/domain/resultView';
import { openAsSql } from '../../shared/explore/openAsSql';
import type { DatasetView, SessionView } from '../../shared/views/appView';
import { yieldToLoop, type FileSink } from './fileSink';
import { oneLine, outcomeText } from './reportText';
import { countText } from '../../shared/text/counts';

export interface SqlScriptSource {
  readonly session: SessionView;
  readonly exportedAt: string;
  /** The datasets the script makes queryable, each with the statement that does (registrationSql.ts). */
  readonly datasets: readonly { readonly dataset: DatasetView; readonly sql: string | undefined }[];
  /** What each statement read (datasetsRead.ts), by its text. */
  readonly read: ReadonlyMap<string, readonly DatasetView[]>;
}

/** Statements per chunk between two yields to main's loop. */
const CHUNK = 500;

/** Every line of `text` as a `--` comment line: nothing in it can end the comment. */
const comment = (text: string, indent = ''): string =>
  text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((l) => `-- ${indent}${l}`.trimEnd())
    .join('\n');

/** A statement ready to run: without its trailing semicolons, then one, on a line of its own after a `--` comment. */
export function terminated(sql: string): string {
  const bare = sql.trim().replace(/[;\s]+$/, '');
  const last = bare.split(/\r\n|\r|\n/).at(-1) ?? '';
  return last.includes('--') ? `${bare}\n;` : `${bare};`;
}

/** What a fingerprint says of the bytes: their size and content hash, so a reader can check the same file is meant. */
const fingerprintText = (f: DatasetFingerprint | undefined): string => (f ? `; ${countText(f.bytes, 'byte')}${f.sha256 ? `, sha256 ${f.sha256}` : ''}` : '');

const datasetLine = (d: DatasetView, fingerprint: DatasetFingerprint | undefined): string =>
  `${d.name ?? '(unnamed)'}: ${d.source}${d.format ? ` (${d.format})` : ''}${fingerprintText(fingerprint)}`;

/**
 * A session as a SQL script (docs/share.md): first the statements that make the datasets it read
 * queryable under their names, then its statements in the order they ran, each after a comment
 * with when it ran, how it ended, what it read and the sort/filter a person applied as the SQL the
 * app ran for it ("Open as SQL"'s builder). Statements that failed or were cancelled are kept as
 * comments, so the script runs through in the DuckDB CLI.
 */
export async function writeSqlScript(source: SqlScriptSource, sink: FileSink): Promise<number> {
  const { session } = source;
  const head = [
    comment(`Sextant session: ${oneLine(session.title)}`),
    comment(`Exported ${source.exportedAt}; ${countText(session.history.length, 'statement')}.`),
    '',
    comment('Datasets, queryable under the names the statements use:'),
  ];
  for (const { dataset, sql } of source.datasets) {
    head.push(comment(oneLine(datasetLine(dataset, dataset.fingerprint)), '  '));
    head.push(sql === undefined ? comment('(not registered in this Sextant any more: make it queryable under its name first)', '  ') : terminated(sql));
  }
  await sink.write(`${head.join('\n')}\n`);
  for (let start = 0; start < session.history.length; start += CHUNK) {
    const parts: string[] = [];
    session.history.slice(start, start + CHUNK).forEach((h, k) => {
      const n = start + k + 1;
      const lines = [``, comment(`Statement ${n}, ran ${h.startedAt}: ${oneLine(outcomeText(h))}`)];
      const read = source.read.get(h.sql) ?? [];
      // each with the fingerprint the query recorded when it ran, not the file's as it is now
      const ranOn = (d: DatasetView) => h.inputs?.find((i) => i.datasetId === d.id)?.fingerprint;
      lines.push(comment(`Read: ${read.length === 0 ? 'no dataset of the catalog' : read.map((d) => oneLine(datasetLine(d, ranOn(d)))).join(' | ')}`));
      if (isCompleted(h.phase) && h.view && !isPlainView(h.view) && h.columns) {
        lines.push(comment('Shown sorted/filtered, as this SQL:'), comment(openAsSql(h.sql, h.columns, h.view), '  '));
      }
      lines.push(isCompleted(h.phase) ? terminated(h.sql) : comment(terminated(h.sql)));
      parts.push(lines.join('\n'));
    });
    await sink.write(`${parts.join('\n')}\n`);
    await yieldToLoop();
  }
  return session.history.length;
}
