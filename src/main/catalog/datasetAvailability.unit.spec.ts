import { describe, expect, it } from 'vitest';
import type { DatasetView } from '../../shared/views/appView';
import { DatasetAvailability } from './datasetAvailability';

const sales = { id: 'd1', name: 'sales', source: '/home/alice/sales.csv', status: 'ready', columns: [] } as unknown as DatasetView;

describe('what DuckDB can read of the catalog here', () => {
  it('given a dataset not here, when it is located (registered), then it is here, the generation moves and a waiter is told once', () => {
    const available = new DatasetAvailability();
    available.markNotHere(sales);
    let told = 0;
    available.onceRegistered(() => told++);
    available.registered('d1');
    available.registered('d1');
    expect(available.missing()).toEqual([]);
    expect(available.generation).toBe(2);
    expect(told).toBe(1);
  });

  it('given a thread that replaced a crashed one, when it attaches a dataset again, then nothing waiting for a change is told', () => {
    const available = new DatasetAvailability();
    let told = 0;
    available.onceRegistered(() => told++);
    available.reattached('d1');
    expect(available.generation).toBe(0);
    expect(told).toBe(0);
  });

  it('given windows listening, when a file goes and comes back, then each change of the set (and only a change) is published on the catalog topic', () => {
    const published: unknown[] = [];
    const available = new DatasetAvailability({ publishProgress: (p) => void published.push(p) });
    available.markNotHere(sales);
    available.markNotHere(sales);
    available.registered('d2');
    available.registered('d1');
    available.forget('d1');
    expect(published).toEqual([
      { kind: 'availability', topic: 'catalog', notHere: ['d1'] },
      { kind: 'availability', topic: 'catalog', notHere: [] },
    ]);
  });
});
