import type { ColumnProfile } from '../../../shared/explore/columnProfile';
import { CellText } from '../grid/CellText';
import { countOf, formatCount } from '../format';
import { ProfileBars } from './ProfileBars';
import { leftOutText, percent, shown, shownMean, shownNumber } from '../../../shared/explore/profileText';
import { countShown, distinctShown, distinctTerm, sampledTitle, sampledValue, topValueLabel, topValueRefusal, topValuesNote } from './profileFigures';
import { NOT_PROFILED_TEXT, type CardState } from './profileCardState';
import { columnKind } from '../../../shared/explore/columnKind';

interface Props {
  column: number;
  name: string;
  type: string;
  state: CardState;
  /** Filters the grid to a most frequent value (wired by the app to the grid's filter state); without it the values are plain text. */
  onFilterValue?: (column: number, value: string | null) => void;
}

/**
 * A term and its figure. Its tooltip is `exact`, DuckDB's own text of a rounded figure, or else the
 * figure itself: a card is narrow, and a DECIMAL(38,10) or a long text is cut with "…".
 */
function Figure({ term, value, exact }: { term: string; value: string; exact?: string | null }) {
  return (
    <div className="profile-figure">
      <dt>{term}</dt>
      <dd title={exact ?? value}>{value}</dd>
    </div>
  );
}

/** One column's profile: its type, nulls, distinct values, and the figures and chart of its kind. */
export function ProfileCard({ column, name, type, state, onFilterValue }: Props) {
  return (
    <article className="profile-card" aria-label={name} aria-busy={state.kind === 'waiting' || undefined}>
      <header className="profile-card-head">
        <span className="profile-name" title={name}>
          {name}
        </span>
        <span className="col-type">{type}</span>
      </header>
      {state.kind === 'profiled' ? (
        <Figures column={column} name={name} profile={state.profile} onFilterValue={onFilterValue} />
      ) : (
        <p className="muted profile-waiting">{NOT_PROFILED_TEXT[state.kind]}</p>
      )}
    </article>
  );
}

/** A profiled column's figures and its chart or most frequent values. */
function Figures({ column, name, profile, onFilterValue }: { column: number; name: string; profile: ColumnProfile; onFilterValue: Props['onFilterValue'] }) {
  // a DOUBLE's figures rounded as the pivot rounds them, an integer's or DECIMAL's exact (shownNumber); DuckDB's text in the tooltip
  const number = (text: string | null) => shownNumber(text, profile.type);
  const rounded = profile.kind === 'number' && columnKind(profile.type).kind === 'float';
  const quartiles = profile.kind === 'number' && profile.quartiles ? profile.quartiles.map(number).join(' · ') : '—';
  // the tooltip: DuckDB's text of a rounded figure, the figure itself (grouped) otherwise
  const quartilesTitle = profile.kind === 'number' && profile.quartiles && (rounded || profile.sampled) ? sampledTitle(profile, rounded ? profile.quartiles.join(' · ') : quartiles) : null;
  const distinct = distinctShown(profile);
  return (
    <>
      <dl className="profile-figures">
        <Figure term="Nulls" value={`${formatCount(profile.nulls)} (${percent(profile.nullShare)})`} />
        <Figure term={distinctTerm(profile)} value={distinct.value} exact={distinct.title} />
        {/* an INTERVAL (categorical) has a min and max too */}
        {profile.min !== undefined && profile.max !== undefined && (
          <>
            <Figure term="Min" value={profile.kind === 'number' ? number(profile.min) : shown(profile.min)} exact={rounded ? profile.min : null} />
            <Figure term="Max" value={profile.kind === 'number' ? number(profile.max) : shown(profile.max)} exact={rounded ? profile.max : null} />
          </>
        )}
        {profile.kind === 'number' && (
          <>
            <Figure term="Mean" value={shownMean(profile.mean, profile.type)} exact={profile.mean} />
            <Figure term="Std dev" value={sampledValue(profile, shownMean(profile.stddev, profile.type))} exact={profile.stddev === null ? null : sampledTitle(profile, profile.stddev)} />
            <Figure term="Quartiles" value={sampledValue(profile, quartiles)} exact={quartilesTitle} />
          </>
        )}
      </dl>
      {profile.kind !== 'categorical' && leftOutText(profile.nonFinite, profile.kind === 'temporal') && (
        <p className="muted profile-note" title="Not finite: left out of min, max, mean, std dev, quartiles and the histogram alike">
          {leftOutText(profile.nonFinite, profile.kind === 'temporal')}
        </p>
      )}
      {profile.kind === 'categorical' ? <TopValues column={column} name={name} profile={profile} onFilterValue={onFilterValue} /> : <Histogram name={name} profile={profile} />}
    </>
  );
}

