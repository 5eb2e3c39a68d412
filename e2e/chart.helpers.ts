import type { Page } from '@playwright/test';
import { computedValueText } from '../src/shared/chart/chartValueText';

/** A chart's region by its name ("Chart", "Chart 2", …). */
export const chart = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
/** One of a chart's comboboxes ("Mark", "X", "Y", "Color", "Aggregate"). */
export const combo = (page: Page, region: string, name: string) => chart(page, region).getByRole('combobox', { name, exact: true });
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
 * A brush edge is k × step as a double (docs/charts.md), which may differ from DuckDB's text of the
 * bin edge in the last digit: both compared rounded.
 */
export const near = (t: string | undefined) => Math.round(Number(t) * 1e9) / 1e9;
