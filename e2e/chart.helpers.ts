import type { Locator, Page } from '@playwright/test';
import { computedValueText } from '../src/shared/chart/chartValueText';
import { duckdbRows } from './duckdbOracle';
import { expect, VEGA_DATA } from './fixtures';
import { runSql, status } from './workbench.helpers';

/** seattle-weather as raw DuckDB reads it. */
export const WEATHER = `read_csv_auto('${VEGA_DATA}/seattle-weather.csv')`;

/** Runs seattle-weather's 1,461 rows and opens Chart beside them. */
export async function chartOfWeather(page: Page): Promise<void> {
  await runSql(page, `select * from ${WEATHER}`);
  await expect(status(page)).toHaveText(/^1,461\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
}

/** A chart's region by its name ("Chart", "Chart 2", …). */
export const chart = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
/** One of a chart's comboboxes ("Mark", "X", "Y", "Color", "Aggregate"). */
export const combo = (page: Page, region: string, name: string) => chart(page, region).getByRole('combobox', { name, exact: true });
/** The comboboxes that set a chart up. */
export type ChartField = 'Mark' | 'X' | 'Y' | 'Color' | 'Aggregate';
/**
 * Picks a chart's fields: Mark first, since it decides which of the others exist, then the rest in
 * the order given, as a person would. A field given as undefined is left as it is.
 */
export async function pickChart(page: Page, region: string, fields: Partial<Record<ChartField, string>>): Promise<void> {
  const { Mark, ...rest } = fields;
  if (Mark !== undefined) await combo(page, region, 'Mark').selectOption(Mark);
  for (const [name, value] of Object.entries(rest)) if (value !== undefined) await combo(page, region, name).selectOption(value);
}
/** Waits until a chart's marks are drawn (a brush or a key acts on what is drawn): its data loaded, its SVG in place. */
export async function plotDrawn(plot: Locator): Promise<void> {
  await expect(plot).not.toHaveAttribute('aria-busy', 'true');
  await expect(plot.locator('svg g[aria-label="bar"], svg g[aria-label="rect"]').first()).toBeAttached();
}

/** DuckDB's text of a mark's value (a count, a sum) as "Chart data" writes it: grouped, rounded unless whole. */
export const grouped = (n: string | null | undefined) => computedValueText(String(n));

/** A chart's "Chart data" table body as text, row by row. */
export const tableRows = (page: Page, region: string) =>
  chart(page, region)
    .getByRole('table', { name: 'Chart data' })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));

/** The sum of a chart's last "Chart data" column (its counts). */
export const countSum = async (page: Page, region: string): Promise<number> => (await tableRows(page, region)).reduce((s, row) => s + Number((row.at(-1) ?? '').replaceAll(',', '')), 0);

/**
 * An edge's text as a number, rounded to 9 places. Brush and bin edges are now the same decimals
 * (docs/charts.md, "Number bins"); the rounding only keeps these specs from relying on it.
 */
export const near = (t: string | undefined) => Math.round(Number(t) * 1e9) / 1e9;

/** k × step as exact decimal text (BigInt digits), the step given as the text of 1, 2 or 5 × 10ⁿ. */
function decimalEdge(k: bigint, step: string): string {
  const [whole = '', frac = ''] = step.split('.');
  const n = BigInt(`${whole}${frac}`) * k;
  if (!frac) return n.toString();
  const abs = (n < 0n ? -n : n).toString().padStart(frac.length + 1, '0');
  return `${n < 0n ? '-' : ''}${abs.slice(0, -frac.length)}.${abs.slice(-frac.length)}`;
}

/**
 * Raw DuckDB's histogram of a number column as docs/charts.md defines it, knowing only decimals: a
 * nice step (1, 2 or 5 × 10ⁿ, at least 1 for integers) for about 40 bins; edges the decimal
 * multiples of it, read as DOUBLE from their text; a row in [lo, hi) compared as DOUBLEs. Rows of
 * [lo, hi, count] as "Chart data" writes them (an integer column's edges as integers).
 */
export async function histogramOracle(relation: string, column: string, integer: boolean): Promise<string[][]> {
  const [[lo, hi]] = (await duckdbRows(`select min(${column})::DOUBLE, max(${column})::DOUBLE from ${relation} where isfinite(${column}::DOUBLE)`)) as [[string, string]];
  const raw = (Number(hi) - Number(lo)) / 40;
  const exponent = Math.floor(Math.log10(raw));
  const unit = [1, 2, 5, 10].find((u) => raw / 10 ** exponent <= u) ?? 10;
  const digits = BigInt(unit) * 10n ** BigInt(Math.max(0, exponent));
  const places = Math.max(0, -exponent);
  const stepText = places === 0 ? digits.toString() : decimalEdge(digits, `0.${'0'.repeat(places - 1)}1`);
  const step = integer && Number(stepText) < 1 ? '1' : stepText;
  const first = BigInt(Math.floor(Number(lo) / Number(step))) - 2n;
  const last = BigInt(Math.floor(Number(hi) / Number(step))) + 2n;
  const edges: string[] = [];
  for (let k = first; k <= last; k++) edges.push(`(${k}, '${decimalEdge(k, step)}', '${decimalEdge(k + 1n, step)}')`);
  const text = integer ? (e: string) => `${e}::DOUBLE::BIGINT` : (e: string) => `${e}::DOUBLE`;
  const rows = await duckdbRows(
    `select ${text('lo')}, ${text('hi')}, count(*) from ${relation} join (values ${edges.join(', ')}) e(k, lo, hi) on ${column}::DOUBLE >= lo::DOUBLE and ${column}::DOUBLE < hi::DOUBLE group by k, lo, hi order by k`,
  );
  return rows.map(([a, b, n]) => [a!, b!, grouped(n)]);
}
