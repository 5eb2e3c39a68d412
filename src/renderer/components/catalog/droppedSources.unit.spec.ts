import { describe, expect, it } from 'vitest';
import { droppedSources, type DroppedData } from './droppedSources';

const file = (name: string) => ({ name }) as File;
const drop = (files: File[], uriList = ''): DroppedData => ({ files, getData: (f) => (f === 'text/uri-list' ? uriList : '') });

describe('dropping onto the window', () => {
  it('in Electron, a dropped file is added by its path', () => {
    const bridge = { pathForFile: (f: File) => `/data/${f.name}` };
    expect(droppedSources(drop([file('trips.csv'), file('b.parquet')]), bridge)).toEqual({ sources: ['/data/trips.csv', '/data/b.parquet'], unresolved: [] });
  });
  it('in a browser, a dropped file cannot be located and is reported by name', () => {
    expect(droppedSources(drop([file('trips.csv')]), undefined)).toEqual({ sources: [], unresolved: ['trips.csv'] });
  });
  it('a dragged link or file URI is added as a URL or a path', () => {
    const uris = '# comment\nhttps://example.org/data/cars.json\nfile:///home/me/My%20Data/trips.csv\nmailto:x@y';
    expect(droppedSources(drop([], uris), undefined).sources).toEqual(['https://example.org/data/cars.json', '/home/me/My Data/trips.csv']);
  });
});
