import { PROFILE_BATCH_COLUMNS, type ColumnProfile, type ProfileBatch } from '../../shared/explore/columnProfile';
import { groupDigits, percent, shown, shownRounded } from '../../shared/explore/profileText';
import { table } from './markdownText';
import { countText } from '../../shared/text/counts';

/** Columns of a result the notebook profiles: the first ones, as many as one profile query computes. */
export const NOTEBOOK_PROFILE_COLUMNS = PROFILE_BATCH_COLUMNS;
/** Most frequent values a text column's row names. */
const TOP_VALUES = 3;

/** A result's profiles as the profile service computed them, and how many columns the result has. */
export interface NotebookProfile extends Pick<ProfileBatch, 'rows' | 'sample' | 'columns'> {
  readonly columnCount: number;
}

/** The table's header; "Distinct ≈" when the counts are HyperLogLog's estimates. */
const header = (exact: boolean) => ['Column', 'Type', 'Nulls', exact ? 'Distinct' : 'Distinct ≈', 'Min', 'Max', 'Mean', 'Most frequent'];

/**
 * A result's profile summary (docs/share.md): a line saying which columns and rows it covers (a
 * sample says so), then one row per column with the figures the "Column profiles" cards show first,
 * written as they read there.
 */
export function profileSummary(profile: NotebookProfile): string[] {
  const { columns, columnCount, rows, sample } = profile;
  const which = columns.length < columnCount ? `the first ${countText(columns.length, 'column')} of ${countText(columnCount, 'column')} (${countText(columnCount - columns.length, 'column')} not profiled)` : countText(columns.length, 'column');
  const over = sample ? `a sample of ${countText(sample.rows, 'row')} of ${countText(sample.of, 'row')} (the most frequent values counted over all rows)` : `all ${countText(rows, 'row')}`;
  return [`Profile of ${which}, over ${over}:`, '', table(header(columns.every((c) => c.distinctExact)), columns.map(profileRow))];
}

function profileRow(p: ColumnProfile): string[] {
  const common = [p.name, p.type, `${groupDigits(String(p.nulls))} (${percent(p.nullShare)})`, groupDigits(String(p.distinct))];
  switch (p.kind) {
    case 'number':
      return [...common, shown(p.min), shown(p.max), shownRounded(p.mean), ''];
    case 'temporal':
      return [...common, shown(p.min), shown(p.max), '', ''];
    case 'categorical': {
      // counted over all rows even when sampled (the sample only chose the values), as the card shows them
      const top = p.top.slice(0, TOP_VALUES).map((t) => `${t.value} (${groupDigits(String(t.count))})`);
      return [...common, p.min === undefined ? '' : shown(p.min), p.max === undefined ? '' : shown(p.max), '', `${top.join(', ')}${p.top.length > TOP_VALUES || p.other > 0 ? ', …' : ''}`];
    }
  }
}
