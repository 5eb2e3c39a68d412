import { expect, test } from './fixtures';
import { exportSession, importOnFreshMachine, reloadUntilConnected } from './share.helpers';
import { grid, gridRow, ready, runSql, status, tabs } from './workbench.helpers';

// The desktop app exports and imports through the OS's save and open dialogs, which Playwright cannot drive.
test.beforeEach(() => test.skip(test.info().project.name !== 'web', 'a browser download and file chooser; the desktop uses the OS dialogs'));

const RERUN_SHOWN = 'This result was not kept: the rows shown come from running its SQL again, not from the run recorded here.';

/**
 * A result whose rows are not kept here (an imported session's query ran elsewhere) is shown from
 * running its SQL again: the live view says so beside the recorded run's count, and the past view
 * in the same words (status/rerunNote.ts).
 */
test('an imported result shown from running its SQL again says so, live and in the past view; a result run here says nothing', async ({ app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  const sql = 'select "Origin", count(*) as n from cars group by 1 order by 1';
  await runSql(page, sql);
  await expect(status(page)).toHaveText(/^3\u00a0rows in [\d,]+\u00a0ms$/);
  // run here: its rows are the run's own
  await expect(page.getByRole('note').filter({ hasText: 'not kept' })).toHaveCount(0);

  const logPath = testInfo.outputPath('session.sextant.ndjson');
  await exportSession(page, 'Event log (NDJSON)', logPath);
  await importOnFreshMachine(app, logPath, 'cars');
  await expect(tabs(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(gridRow(page, 2).getByRole('gridcell').first()).toHaveText('Europe', { timeout: 15_000 });
  // the status is the recorded run's; beside it, where the rows shown come from
  await expect(status(page)).toHaveText(/^3\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(page.locator('.statusbar').getByRole('note')).toHaveText(RERUN_SHOWN);
  // the sentence keeps its width beside the long note: it was squeezed to one character a line
  expect((await status(page).boundingBox())!.height).toBeLessThan(30);

  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').filter({ hasText: /Ran query select "Origin"/ }).getByRole('button').first().click();
  await expect(page.getByRole('region', { name: 'Past view' })).toBeVisible();
  await expect(grid(page)).toBeVisible();
  await expect(page.locator('.past-rerun')).toHaveText(RERUN_SHOWN);
  await page.getByRole('button', { name: 'Back to now' }).click();
  await expect(page.locator('.statusbar').getByRole('note')).toHaveText(RERUN_SHOWN);

  // after a reload no frame comes (the re-run is over): the rows' pages say where they came from
  await reloadUntilConnected(page);
  await expect(gridRow(page, 2).getByRole('gridcell').first()).toHaveText('Europe');
  await expect(page.locator('.statusbar').getByRole('note')).toHaveText(RERUN_SHOWN);
});
