import type { ChartData } from '../../shared/chart/chartData';
import type { Result } from '../../shared/contracts/errors';
import type { Page } from '../../shared/contracts/protocol';
import { isPlainView } from '../../shared/domain/resultView';
import { openAsSql } from '../../shared/explore/openAsSql';
import type { DatasetView, HistoryEntry, SessionView } from '../../shared/views/appView';
import { yieldToLoop, type FileSink } from './fileSink';
import { codeBlock, inline, table } from './markdownText';
import { countText, outcomeText } from './reportText';

/** Rows of each result shown in the notebook. */
export const PREVIEW_ROWS = 20;
/** Marks of a chart's aggregated data shown in the notebook. */
const CHART_ROWS = 50;

export interface MarkdownSource {
  readonly session: SessionView;
  readonly exportedAt: string;
  readonly datasets: readonly DatasetView[];
  readonly read: ReadonlyMap<string, readonly DatasetView[]>;
  /** The first PREVIEW_ROWS rows of a completed result, as the grid shows them. */
  preview(entry: HistoryEntry): Promise<Result<Page>>;
  /** The aggregated marks of the result's chart, when it has one. */
  chart(entry: HistoryEntry): Promise<Result<ChartData> | undefined>;
}

/**
 * A session as a Markdown notebook (docs/share.md): its title, the datasets, then each query: its
 * SQL, how it ended and how long it took, what it read, the sort/filter as SQL, a preview table of
 * its first rows with the total, and its chart's spec and aggregated data. Written query by query.
 */
export async function writeMarkdown(source: MarkdownSource, sink: FileSink): Promise<number> {
  const { session } = source;
  const intro = [
    `# ${inline(session.title)}`,
    '',
    `Exported from Sextant on ${source.exportedAt}: ${countText(session.history.length, 'query', 'queries')}.`,
    '',
    '## Datasets',
    '',
    source.datasets.length === 0 ? 'No dataset of the catalog was read.' : table(['Name', 'Source', 'Format'], source.datasets.map((d) => [d.name ?? '', d.source, d.format ?? ''])),
  ];
  await sink.write(`${intro.join('\n')}\n`);
  for (const [i, h] of session.history.entries()) {
    await sink.write(`\n${(await querySection(source, h, i + 1)).join('\n')}\n`);
    await yieldToLoop();
  }
  return session.history.length;
}

async function querySection(source: MarkdownSource, h: HistoryEntry, n: number): Promise<string[]> {
  const read = source.read.get(h.sql) ?? [];
  const out = [`## Query ${n}`, '', `Ran ${h.startedAt}: ${inline(outcomeText(h))}.`, '', codeBlock('sql', h.sql.trim())];
  if (read.length > 0) out.push('', `Read: ${read.map((d) => inline(`${d.name ?? ''} (${d.source})`)).join(', ')}.`);
  if (h.phase !== 'Completed' || !h.columns) return out;
  if (h.view && !isPlainView(h.view)) out.push('', 'Shown sorted/filtered as:', '', codeBlock('sql', openAsSql(h.sql, h.columns, h.view)));
  const page = await source.preview(h);
  out.push('');
  if (page.ok) {
    const { values, totalRows, columns } = page.value;
    const rows = Array.from({ length: values[0]?.length ?? 0 }, (_, r) => values.map((col) => col[r] ?? null));
    out.push(`Preview: ${rows.length < totalRows ? `first ${countText(rows.length, 'row')} of ${countText(totalRows, 'row')}` : countText(totalRows, 'row')}.`, '');
    out.push(table(columns.map((c) => c.name), rows));
  } else out.push(`Preview unavailable: ${inline(page.error.message)} (error id ${page.error.id}).`);
  const chart = h.chart ? await source.chart(h) : undefined;
  if (h.chart) {
    out.push('', `Chart (${inline(h.chart.mark)}, ${inline(h.chart.aggregate)}):`, '', codeBlock('json', JSON.stringify(h.chart, null, 2)));
    if (chart?.ok) {
      const shown = chart.value.rows.slice(0, CHART_ROWS);
      out.push('', `Aggregated data: ${countText(shown.length, 'mark')}${chart.value.rows.length > shown.length || chart.value.truncated ? ' (the first)' : ''}.`, '');
      out.push(table(chart.value.columns.map((c) => `${c.role}: ${c.label}`), shown));
    } else if (chart) out.push('', `Chart data unavailable: ${inline(chart.error.message)} (error id ${chart.error.id}).`);
  }
  return out;
}
