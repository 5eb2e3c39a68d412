import { formatCount } from '../format';

interface Props {
  /** Read by screen readers instead of the drawing. */
  label: string;
  counts: readonly number[];
  /** A bar's count as its tooltip says it (a sample's as an estimate); grouped digits by default. */
  countText?: (count: number) => string;
}

const WIDTH = 240;
const HEIGHT = 44;

/** A small bar chart drawn as inline SVG: one bar per count, scaled to the largest. */
export function ProfileBars({ label, counts, countText = formatCount }: Props) {
  const max = Math.max(1, ...counts);
  const step = counts.length > 0 ? WIDTH / counts.length : WIDTH;
  return (
    <svg className="profile-bars" role="img" aria-label={label} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none">
      {counts.map((n, i) => {
        const h = n === 0 ? 0 : Math.max(1, (n / max) * HEIGHT);
        return (
          <rect key={i} x={i * step + 0.5} y={HEIGHT - h} width={Math.max(1, step - 1)} height={h}>
            <title>{countText(n)}</title>
          </rect>
        );
      })}
    </svg>
  );
}
