import { Ellipsis, EyeOff, Table2, View } from 'lucide-react';
import type { Column, DatasetTable } from '../../../shared/contracts/events';
import { tableLabel } from '../../../shared/domain/datasetRelation';
import { countOf } from '../format';
import { isView, kindDescription } from './tableKinds';

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

/** A table's icon, named for a screen reader: a table, a view, or a view that cannot be read. */
function KindIcon({ table }: { table: DatasetTable }) {
  if (table.unreadable !== undefined) return <EyeOff role="img" aria-label="View that cannot be read" className="table-kind unreadable" />;
  return isView(table) ? <View role="img" aria-label="View" className="table-kind" /> : <Table2 role="img" aria-label="Table" className="table-kind" />;
}

/**
 * A DuckDB database file's tables and views, each with its columns (the database itself has none)
 * and its own actions, from a right-click on its row or its ⋯ button, as a dataset's. A view that
 * cannot be read shows DuckDB's reason in place of columns it does not have.
 */
export function TableList({ name, tables, onActions }: { name: string; tables: readonly DatasetTable[]; onActions(table: DatasetTable, x: number, y: number): void }) {
  return (
    <ul className="columns" aria-label={`Tables of ${name}`}>
      {tables.map((t) => (
        <li key={tableLabel(t)}>
          <div
            className={`column table-row${t.unreadable === undefined ? '' : ' unreadable'}`}
            title={`${name}.${tableLabel(t)} (${kindDescription(t)})`}
            onContextMenu={(e) => {
              e.preventDefault();
              e.stopPropagation(); // the table's menu, not its database's (its columns keep the database's, as a file's do)
              onActions(t, e.clientX, e.clientY);
            }}
          >
            <KindIcon table={t} />
            <span className="column-name">{tableLabel(t)}</span>
            {/* a view that cannot be read has no count: its name keeps the room, the reason under it says why */}
            {t.unreadable === undefined && <> <span className="column-type">{countOf(t.columns.length, 'column')}</span></>}
            <button
              className="dataset-actions"
              aria-label={`Actions for ${name}.${tableLabel(t)}`}
              aria-description={kindDescription(t)}
              aria-haspopup="menu"
              onClick={(e) => {
                const r = e.currentTarget.getBoundingClientRect();
                onActions(t, r.left, r.bottom);
              }}
            >
              <Ellipsis aria-hidden="true" />
            </button>
          </div>
          {t.unreadable === undefined ? <ColumnList label={`Columns of ${name}.${tableLabel(t)}`} columns={t.columns} /> : <p className="table-unreadable">Cannot be read: {t.unreadable}</p>}
        </li>
      ))}
    </ul>
  );
}
