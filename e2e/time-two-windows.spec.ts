import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DRAFT_SAVE_DELAY_MS } from '../src/renderer/state/draftSaves';
import { countStoredEvents, nodeClient } from './nodeClient';
import { editor, editorText, mod, runSql, screenshot, status, tabs } from './workbench.helpers';

/**
 * Two windows on one web host and one session: each keeps its own tab, sees the other's changes
 * within a moment, and a change decided on a stale view is refused in plain words instead of
 * overwriting the other's. What the store holds is read back over the protocol from Node.
 */
test.beforeEach(() => test.skip(test.info().project.name !== 'web', 'two browser pages on one web host'));

/** Runs until cancelled. */
const LONG_SQL = 'select count(*) from range(20000000000) t(x) where x % 7 = 3';
const selected = (page: Page) => page.getByRole('tab', { selected: true });
const keepMine = (page: Page) => page.getByRole('button', { name: 'Keep mine' });
const takeTheirs = (page: Page) => page.getByRole('button', { name: 'Take theirs' });

async function secondWindow(page: Page): Promise<Page> {
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(tabs(other)).toHaveText(await tabs(page).allTextContents());
  return other;
}

/** Types into the editor the way a person does, replacing what is there. */
async function typeSql(page: Page, sql: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.type(sql);
}

test('each window keeps its own tab: opening or switching in one never moves the other', async ({ app }) => {
  const a = app.page;
  await expect(tabs(a)).toHaveText(['Session 1']);
  const b = await secondWindow(a);

  await a.getByRole('button', { name: 'New session' }).click();
  await expect(tabs(a)).toHaveText(['Session 1', 'Session 2']);
  await expect(selected(a)).toHaveText('Session 2');
  await expect(tabs(b)).toHaveText(['Session 1', 'Session 2']);
  await expect(selected(b)).toHaveText('Session 1');

  // Both clicks are recorded, B's before A's (the last one is what a restart opens)…
  const activations = () => countStoredEvents(a.url(), 'SessionActivated');
  const before = await activations();
  await b.getByRole('tab', { name: 'Session 2' }).click();
  await expect(selected(b)).toHaveText('Session 2');
  await expect.poll(activations).toBe(before + 1);
  await a.getByRole('tab', { name: 'Session 1' }).click();
  await expect(selected(a)).toHaveText('Session 1');
  await expect.poll(activations).toBe(before + 2);
  // …and neither moved the other window. A rename made in A after both clicks is the barrier: once
  // each window shows it, each has had both clicks (a window takes the log's events in order).
  await a.getByRole('tab', { name: 'Session 1' }).dblclick();
  await a.getByRole('textbox', { name: 'Session name' }).fill('First');
  await a.keyboard.press('Enter');
  await expect(tabs(a)).toHaveText(['First', 'Session 2']);
  await expect(tabs(b)).toHaveText(['First', 'Session 2']);
  await expect(selected(b)).toHaveText('Session 2');
  await expect(selected(a)).toHaveText('First');

  // A fresh window starts on the tab used last.
  const c = await secondWindow(a);
  await expect(selected(c)).toHaveText('First');
});

test("a rename and a draft made in one window appear in the other within a moment", async ({ shared: app }) => {
  const a = app.page;
  await expect(tabs(a)).toHaveText(['Session 1']);
  const b = await secondWindow(a);

  await a.getByRole('tab', { name: 'Session 1' }).dblclick();
  await a.getByRole('textbox', { name: 'Session name' }).fill('Cars by year');
  await a.keyboard.press('Enter');
  await expect(tabs(b)).toHaveText(['Cars by year']);

  await typeSql(a, 'select Year, count(*) from cars group by all');
  await expect.poll(() => editorText(b), { timeout: 5000 }).toBe('select Year, count(*) from cars group by all');
  const client = await nodeClient(a.url());
  try {
    await expect.poll(() => client.sessions()[0]?.draft).toBe('select Year, count(*) from cars group by all');
  } finally {
    client.close();
  }

  // And back: B's edit reaches A, which had nothing unsaved.
  await typeSql(b, 'select 42 as answer');
  await expect.poll(() => editorText(a), { timeout: 5000 }).toBe('select 42 as answer');
  await expect(keepMine(a)).toHaveCount(0);
  await expect(keepMine(b)).toHaveCount(0);
});

