import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.ts';
import { launchChromium, openReport, type PageLoad } from './browser.ts';

/** The quickstart report in headless Chromium: it loads offline, without errors, and draws every chart. */
describe('the quickstart report in Chromium', () => {
  const out = join(tempDir('livemodel-browser-'), 'quickstart');
  let context: BrowserContext;
  let page: Awaited<ReturnType<typeof openReport>>['page'];
  let load: PageLoad;

  beforeAll(async () => {
    const r = runCli(['run', 'scenarios/quickstart.yaml', '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    context = await launchChromium();
    ({ page, load } = await openReport(context, join(out, 'report.html')));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('loads with no console error and no request leaving the file', () => {
    expect(load.errors).toEqual([]);
    expect(load.external).toEqual([]);
    console.log(`quickstart report: load event after ${load.loadMs.toFixed(0)} ms`);
  });

  it('draws every chart: each chart container holds a non-empty SVG', async () => {
    // Browser-side code as strings: the project's TypeScript has no DOM types.
    const charts =
      (await page.evaluate(`Array.from(document.querySelectorAll('figure.chart')).map((f) => {
      const svg = f.querySelector('svg');
      return { id: f.id, elements: svg ? svg.querySelectorAll('path, text, rect').length : 0 };
    })`)) as { id: string; elements: number }[];
    expect(charts.length).toBeGreaterThanOrEqual(16); // 4 overview charts + 3 per symbol × 4 symbols
    expect(charts.filter((c) => c.elements < 10)).toEqual([]);
    const box = await page.locator('#c1 svg').boundingBox();
    expect(box?.width).toBeGreaterThan(600);
    expect(box?.height).toBeGreaterThan(200);
  });

  it('switches symbol panels with the picker and sorts the symbol table by a column', async () => {
    const visible = () =>
      page.evaluate(
        `Array.from(document.querySelectorAll('.symbol-panel')).filter((p) => !p.hidden).map((p) => p.dataset.key)`,
      );
    expect(await visible()).toEqual(['CAC']);
    await page.selectOption('#symbol-picker', 'SMI');
    expect(await visible()).toEqual(['SMI']);
    const firstColumn = () =>
      page.evaluate(
        `Array.from(document.querySelectorAll('.symtable tbody tr')).map((tr) => tr.cells[0].textContent)`,
      );
    expect(await firstColumn()).toEqual(['CAC', 'DAX', 'FTSE', 'SMI']);
    await page.click('.symtable th:nth-child(5)'); // buy & hold return, ascending
    expect(await firstColumn()).toEqual(['FTSE', 'CAC', 'DAX', 'SMI']);
    await page.fill('input[data-filter="symtable"]', 'ax');
    expect(
      await page.evaluate(
        `Array.from(document.querySelectorAll('.symtable tbody tr')).filter((tr) => !tr.hidden).length`,
      ),
    ).toBe(1);
    await page.fill('input[data-filter="symtable"]', '');
    await page.selectOption('#symbol-picker', 'CAC');
  });

  it('shows the date under the pointer on time charts', async () => {
    await page.locator('#c1 svg').hover(); // scrolls it into view, pointer at its centre
    const date = (await page.locator('#c1 .hover-date').textContent()) ?? '';
    expect(date).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(date > '1994-01-01' && date < '1996-12-31').toBe(true); // the middle of 1991-11 … 1998-08
    await page.mouse.move(0, 0);
  });

  it('saves a screenshot under reports/', async () => {
    mkdirSync(join(ROOT, 'reports'), { recursive: true });
    const file = join(ROOT, 'reports', 'report-screenshot.png');
    await page.setViewportSize({ width: 1280, height: 1900 });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: file });
    copyFileSync(file, join(out, 'report-screenshot.png'));
  });
});
