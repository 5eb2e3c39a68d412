import { describe, expect, it } from 'vitest';
import type { ImportOutcome, MissingDataset } from '../../../shared/contracts/sessionImport';
import { importNotice } from './importNotice';

const outcome = (o: Partial<ImportOutcome>): ImportOutcome => ({
  sessionId: 's',
  title: 'Cars',
  fileEvents: 27,
  appended: 27,
  hereAlready: 0,
  alreadyImported: false,
  matchedDatasets: 0,
  reusedDatasets: 0,
  missingDatasets: [],
  relocatedDatasets: [],
  ...o,
});
const taken = (name: string): MissingDataset => ({ datasetId: name, name, source: `/data/${name}.csv`, reason: 'name-taken' });
// countOf keeps a number with its noun: a no-break space between them; a title is an isolate (U+2068 … U+2069)
const nb = (s: string) => s.replace(/(\d) (?=events?\b|datasets?\b)/g, '$1\u00a0').replace(/“([^”]*)”/g, '“\u2068$1\u2069”');
/** A text from the file, set apart from the app's words around it. */
const iso = (s: string) => `\u2068${s}\u2069`;

describe('what the window says after an import', () => {
  it('given every event of the file appended, then it says the count its export said', () => {
    expect(importNotice(outcome({}))).toBe(nb('Imported “Cars” (27 events).'));
    expect(importNotice(outcome({ fileEvents: 1, appended: 1 }))).toBe(nb('Imported “Cars” (1 event).'));
  });

  it('given a copy of a session whose history here differs, then it names the file’s session, the copy’s tab, and says the one here is unchanged', () => {
    const copy = { title: 'Cars (copy)', copyOf: { sessionId: 'f', title: 'Cars' } };
    expect(importNotice(outcome(copy))).toBe(nb('Imported “Cars” as a copy, “Cars (copy)” (27 events). The session here is unchanged.'));
    expect(importNotice(outcome({ ...copy, appended: 25, reusedDatasets: 2 }))).toBe(nb('Imported “Cars” as a copy, “Cars (copy)”: 25 of the file’s 27 events; 2 datasets already here were reused. The session here is unchanged.'));
  });

  it('given datasets already here reused, then it says how many of the file’s events were imported and why not the rest', () => {
    expect(importNotice(outcome({ appended: 25, reusedDatasets: 2, matchedDatasets: 2 }))).toBe(nb('Imported “Cars”: 25 of the file’s 27 events; 2 datasets already here were reused.'));
    expect(importNotice(outcome({ fileEvents: 30_001, appended: 30_000, reusedDatasets: 1 }))).toBe(nb('Imported “Cars”: 30,000 of the file’s 30,001 events; 1 dataset already here was reused.'));
  });

  it('given datasets left out because their name is taken here, then it says so, in the right number', () => {
    expect(importNotice(outcome({ appended: 26, missingDatasets: [taken('trips')] }))).toBe(nb('Imported “Cars”: 26 of the file’s 27 events; 1 dataset was left out: another dataset here has its name.'));
    expect(importNotice(outcome({ appended: 20, reusedDatasets: 1, missingDatasets: [taken('a'), taken('b')] }))).toBe(
      nb('Imported “Cars”: 20 of the file’s 27 events; 1 dataset already here was reused; 2 datasets were left out: other datasets here have their names.'),
    );
  });

  it('given datasets left out for names no dataset can have here, then it says so, in the right number', () => {
    const reserved = (name: string): MissingDataset => ({ ...taken(name), reason: 'name-reserved' });
    expect(importNotice(outcome({ appended: 26, missingDatasets: [reserved('sextant')] }))).toBe(nb('Imported “Cars”: 26 of the file’s 27 events; 1 dataset was left out: its name is not one a dataset can have here.'));
    expect(importNotice(outcome({ appended: 25, missingDatasets: [reserved(''), reserved('main')] }))).toBe(nb('Imported “Cars”: 25 of the file’s 27 events; 2 datasets were left out: their names are not ones a dataset can have here.'));
  });

  it('given a dataset matched to another file here by its content, then it says which file it now reads', () => {
    const weather = { datasetId: 'w', name: 'weather', source: '/home/alice/data/weather.csv', path: '/data/seattle-weather.csv' };
    expect(importNotice(outcome({ title: 'weather.csv', fileEvents: 41, appended: 41, matchedDatasets: 1, relocatedDatasets: [weather] }))).toBe(
      nb(`Imported “weather.csv” (41 events). ${iso('weather')} reads ${iso('/data/seattle-weather.csv')} (same content).`),
    );
    const cars = { datasetId: 'c', name: 'cars', source: '/home/alice/cars.json', path: '/data/autos.json' };
    expect(importNotice(outcome({ appended: 26, reusedDatasets: 1, relocatedDatasets: [weather, cars] }))).toBe(
      nb(`Imported “Cars”: 26 of the file’s 27 events; 1 dataset already here was reused. ${iso('weather')} reads ${iso('/data/seattle-weather.csv')} (same content); ${iso('cars')} reads ${iso('/data/autos.json')} (same content).`),
    );
  });

  it('given events an earlier import brought, then it says the rest were here already', () => {
    expect(importNotice(outcome({ fileEvents: 1_032, appended: 5, hereAlready: 1_027 }))).toBe(nb('Imported “Cars”: 5 of the file’s 1,032 events; the other 1,027 were here already.'));
    expect(importNotice(outcome({ fileEvents: 6, appended: 5, hereAlready: 1 }))).toBe(nb('Imported “Cars”: 5 of the file’s 6 events; the other one was here already.'));
  });

  it('given a reused dataset and events an earlier import brought, then both are said, so every skipped event is accounted for', () => {
    // The second export of a session imported once: 2 events of its dataset reused, 5 brought by the first import.
    expect(importNotice(outcome({ fileEvents: 10, appended: 3, reusedDatasets: 1, hereAlready: 5 }))).toBe(nb('Imported “Cars”: 3 of the file’s 10 events; 1 dataset already here was reused; 5 more were here already.'));
    expect(importNotice(outcome({ fileEvents: 10, appended: 7, leftRunning: 2, hereAlready: 1 }))).toBe(
      nb('Imported “Cars”: 7 of the file’s 10 events; 2 events of a query still running when it was exported were left out (export the session again once it has ended); one more was here already.'),
    );
  });

  it('given the file imported before, then nothing was added and its tab is open', () => {
    expect(importNotice(outcome({ appended: 0, alreadyImported: true, importedBefore: true, reusedDatasets: 1 }))).toBe(nb('“Cars” was imported before: nothing was added, its tab is open.'));
  });

  it('given a session made here, exported and imported back, then it is already here, never "imported before"', () => {
    expect(importNotice(outcome({ title: 'Delays', appended: 0, alreadyImported: true, importedBefore: false }))).toBe(nb('“Delays” is already here: nothing was added, its tab is open.'));
    // how it came here not known: only what is sure is said
    expect(importNotice(outcome({ title: 'Delays', appended: 0, alreadyImported: true }))).toBe(nb('“Delays” is already here: nothing was added, its tab is open.'));
  });

  it('given a title with a right-to-left override, then the app’s own words after it stay outside its isolate', () => {
    const title = 'Delays\u202Eevil';
    for (const notice of [
      importNotice(outcome({ title })),
      importNotice(outcome({ title, appended: 0, alreadyImported: true, importedBefore: true })),
      importNotice(outcome({ title, appended: 0, alreadyImported: true, importedBefore: false })),
    ]) {
      const start = notice.indexOf('\u2068');
      const end = notice.indexOf('\u2069');
      // the override sits inside the isolate, which closes before the app's words go on
      expect(notice.slice(start + 1, end)).toBe(title);
      expect(notice.indexOf('\u202E')).toBeGreaterThan(start);
      expect(notice.indexOf('\u202E')).toBeLessThan(end);
      expect(notice.slice(end + 1)).toMatch(/^” (\(|was|is)/);
    }
    expect(importNotice(outcome({ title }))).toBe(`Imported “\u2068${title}\u2069” (27\u00a0events).`);
  });

  it('given a query running when the session was exported, then it says its events were left out and how to bring them', () => {
    expect(importNotice(outcome({ appended: 24, leftRunning: 3 }))).toBe(
      nb('Imported “Cars”: 24 of the file’s 27 events; 3 events of a query still running when it was exported were left out (export the session again once it has ended).'),
    );
  });

  it('given a session closed when it was exported, then it says it stays closed and how to bring it back', () => {
    expect(importNotice(outcome({ closed: true }))).toBe(nb('Imported “Cars” (27 events). It was closed when it was exported: Reopen closed session brings it back.'));
    expect(importNotice(outcome({ closed: true, alreadyImported: true, importedBefore: true }))).toBe(nb('“Cars” was imported before: nothing was added, it is closed: Reopen closed session brings it back.'));
  });
});
