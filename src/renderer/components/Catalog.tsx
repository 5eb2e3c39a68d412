import { useState, type FormEvent } from 'react';
import type { Result } from '../../shared/contracts/errors';
import { datasetList, type DatasetView } from '../../shared/views/appView';

interface Props {
  datasets: Readonly<Record<string, DatasetView>>;
  onAdd(source: string): Promise<Result<unknown>>;
}

export function Catalog({ datasets, onAdd }: Props) {
  const [source, setSource] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!source.trim()) return;
    const r = await onAdd(source.trim());
    if (r.ok) setSource('');
  };
  return (
    <section className="catalog">
      <h2>Datasets</h2>
      <ul aria-label="Datasets">
        {datasetList({ sessions: {}, datasets }).map((d) => (
          <li key={d.id} className={`dataset ${d.status}`} title={d.source}>
            <span className="name">{d.name ?? d.source}</span>
            {d.status === 'loading' && <span className="meta"> loading…</span>}
            {d.status === 'ready' && <span className="meta"> {d.columns.length} columns</span>}
            {d.status === 'failed' && d.error && (
              <span className="meta error">
                {' '}
                {d.error.message} (error id {d.error.id})
              </span>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void submit(e)} className="add-dataset">
        <input aria-label="Dataset path or URL" placeholder="/path/to/data.parquet" value={source} onChange={(e) => setSource(e.target.value)} />
        <button type="submit">Add dataset</button>
      </form>
    </section>
  );
}
