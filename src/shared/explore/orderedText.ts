/**
 * ENUM and INTERVAL: text to a person (contains, `=`, `!=`, `~`), but DuckDB orders them (an ENUM in
 * its declared order, an INTERVAL by its length), so `<`, `>`, `<=`, `>=` and `a..b` compare in the
 * column's type too, as on a number. Plain text has no such reading: `>50K` searches for ">50K".
 */
export const ordersAsText = (duckdbType: string): boolean => /^\s*(ENUM\(|INTERVAL\s*$)/i.test(duckdbType);

/** An ENUM's values in their declared order, read from DuckDB's type text (`ENUM('sad', 'it''s')`), or undefined for another type. */
export function enumValues(type: string): string[] | undefined {
  const m = /^\s*ENUM\((.*)\)\s*$/is.exec(type);
  return m ? Array.from(m[1]!.matchAll(/'((?:[^']|'')*)'/g), (v) => v[1]!.replaceAll("''", "'")) : undefined;
}

export const ordinalExample = (type: string): string => {
  const members = enumValues(type);
  return members && members.length > 1 ? `${members[0]}..${members[members.length - 1]}` : '1 hour..2 days';
};

/** Why a value is not one of the ENUM's (which TRY_CAST makes NULL: no row) or not an interval, or undefined. */
export function notOfType(value: string, type: string, shown: (value: string) => string): string | undefined {
  const members = enumValues(type);
  if (members) return members.includes(value) ? undefined : `${shown(value)} is not one of ${members.length > 5 ? `${members.slice(0, 5).join(', ')}, …` : members.join(', ')}`;
  // DuckDB reads many forms (`1 day`, `2 hours 30 minutes`, `01:30:00`, `1 year 2 months`); each has a number
  return /\d/.test(value) ? undefined : `${shown(value)} is not an interval (as 1 day, 2 hours or 01:30:00)`;
}
