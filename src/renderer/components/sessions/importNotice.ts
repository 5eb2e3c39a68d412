import type { ImportOutcome } from '../../../shared/contracts/sessionImport';
import { isolate } from '../../../shared/text/isolate';
import { countOf, formatCount } from '../format';

/**
 * What the window says once a session log is imported. The export reported the file's event count;
 * when fewer were appended here the sentence says "N of the file's M" and why the rest were not, so
 * the two counts never read as a contradiction (docs/share.md, "Session import").
 */
export function importNotice(outcome: ImportOutcome): string {
  // the file's words (its title, a dataset's name or path) isolated: a U+202E in them cannot turn the app's around
  const title = `“${isolate(outcome.title)}”`;
  // "imported before" only when an import brought it; a session exported and imported back was made here
  const tab = outcome.closed ? 'it is closed: Reopen closed session brings it back' : 'its tab is open';
  if (outcome.alreadyImported) return outcome.importedBefore ? `${title} was imported before: nothing was added, ${tab}.` : `${title} is already here: nothing was added, ${tab}.`;
  // a copy is named twice: what the file called it, and the new tab's title beside the one here
  const named = outcome.copyOf ? `“${isolate(outcome.copyOf.title)}” as a copy, ${title}` : title;
  const unchanged = outcome.copyOf ? ' The session here is unchanged.' : '';
  return `${imported(outcome, named)}${rereads(outcome)}${unchanged}${outcome.closed ? ' It was closed when it was exported: Reopen closed session brings it back.' : ''}`;
}

/**
 * The datasets now reading another file here, found by their content: said, since the session's
 * SQL reads a file its author never named (" weather reads /data/seattle-weather.csv (same content).").
 */
function rereads(outcome: ImportOutcome): string {
  if (outcome.relocatedDatasets.length === 0) return '';
  return ` ${outcome.relocatedDatasets.map((d) => `${isolate(d.name)} reads ${isolate(d.path)} (same content)`).join('; ')}.`;
}

function imported(outcome: ImportOutcome, title: string): string {
  const { appended, fileEvents, reusedDatasets } = outcome;
  if (appended >= fileEvents) return `Imported ${title} (${countOf(appended, 'event')}).`;
  const why: string[] = [];
  if (reusedDatasets > 0) why.push(`${countOf(reusedDatasets, 'dataset')} already here ${reusedDatasets === 1 ? 'was' : 'were'} reused`);
  const taken = outcome.missingDatasets.filter((d) => d.reason === 'name-taken').length;
  if (taken > 0) why.push(`${countOf(taken, 'dataset')} ${taken === 1 ? 'was left out: another dataset here has its name' : 'were left out: other datasets here have their names'}`);
  const reserved = outcome.missingDatasets.filter((d) => d.reason === 'name-reserved').length;
  if (reserved > 0) why.push(`${countOf(reserved, 'dataset')} ${reserved === 1 ? 'was left out: its name is not one a dataset can have here' : 'were left out: their names are not ones a dataset can have here'}`);
  const running = outcome.leftRunning ?? 0;
  if (running > 0) why.push(`${countOf(running, 'event')} of a query still running when it was exported ${running === 1 ? 'was' : 'were'} left out (export the session again once it has ended)`);
  // Events an earlier import of this session brought: said beside the datasets', so every event skipped is accounted for.
  const here = outcome.hereAlready;
  if (here > 0) why.push(here === 1 ? `${why.length > 0 ? 'one more' : 'the other one'} was here already` : `${why.length > 0 ? `${formatCount(here)} more` : `the other ${formatCount(here)}`} were here already`);
  return `Imported ${title}: ${formatCount(appended)} of the file’s ${countOf(fileEvents, 'event')}; ${why.join('; ')}.`;
}
