import { isCompleted } from '../../shared/domain/queryLifecycle';
import type { ChartData } from '../../shared/chart/chartData';
import { chartLabel } from '../../shared/chart/chartLabel';
import { chartsOf, type SingleChartSpec } from '../../shared/chart/chartSpec';
import type { Result } from '../../shared/contracts/errors';
import type { Page } from '../../shared/contracts/protocol';
import { isPlainView } from '../../shared/domain/resultView';
import { openAsSql } from '../../shared/explore/openAsSql';
import type { DatasetView, HistoryEntry, SessionView } from '../../shared/views/appView';
import { yieldToLoop, type FileSink } from './fileSink';
import { codeBlock, inline, table } from './markdownText';
import { profileSummary, type NotebookProfile } from './profileSummary';
import { countText } from '../../shared/text/counts';
import { outcomeText } from './reportText';
import { chartDataText } from '../../shared/chart/chartValueText';
import { aggregatedType } from '../../shared/chart/chartLeftOut';
import type { PivotSpec } from '../../shared/pivot/pivotSpec';
import { pivotSection, type NotebookPivot } from './notebookPivot';

/** Rows of each result shown in the notebook. */
export const NOTEBOOK_ROWS = 20;
/** Marks of a chart's aggregated data listed under its image: the exact figures of its first bars or points. */
const CHART_ROWS = 20;

export interface MarkdownSource {
  readonly session: SessionView;
  readonly exportedAt: string;
  readonly datasets: readonly DatasetView[];
  readonly read: ReadonlyMap<string, readonly DatasetView[]>;
  /** The first NOTEBOOK_ROWS rows of a completed result, as the grid shows them. */
  preview(entry: HistoryEntry): Promise<Result<Page>>;
  /** The aggregated marks of one of the result's charts, over all its rows. */
  chart(entry: HistoryEntry, spec: SingleChartSpec): Promise<Result<ChartData>>;
  /** The profiles of a completed result's first columns (profileSummary.ts says how many). */
  profile(entry: HistoryEntry): Promise<Result<NotebookProfile>>;
  /** The first NOTEBOOK_ROWS rows of the result's pivot, as the pivot grid shows them (notebookPivot.ts). */
  pivot(entry: HistoryEntry, spec: PivotSpec): Promise<Result<NotebookPivot>>;
}

/**
 * A session as a Markdown notebook (docs/share.md): its title, the datasets, then each query: its
 * SQL, how it ended and how long it took, what it read, the sort/filter as SQL, a preview table of
 * its first rows with the total, its columns' profile summary, its chart as an embedded SVG
 * image with the first of its aggregated marks, and its pivot's first rows as a table. Written query by query.
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
  if (!isCompleted(h.phase) || !h.columns) return out;
  if (h.view && !isPlainView(h.view)) out.push('', 'Shown sorted/filtered as:', '', codeBlock('sql', openAsSql(h.sql, h.columns, h.view)));
  const page = await source.preview(h);
  out.push('');
  if (page.ok) {
    const { values, totalRows, columns } = page.value;
    const rows = Array.from({ length: values[0]?.length ?? 0 }, (_, r) => values.map((col) => col[r] ?? null));
    out.push(`Preview: ${rows.length < totalRows ? `first ${countText(rows.length, 'row')} of ${countText(totalRows, 'row')}` : countText(totalRows, 'row')}.`, '');
    out.push(table(columns.map((c) => c.name), rows));
  } else out.push(`Preview unavailable: ${inline(page.error.message)} (error id ${page.error.id}).`);
  const profile = await source.profile(h);
  out.push('', ...(profile.ok ? profileSummary(profile.value) : [`Profile unavailable: ${inline(profile.error.message)} (error id ${profile.error.id}).`]));
  for (const spec of h.chart ? chartsOf(h.chart) : []) out.push('', ...(await chartSection(spec, await source.chart(h, spec), aggregatedType(spec, h.columns))));
  if (h.pivot) out.push('', ...pivotSection(await source.pivot(h, h.pivot), h.pivot));
  return out;
}

/** A chart as an image (its accessible name as the alt text, as the window names it), then its first marks' exact figures. */
async function chartSection(spec: SingleChartSpec, chart: Result<ChartData>, valueType: string | undefined): Promise<string[]> {
  if (!chart.ok) return [`Chart unavailable (${inline(chartLabel(spec))}): ${inline(chart.error.message)} (error id ${chart.error.id}).`];
  const data = chart.value;
  const label = chartLabel(spec, data);
  // Plot and a server-side DOM are loaded for the notebooks that draw charts, not at every start (~0.5 s of CPU)
  const { chartSvg } = await import('./chartImage');
  const image = Buffer.from(chartSvg(data)).toString('base64');
  const shown = data.rows.slice(0, CHART_ROWS);
  const more = data.rows.length > shown.length || data.truncated;
  // as the window's "Chart data" writes it
  const text = chartDataText({ columns: data.columns, rows: shown }, valueType);
  return [
    `Chart: ${inline(label)}.`,
    '',
    `![${inline(label)}](data:image/svg+xml;base64,${image})`,
    '',
    `Its data: ${more ? `the first ${countText(shown.length, 'mark')}${data.truncated ? '' : ` of ${countText(data.rows.length, 'mark')}`}` : countText(shown.length, 'mark')}.`,
    '',
    table(text.columns.map((c) => `${c.role}: ${c.label}`), text.rows),
  ];
}
