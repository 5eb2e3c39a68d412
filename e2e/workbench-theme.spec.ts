import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { grid, ready, runSql, screenshot, status } from './workbench.helpers';

/** Relative luminance of a CSS rgb() colour, 0 (black) to 1 (white). */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`follows the OS ${scheme} theme and fits 1280×800 without page scrolling`, async ({ shared: app }, testInfo) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await ready(page, 'cars');
    await runSql(page, "select Name, Miles_per_Gallon, Horsepower, Origin, Year from cars order by Name");
    await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
    await expect(grid(page).getByRole('gridcell').first()).not.toHaveText('');

    const colours = await page.evaluate(() => {
      const of = (sel: string) => getComputedStyle(document.querySelector(sel)!);
      const run = of('.toolbar button.primary');
      return { bg: of('body').backgroundColor, fg: of('body').color, editor: of('.cm-editor').backgroundColor, grid: of('.grid-td').color, runFg: run.color, runBg: run.backgroundColor };
    });
    const bg = luminance(colours.bg);
    if (scheme === 'dark') expect(bg).toBeLessThan(0.1);
    else expect(bg).toBeGreaterThan(0.8);
    // Text against its background: at least WCAG AA's 4.5:1.
    const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    expect(contrast(luminance(colours.fg), bg)).toBeGreaterThan(4.5);
    expect(contrast(luminance(colours.grid), luminance(colours.editor))).toBeGreaterThan(4.5);
    // …and on an accent fill (Run, dialog buttons, menus, badges take the same --on-accent).
    expect(contrast(luminance(colours.runFg), luminance(colours.runBg))).toBeGreaterThan(4.5);

    // The window does not scroll as a whole: each panel scrolls on its own.
    const overflow = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
    expect(overflow).toEqual({ w: 1280, h: 800 });
    for (const name of ['Run', 'Cancel', 'New session', 'Add dataset']) await expect(page.getByRole('button', { name, exact: true })).toBeInViewport();
    await screenshot(page, testInfo, `workbench-${scheme}`);

    // NULL is muted, yet read: 4.5:1 on a row and on a selected cell too.
    await runSql(page, 'select Name, Miles_per_Gallon from cars where Miles_per_Gallon is null');
    const nullCell = grid(page).locator('.grid-td.null').first();
    await expect(nullCell).toHaveText('NULL');
    // Polled: the virtual grid may render its rows again between two reads (a detached cell has no style).
    let fg = '';
    await expect
      .poll(async () => (fg = await page.evaluate(() => {
        const cell = document.querySelector('.grid-td.null');
        return cell ? getComputedStyle(cell).color : '';
      })))
      .toMatch(/^rgb/);
    const nulls = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--accent-soft)';
      document.body.append(probe);
      const selected = getComputedStyle(probe).color;
      probe.remove();
      return { bg: getComputedStyle(document.body).backgroundColor, selected };
    });
    expect(contrast(luminance(fg), luminance(nulls.bg))).toBeGreaterThan(4.5);
    expect(contrast(luminance(fg), luminance(nulls.selected))).toBeGreaterThan(4.5);
  });
}

/** Every button of the editor's and the grid's toolbars: its label on one line, inside its toolbar. */
async function toolbarSpills(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[role="toolbar"]')].flatMap((bar) => {
      const box = bar.getBoundingClientRect();
      return [...bar.querySelectorAll<HTMLElement>('button')].flatMap((b) => {
        const r = b.getBoundingClientRect();
        const name = `${bar.getAttribute('aria-label')}: ${b.textContent}`;
        return [...(r.height > 32 ? [`${name} wraps (${Math.round(r.height)} px high)`] : []), ...(r.right > box.right + 1 ? [`${name} spills out (${Math.round(r.right)} > ${Math.round(box.right)})`] : [])];
      });
    }),
  );
}