function Histogram({ name, profile }: { name: string; profile: Extract<ColumnProfile, { kind: 'number' | 'temporal' }> }) {
  const bins = profile.histogram;
  if (bins.length === 0) return <p className="muted">No values to chart.</p>;
  const label = `Histogram of ${name}: ${countOf(bins.length, 'bar')} from ${shown(bins[0]!.low)} to ${shown(bins.at(-1)!.high)}`;
  // the bars span the column's min and max, written as the Min and Max figures ("-1,116", not the DOUBLE edge "-1,116.0")
  const [low, high] = profile.kind === 'number' ? [shownNumber(profile.min, profile.type), shownNumber(profile.max, profile.type)] : [shown(profile.min), shown(profile.max)];
  return (
    <>
      <ProfileBars label={label} counts={bins.map((b) => b.count)} countText={(n) => countShown(profile, n).text} />
      <div className="profile-axis" aria-hidden="true">
        <span title={low}>{low}</span>
        <span title={high}>{high}</span>
      </div>
    </>
  );
}

function TopValues({
  column,
  name,
  profile,
  onFilterValue,
}: {
  column: number;
  name: string;
  profile: Extract<ColumnProfile, { kind: 'categorical' }>;
  onFilterValue: Props['onFilterValue'];
}) {
  const top = profile.top;
  const max = Math.max(1, ...top.map((t) => t.count), profile.other);
  const note = topValuesNote(profile);
  return (
    <>
      <ul className="profile-top" aria-label={`Most frequent values of ${name}`}>
        {top.map((t, i) => {
          const label = topValueLabel(t.value);
          const count = countShown(profile, t.count);
          const content = (
            <>
              <span className="profile-top-bar" style={{ width: `${(t.count / max) * 100}%` }} aria-hidden="true" />
              {/* drawn as the grid draws the value: its spaces kept, line breaks as ↵ */}
              <span className="profile-top-value">{t.value === '' ? label : <CellText value={t.value} />}</span>
              <span className="profile-top-count" title={count.title}>
                {count.text}
              </span>
            </>
          );
          const refused = onFilterValue && topValueRefusal(column, t);
          // by place: values cut for the card can read alike
          return (
            <li key={i}>
              {onFilterValue && !refused ? (
                <button className="profile-top-row" title={`Filter ${name} to ${label}`} onClick={() => onFilterValue(column, t.value)}>
                  {content}
                </button>
              ) : (
                <div className="profile-top-row" title={refused || undefined}>
                  {content}
                </div>
              )}
            </li>
          );
        })}
        {profile.other > 0 && (
          <li>
            <div className="profile-top-row other">
              <span className="profile-top-bar" style={{ width: `${(profile.other / max) * 100}%` }} aria-hidden="true" />
              <span className="profile-top-value">Other</span>
              <span className="profile-top-count" title={countShown(profile, profile.other).title}>
                {countShown(profile, profile.other).text}
              </span>
            </div>
          </li>
        )}
      </ul>
      {top.length === 0 && profile.other === 0 && <p className="muted">No values.</p>}
      {note && top.length > 0 && <p className="muted profile-note profile-top-note">{note}</p>}
    </>
  );
}