test('a rename decided on a stale view is refused with a plain message, and the window catches up', async ({ app }, testInfo) => {
  const a = app.page;
  await expect(tabs(a)).toHaveText(['Session 1']);
  const b = await secondWindow(a);

  // A starts renaming while the tab is still "Session 1"…
  await a.getByRole('tab', { name: 'Session 1' }).dblclick();
  await a.getByRole('textbox', { name: 'Session name' }).fill('Mine');
  // …B renames it meanwhile…
  await b.getByRole('tab', { name: 'Session 1' }).dblclick();
  await b.getByRole('textbox', { name: 'Session name' }).fill('Theirs');
  await b.keyboard.press('Enter');
  await expect(tabs(b)).toHaveText(['Theirs']);
  // …and A's rename, decided on the old name, is refused instead of overwriting B's.
  await a.getByRole('textbox', { name: 'Session name' }).press('Enter');
  await expect(status(a)).toContainText('This session changed in another window');
  await expect(tabs(a)).toHaveText(['Theirs']);
  await screenshot(a, testInfo, 'two-windows-stale-rename');
  const client = await nodeClient(a.url());
  try {
    expect(client.sessions().map((s) => s.title)).toEqual(['Theirs']);
  } finally {
    client.close();
  }

  // B runs a slow query: A's bar says so at once, the newer state winning over the older refusal…
  await b.getByRole('textbox', { name: 'SQL editor' }).click();
  await b.keyboard.type(LONG_SQL);
  await b.keyboard.press(`${mod}+Enter`);
  await expect(status(b)).toHaveText('Running…');
  await expect(status(a)).toHaveText('Running…');
  // …and its end too.
  await b.getByRole('button', { name: 'Cancel' }).click();
  await expect(status(a)).toHaveText('Cancelled');

  // Decided on what A now sees, the same rename goes through.
  await a.getByRole('tab', { name: 'Theirs' }).dblclick();
  await a.getByRole('textbox', { name: 'Session name' }).fill('Mine');
  await a.keyboard.press('Enter');
  await expect(tabs(a)).toHaveText(['Mine']);
  await expect(tabs(b)).toHaveText(['Mine']);
  await expect(status(a)).not.toContainText('changed in another window');
});

/**
 * Both windows type into the same session's editor at once; the draft saved later is refused.
 * Which one is later is the timers' business, so the test finds the window that shows the choice.
 */
async function editBothAtOnce(a: Page, b: Page, textA: string, textB: string) {
  await typeSql(a, textA);
  await typeSql(b, textB);
  await expect.poll(async () => (await keepMine(a).count()) + (await keepMine(b).count()), { timeout: 10_000 }).toBe(1);
  const [later, earlier, mine, theirs] = (await keepMine(a).count()) === 1 ? [a, b, textA, textB] : [b, a, textB, textA];
  return { later, earlier, mine, theirs };
}

