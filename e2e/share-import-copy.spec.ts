import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { exportSession, importSessionFile, recordNotices } from './share.helpers';
import { history, ready, runSql, status, tabs } from './workbench.helpers';

// The desktop app imports through the OS's open dialog, which Playwright cannot drive.
test.beforeEach(() => test.skip(test.info().project.name !== 'web', 'a browser file chooser; the desktop uses the OS dialog'));

/**
 * A session log whose session went on both here and elsewhere (docs/share.md, "Import as a copy"):
 * exported, then a query run here, while the file went on with a rename of its own. Its import is
 * refused as before; "Import as a copy", pressed from the keyboard, brings the file's session in as a
 * new tab, the session here unchanged.
 */
test('a diverged session log is refused, then imported as a copy: a new tab with the file’s history', async ({ app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select count(*) as shared from cars');
  await expect(status(page)).toHaveText(/^1\u00a0row in /);
  const logPath = testInfo.outputPath('cars.sextant.ndjson');
  const [headerLine, ...lines] = (await exportSession(page, 'Event log (NDJSON)', logPath)).trimEnd().split('\n');
  // here: a query of its own
  await runSql(page, 'select 2 as here');
  await expect(history(page).getByRole('listitem')).toHaveCount(2);
  // elsewhere: the file goes on with a rename the session here never had
  const header = JSON.parse(headerLine!);
  const last = JSON.parse(lines.filter((l) => JSON.parse(l).aggregateType === 'QuerySession').at(-1)!);
  const renamed = { ...last, eventId: randomUUID(), aggregateSeq: last.aggregateSeq + 1, type: 'SessionRenamed', payload: { title: 'Elsewhere' } };
  const diverged = testInfo.outputPath('diverged.sextant.ndjson');
  writeFileSync(diverged, [JSON.stringify({ ...header, eventCount: header.eventCount + 1 }), ...lines, JSON.stringify(renamed)].join('\n') + '\n');

  const notices = await recordNotices(page);
  await importSessionFile(page, diverged);
  const report = page.getByRole('region', { name: 'Session import' });
  // the refusal is the alert, read out alone; the way on is a button below it, saying what it does
  await expect(report.getByRole('alert')).toContainText(/ here and in the file part ways after its event \d+ .*Nothing was imported\. \(error id \S+\) Copy id$/);
  await expect(tabs(page)).toHaveCount(1);

  const asCopy = report.getByRole('button', { name: 'Import as a copy', exact: true });
  await expect(asCopy).toHaveAccessibleDescription('The file’s session can come in as a new session; the one here stays as it is.');
  await expect(report.getByText('The file’s session can come in as a new session; the one here stays as it is.')).toBeVisible();
  await asCopy.focus();
  await page.keyboard.press('Enter');
  await expect(report).toHaveCount(0);
  await expect(tabs(page)).toHaveCount(2);
  await expect(tabs(page).nth(1)).toHaveText(/Elsewhere \(copy\)/);
  await expect(tabs(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect.poll(notices).toContainEqual(expect.stringMatching(/^Imported “\u2068Elsewhere\u2069” as a copy, “\u2068Elsewhere \(copy\)\u2069”: \d+ of the file’s \d+\u00a0events; 1\u00a0dataset already here was reused\. The session here is unchanged\.$/));
  // the focus is not lost with the report's button: it is back on "Import session…"
  await expect(page.getByRole('button', { name: 'Import session…' })).toBeFocused();
  // the file's cars is this catalog's own sample (reused); the copy holds the file's history, the session here its own
  await expect(history(page).getByRole('listitem')).toHaveCount(1);
  await expect(history(page).getByRole('listitem').first()).toContainText('select count(*) as shared from cars');
  await tabs(page).nth(0).click();
  await expect(history(page).getByRole('listitem')).toHaveCount(2);
  await expect(history(page).getByRole('listitem').first()).toContainText('select 2 as here');
});
