import type { ColumnProfile } from '../../../shared/explore/columnProfile';
import { countOf, formatCount } from '../format';
import { ProfileBars } from './ProfileBars';
import { percent, shown } from '../../../shared/explore/profileText';

interface Props {
  column: number;
  name: string;
  type: string;
  profile: ColumnProfile | undefined;
  /** Profiles were cancelled: a card without one is not being computed. */
  stopped?: boolean;
  /** Filters the grid to a most frequent value (wired by the app to the grid's filter state); without it the values are plain text. */
  onFilterValue?: (column: number, value: string | null) => void;
}

function Figure({ term, value }: { term: string; value: string }) {
  return (
    <div className="profile-figure">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** One column's profile: its type, nulls, distinct values, and the figures and chart of its kind. */
export function ProfileCard({ column, name, type, profile, stopped, onFilterValue }: Props) {
  return (
    <article className="profile-card" aria-label={name} aria-busy={(profile === undefined && !stopped) || undefined}>
      <header className="profile-card-head">
        <span className="profile-name" title={name}>
          {name}
        </span>
        <span className="col-type">{type}</span>
      </header>
      {profile === undefined ? (
        <p className="muted profile-waiting">{stopped ? 'Not profiled (cancelled)' : 'Profiling…'}</p>
      ) : (
        <>
          <dl className="profile-figures">
            <Figure term="Nulls" value={`${formatCount(profile.nulls)} (${percent(profile.nullShare)})`} />
            <Figure term="Distinct (approx.)" value={formatCount(profile.distinct)} />
            {profile.kind !== 'categorical' && (
              <>
                <Figure term="Min" value={shown(profile.min)} />
                <Figure term="Max" value={shown(profile.max)} />
              </>
            )}
            {profile.kind === 'number' && (
              <>
                <Figure term="Mean" value={shown(profile.mean)} />
                <Figure term="Std dev" value={shown(profile.stddev)} />
                <Figure term="Quartiles" value={profile.quartiles ? profile.quartiles.map(shown).join(' · ') : '—'} />
              </>
            )}
          </dl>
          {profile.kind === 'categorical' ? <TopValues column={column} name={name} profile={profile} onFilterValue={onFilterValue} /> : <Histogram name={name} profile={profile} />}
        </>
      )}
    </article>
  );
}

function Histogram({ name, profile }: { name: string; profile: Extract<ColumnProfile, { kind: 'number' | 'temporal' }> }) {
  const bins = profile.histogram;
  if (bins.length === 0) return <p className="muted">No values to chart.</p>;
  const label = `Histogram of ${name}: ${countOf(bins.length, 'bar')} from ${shown(bins[0]!.low)} to ${shown(bins.at(-1)!.high)}`;
  return <ProfileBars label={label} counts={bins.map((b) => b.count)} />;
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
  return (
    <>
      <ul className="profile-top" aria-label={`Most frequent values of ${name}`}>
        {top.map((t) => {
          const label = t.value === '' ? '(empty)' : t.value;
          const content = (
            <>
              <span className="profile-top-bar" style={{ width: `${(t.count / max) * 100}%` }} aria-hidden="true" />
              <span className="profile-top-value">{label}</span>
              <span className="profile-top-count">{formatCount(t.count)}</span>
            </>
          );
          return (
            <li key={t.value}>
              {onFilterValue ? (
                <button className="profile-top-row" title={`Filter ${name} to ${label}`} onClick={() => onFilterValue(column, t.value)}>
                  {content}
                </button>
              ) : (
                <div className="profile-top-row">{content}</div>
              )}
            </li>
          );
        })}
        {profile.other > 0 && (
          <li>
            <div className="profile-top-row other">
              <span className="profile-top-bar" style={{ width: `${(profile.other / max) * 100}%` }} aria-hidden="true" />
              <span className="profile-top-value">Other</span>
              <span className="profile-top-count">{formatCount(profile.other)}</span>
            </div>
          </li>
        )}
      </ul>
      {top.length === 0 && profile.other === 0 && <p className="muted">No values.</p>}
    </>
  );
}
