import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../helpers/cli.ts';
import { launchChromium, openReport, type PageLoad } from './browser.ts';

/** The quickstart report in headless Chromium: it loads offline, without errors, and draws every chart. */
describe('the quickstart report in Chromium', () => {
  const out = join(tempDir('livemodel-browser-'), 'quickstart');
  let context: BrowserContext;
  let page: Awaited<ReturnType<typeof openReport>>['page'];
  let load: PageLoad;

  beforeAll(async () => {
    const r = await runCliInProcess(['run', 'scenarios/quickstart.yaml', '--out', out, '--quiet']);
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

  it('takes a screenshot (into the run folder) that shows the headline text and drawn charts', async () => {
    const file = join(out, 'report-screenshot.png');
    await page.setViewportSize({ width: 1280, height: 1900 });
    await page.evaluate('window.scrollTo(0, 0)');
    const png = await page.screenshot({ path: file });
    // PNG header: width and height are the big-endian words at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 1900]);
    const chart = await page.locator('#c1 svg').boundingBox();
    const title = await page.locator('h1').boundingBox();
    expect(chart).not.toBeNull();
    expect(title).not.toBeNull();
    // Decode the screenshot in the page itself (no image library here) and measure two regions:
    // the headline (dark text on a light background) and the first chart (several line colours).
    const stats = (await page.evaluate(`(async () => {
      const img = new Image();
      img.src = 'data:image/png;base64,${png.toString('base64')}';
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width; c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const region = (b) => {
        const d = g.getImageData(Math.floor(b.x), Math.floor(b.y), Math.ceil(b.width), Math.ceil(b.height)).data;
        let dark = 0; const colours = new Set();
        for (let i = 0; i < d.length; i += 4) {
          if (d[i] + d[i + 1] + d[i + 2] < 200) dark++;
          colours.add((d[i] >> 4) + ',' + (d[i + 1] >> 4) + ',' + (d[i + 2] >> 4));
        }
        return { dark: dark / (d.length / 4), colours: colours.size };
      };
      return { title: region(${JSON.stringify(title)}), chart: region(${JSON.stringify(chart)}) };
    })()`)) as {
      title: { dark: number; colours: number };
      chart: { dark: number; colours: number };
    };
    expect(stats.title.dark).toBeGreaterThan(0.02); // the scenario's name is printed there
    expect(stats.chart.colours).toBeGreaterThan(8); // lines, axes, labels: not a blank box
  });
});
