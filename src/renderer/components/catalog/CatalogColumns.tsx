import { Ellipsis } from 'lucide-react';
import type { Column, DatasetTable } from '../../../shared/contracts/events';
import { tableLabel } from '../../../shared/domain/datasetRelation';
import { countOf } from '../format';

/** Each column on one line: its name and type cut with "…" (the type first), both whole in the title. */
export function ColumnList({ label, columns }: { label: string; columns: readonly Column[] }) {
  return (
    <ul className="columns" aria-label={label}>
      {columns.map((c) => (
        <li key={c.name} className="column" title={`${c.name} ${c.type}`}>
          <span className="column-name">{c.name}</span> <span className="column-type">{c.type}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * A DuckDB database file's tables, each with its columns (the database itself has none) and its
 * own actions, from a right-click on its row or its ⋯ button, as a dataset's.
 */
export function TableList({ name, tables, onActions }: { name: string; tables: readonly DatasetTable[]; onActions(table: DatasetTable, x: number, y: number): void }) {
  return (
    <ul className="columns" aria-label={`Tables of ${name}`}>
      {tables.map((t) => (
        <li key={tableLabel(t)}>
          <div
            className="column table-row"
            title={`${name}.${tableLabel(t)}`}
            onContextMenu={(e) => {
              e.preventDefault();
              e.stopPropagation(); // the table's menu, not its database's (its columns keep the database's, as a file's do)
              onActions(t, e.clientX, e.clientY);
            }}
          >
            <span className="column-name">{tableLabel(t)}</span> <span className="column-type">{countOf(t.columns.length, 'column')}</span>
            <button
              className="dataset-actions"
              aria-label={`Actions for ${name}.${tableLabel(t)}`}
              aria-haspopup="menu"
              onClick={(e) => {
                const r = e.currentTarget.getBoundingClientRect();
                onActions(t, r.left, r.bottom);
              }}
            >
              <Ellipsis aria-hidden="true" />
            </button>
          </div>
          <ColumnList label={`Columns of ${name}.${tableLabel(t)}`} columns={t.columns} />
        </li>
      ))}
    </ul>
  );
}