test('the toolbars wrap instead of spilling: 1280×800 with a profile open, and a 900 px window', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: 'Profile', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Column profiles' })).toBeVisible();
  expect(await toolbarSpills(page)).toEqual([]);
  // one icon, one meaning: no two of a toolbar's buttons share an icon
  const icons = await page.getByRole('toolbar', { name: 'Result view' }).locator('button svg.lucide').evaluateAll((svgs) => svgs.map((s) => s.getAttribute('class')));
  expect(new Set(icons).size).toBe(icons.length);

  await page.setViewportSize({ width: 900, height: 800 });
  await page.keyboard.press('Escape');
  expect(await toolbarSpills(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(900);
  // nothing the workspace holds lies under the history panel: Timeline takes a click
  await page.getByRole('button', { name: 'Timeline', exact: true }).click({ timeout: 5000 });
  await expect(page.getByRole('list', { name: 'Timeline' })).toBeVisible();
});

test('a chart drawn in one theme is drawn again in the other when the OS switches: its text stays readable', async ({ shared: app }) => {
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'light' });
  await ready(page, 'cars');
  await runSql(page, 'select Horsepower from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  const chartRegion = page.getByRole('region', { name: 'Chart', exact: true });
  await expect(chartRegion.getByRole('img', { name: /^Histogram of Horsepower/ })).toBeVisible();
  // Plot writes the theme's text color on its SVG (not the icons', which inherit it), the axes' text inherits it
  const colours = () =>
    page.evaluate(() => {
      const svg = document.querySelector('[role="region"][aria-label="Chart"] svg:not(.lucide)');
      return { chart: svg ? getComputedStyle(svg).color : '', bg: getComputedStyle(document.body).backgroundColor, fg: getComputedStyle(document.body).color };
    });
  // the region is named before its plot is drawn: wait for the plot itself
  await expect.poll(async () => (await colours()).chart).not.toBe('');
  const light = await colours();
  expect(light.chart).toBe(light.fg);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(async () => luminance((await colours()).bg)).toBeLessThan(0.1);
  await expect.poll(async () => (await colours()).chart).toBe((await colours()).fg);
  const dark = await colours();
  expect(dark.chart).not.toBe(light.chart);
  expect((Math.max(luminance(dark.chart), luminance(dark.bg)) + 0.05) / (Math.min(luminance(dark.chart), luminance(dark.bg)) + 0.05)).toBeGreaterThan(4.5);
});

test('a dialog stands out from the page it dims, in the dark theme as in the light', async ({ shared: app }) => {
  const { page } = app;
  const contrasts: number[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.getByRole('button', { name: 'Export session…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export session' });
    await expect(dialog).toBeVisible();
    // the page's colour as seen through the backdrop (its rgba laid over it), against the dialog's own
    const { page: under, dialog: surface } = await dialog.evaluate((el) => {
      const [r, g, b, a = 1] = (getComputedStyle(el.parentElement!).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
      const [pr, pg, pb] = (getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
      const over = (c: number, p: number) => Math.round(c * a + p * (1 - a));
      return { page: `rgb(${over(r!, pr!)}, ${over(g!, pg!)}, ${over(b!, pb!)})`, dialog: getComputedStyle(el).backgroundColor };
    });
    const [hi, lo] = [luminance(surface), luminance(under)].sort((x, y) => y - x) as [number, number];
    contrasts.push((hi + 0.05) / (lo + 0.05));
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  // light 2.4; dark 1.44, where the dialog in the page's own colour under a light dimming was 1.07
  expect(contrasts[0]).toBeGreaterThan(2);
  expect(contrasts[1]).toBeGreaterThan(1.35);
});

test('the Theme button picks light or dark over the OS, remembered across a reload, and a chart follows it', async ({ shared: app }) => {
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'dark' });
  await ready(page, 'cars');
  await runSql(page, 'select Horsepower from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Chart', exact: true }).getByRole('img', { name: /^Histogram of Horsepower/ })).toBeVisible();
  const colours = async () => {
    const read = await page.evaluate(() => {
      const svg = document.querySelector('[role="region"][aria-label="Chart"] svg:not(.lucide)');
      return { chart: svg ? getComputedStyle(svg).color : '', bg: getComputedStyle(document.body).backgroundColor, fg: getComputedStyle(document.body).color };
    });
    return { ...read, bg: luminance(read.bg) };
  };
  await expect.poll(async () => (await colours()).bg).toBeLessThan(0.1);

  const toggle = page.getByRole('button', { name: /^Theme: / });
  await expect(toggle).toHaveAccessibleName('Theme: System');
  await expect(toggle).toHaveAttribute('title', 'Theme: follows the system. Press for light.');
  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Theme: Light');
  await expect.poll(async () => (await colours()).bg).toBeGreaterThan(0.8);
  // the chart is drawn again in the picked theme's text colour, not left in the OS's
  await expect.poll(async () => { const c = await colours(); return c.chart === c.fg; }).toBe(true);

  await page.reload();
  await ready(page, 'cars');
  await expect(toggle).toHaveAccessibleName('Theme: Light');
  expect((await colours()).bg).toBeGreaterThan(0.8);

  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Theme: Dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(async () => (await colours()).bg).toBeLessThan(0.1);

  // back to following the OS, which is light now
  await toggle.press('Enter');
  await expect(toggle).toHaveAccessibleName('Theme: System');
  await expect.poll(async () => (await colours()).bg).toBeGreaterThan(0.8);
});
