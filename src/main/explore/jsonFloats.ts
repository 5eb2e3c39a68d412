import { columnKind } from '../../shared/explore/columnKind';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { literal } from '../query/sql';
import type { TypeNode } from './exactTypes';

/**
 * A FLOAT/DOUBLE value for JSON: JSON has no NaN or infinity (DuckDB writes bare `NaN` and
 * `Infinity`, which JSON.parse and other strict readers refuse), so, as for any value a format
 * cannot hold, they are written as text: "NaN", "Infinity", "-Infinity", the spelling JavaScript's
 * Number(), Python's float() and DuckDB's cast to DOUBLE read back. Finite values stay numbers.
 */
export function finiteOrText(expr: string): string {
  const text = `CASE WHEN isnan(${expr}) THEN '"NaN"' WHEN ${expr} > 0 THEN '"Infinity"' ELSE '"-Infinity"' END`;
  return `CASE WHEN ${expr} IS NULL OR isfinite(${expr}) THEN to_json(${expr}) ELSE CAST(${text} AS JSON) END`;
}

const plainName = (node: Extract<TypeNode, { kind: 'leaf' }>): string => node.name.map((t) => t.text).join(' ');

/**
 * The value of `expr` (of type `node`) rebuilt in DuckDB so that every FLOAT/DOUBLE in it, at any
 * depth, is `finiteOrText`'s JSON value; undefined when the type holds no float (written as it is).
 * A JSON value inside a LIST, STRUCT or MAP is written into the file as the JSON it holds, so the
 * shape and every other value come out as DuckDB writes them. Lists and maps are rebuilt with
 * lambdas, so the COPY stays one streaming query. `depth` names each lambda's variable apart.
 */
export function floatsAsJson(expr: string, node: TypeNode, depth = 0): string | undefined {
  switch (node.kind) {
    case 'leaf':
      return columnKind(plainName(node)).kind === 'float' ? finiteOrText(expr) : undefined;
    case 'list':
    case 'array': {
      const v = `__e${depth}`;
      const element = floatsAsJson(v, node.element, depth + 1);
      return element === undefined ? undefined : `list_transform(${expr}, lambda ${v}: ${element})`;
    }
    case 'map': {
      // a key is written as an object's key, a string, whatever its type: only the values change
      const v = `__e${depth}`;
      const value = floatsAsJson(`struct_extract(${v}, 'value')`, node.value, depth + 1);
      if (value === undefined) return undefined;
      const entry = `struct_pack(key := struct_extract(${v}, 'key'), value := ${value})`;
      return `map_from_entries(list_transform(map_entries(${expr}), lambda ${v}: ${entry}))`;
    }
    case 'struct': {
      const fields = node.fields.map((f) => {
        const field = `struct_extract(${expr}, ${literal(f.name)})`;
        return { name: f.name, field, json: floatsAsJson(field, f.type, depth) };
      });
      if (fields.every((f) => f.json === undefined)) return undefined;
      const packed = fields.map((f) => `${quoteIdent(f.name)} := ${f.json ?? f.field}`).join(', ');
      return `CASE WHEN ${expr} IS NULL THEN NULL ELSE struct_pack(${packed}) END`;
    }
    case 'union': {
      // DuckDB writes a UNION as {"tag": value}; written here the same way, as a JSON object
      const members = node.fields.map((f) => {
        const member = `union_extract(${expr}, ${literal(f.name)})`;
        return { name: f.name, member, json: floatsAsJson(member, f.type, depth) };
      });
      if (members.every((m) => m.json === undefined)) return undefined;
      const whens = members.map((m) => `WHEN ${literal(m.name)} THEN json_object(${literal(m.name)}, ${m.json ?? `to_json(${m.member})`})`).join(' ');
      return `CASE union_tag(${expr}) ${whens} END`;
    }
  }
}