test('simultaneous draft edits lose nothing: the later save is refused and the person keeps theirs or takes the other', async ({ app }, testInfo) => {
  const a = app.page;
  // Both windows' timers run on Playwright's clock (installed before the app loads; time flows as
  // usual), so the test can move past the save delay at once.
  await a.clock.install();
  await a.reload();
  await expect(tabs(a)).toHaveText(['Session 1']);
  const b = await secondWindow(a);
  const client = await nodeClient(a.url());
  const storedDraft = () => client.sessions()[0]?.draft;
  try {
    // Keep mine.
    const first = await editBothAtOnce(a, b, 'select 1 as typed_in_a', 'select 2 as typed_in_b');
    await expect(first.later.getByRole('alert')).toContainText('This session changed in another window');
    await screenshot(first.later, testInfo, 'two-windows-draft-conflict');
    await expect.poll(storedDraft).toBe(first.theirs);
    expect(await editorText(first.later)).toBe(first.mine); // the refused text is still on screen
    expect(await editorText(first.earlier)).toBe(first.theirs);
    await keepMine(first.later).click();
    await expect(keepMine(first.later)).toHaveCount(0);
    await expect.poll(storedDraft).toBe(first.mine);
    await expect.poll(() => editorText(first.earlier)).toBe(first.mine);
    expect(await editorText(first.later)).toBe(first.mine);

    // Take theirs.
    const second = await editBothAtOnce(a, b, 'select 3 as again_a', 'select 4 as again_b');
    await expect.poll(storedDraft).toBe(second.theirs);
    expect(await editorText(second.later)).toBe(second.mine);
    await takeTheirs(second.later).click();
    await expect(takeTheirs(second.later)).toHaveCount(0);
    await expect.poll(() => editorText(second.later)).toBe(second.theirs);
    // Taking theirs saved nothing of the person's: past the save delay, a query run in that window
    // (Run also saves whatever draft is pending) is the barrier, recorded after anything it sent before.
    await second.later.clock.runFor(2 * DRAFT_SAVE_DELAY_MS);
    await second.later.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => client.sessions()[0]?.history.length).toBe(1);
    expect(storedDraft()).toBe(second.theirs);
    expect(await editorText(second.earlier)).toBe(second.theirs);
    // Theirs was taken, yet the person's own text is one undo away.
    await editor(second.later).press(`${mod}+z`);
    await expect.poll(() => editorText(second.later)).toBe(second.mine);
  } finally {
    client.close();
  }
});

test('back from the past, a window saves its draft again though another window changed it meanwhile', async ({ shared: app }) => {
  const a = app.page;
  await runSql(a, 'select 1 as one');
  await expect(status(a)).toHaveText(/^1\u00a0row in /);
  // the session of this test's tab (on the shared app, earlier tests' sessions are open too), which
  // the second window opens on: it was opened last
  const title = (await selected(a).textContent())!;
  const b = await secondWindow(a);
  await expect(selected(b)).toHaveText(title);
  const client = await nodeClient(a.url());
  const storedDraft = () => client.sessions().find((s) => s.title === title)?.draft;
  try {
    // A looks at the past (its editor makes way), and B saves a draft meanwhile.
    await a.getByRole('button', { name: 'Timeline', exact: true }).click();
    await a.getByRole('list', { name: 'Timeline' }).getByRole('listitem').filter({ hasText: 'Opened' }).getByRole('button').first().click();
    await expect(a.getByRole('region', { name: 'Past view' })).toBeVisible();
    await typeSql(b, 'select 222 as theirs');
    await expect.poll(storedDraft, { timeout: 5000 }).toBe('select 222 as theirs');

    // Back to now, A shows B's draft, and what A does next is saved on top of it, not refused.
    await a.getByRole('region', { name: 'Past view' }).getByRole('button', { name: 'Back to now' }).click();
    await expect.poll(() => editorText(a)).toBe('select 222 as theirs');
    await runSql(a, 'select 333 as three');
    await expect(status(a)).toHaveText(/^1\u00a0row in /);
    await expect.poll(storedDraft).toBe('select 333 as three');
    await typeSql(a, 'select 444 as typed');
    await expect.poll(storedDraft, { timeout: 5000 }).toBe('select 444 as typed');
    await expect.poll(() => editorText(b), { timeout: 5000 }).toBe('select 444 as typed');
    await expect(keepMine(a)).toHaveCount(0);
  } finally {
    client.close();
  }
});
