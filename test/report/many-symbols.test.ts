import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../helpers/cli.ts';
import { CHROMIUM, launchChromium, openReport } from './browser.ts';

const SYMBOLS = 1000;
// 300 bars: one test per symbol (1,000 ab_tests rows, more than the report shows) and the same
// report as at 600 bars but for the length of its time axes (1.7 MB against 2.0 MB), in half the time
const BARS = 300;
const MB = 1024 * 1024;

/** A seeded random walk of SYMBOLS × BARS daily closes (LCG, so the file is the same every time). */
function writeRandomWalk(file: string): void {
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const price = new Array<number>(SYMBOLS).fill(100);
  const lines = ['ts,symbol,close'];
  for (let t = 0; t < BARS; t++) {
    const day = new Date(Date.UTC(2020, 0, 1) + t * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < SYMBOLS; i++) {
      price[i] = (price[i] as number) * Math.exp((next() - 0.5) * 0.04);
      lines.push(`${day},S${String(i).padStart(4, '0')},${(price[i] as number).toFixed(4)}`);
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** 1,000 symbols through the CLI (in this process): the report stays small and shows aggregates, not 1,000 charts. */
describe(`a ${SYMBOLS}-symbol run`, () => {
  const dir = tempDir('livemodel-many-');
  const out = join(dir, 'out');
  let html = '';

  beforeAll(async () => {
    writeRandomWalk(join(dir, 'walk.csv'));
    writeFileSync(
      join(dir, 'many.yaml'),
      'name: many\nseed: 5\ndata:\n  file: walk.csv\nlifecycle:\n  warmupBars: 30\n  policy: periodic\n  periodBars: 200\n',
    );
    const r = await runCliInProcess(['run', join(dir, 'many.yaml'), '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    html = readFileSync(join(out, 'report.html'), 'utf8');
  }, 240_000);

  it('writes a report under 5 MB', () => {
    const bytes = statSync(join(out, 'report.html')).size;
    console.log(
      `${SYMBOLS}-symbol report: ${(bytes / MB).toFixed(2)} MB, summary.json ${(statSync(join(out, 'summary.json')).size / MB).toFixed(2)} MB`,
    );
    expect(bytes).toBeLessThan(5 * MB);
  });

  it('shows distributions and a table of every symbol, and charts only the 6 best and 6 worst', () => {
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.run.symbols).toHaveLength(SYMBOLS);
    expect(html).toContain(`Total return per symbol (1,000 symbols)`);
    expect(html.match(/<tr><td>(<a [^>]+>)?S\d{4}/g)).toHaveLength(SYMBOLS);
    expect(html.match(/<div class="symbol-panel"/g)).toHaveLength(12);
    expect(html).toContain('the 6 best and 6 worst of 1000 symbols by total return of model');
    expect(html).toContain('Symbols not serving over time');
    expect(html).toMatch(
      /Showing the first 200 of [\d,]+ rows; all are in the run file: SELECT \* FROM ab_tests\./,
    );
  });

  it('loads in Chromium without errors (load time measured, not asserted)', async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\``,
      );
    const context = await launchChromium();
    try {
      const { load } = await openReport(context, join(out, 'report.html'));
      console.log(
        `${SYMBOLS}-symbol report: load event after ${load.loadMs.toFixed(0)} ms in headless Chromium`,
      );
      expect(load.errors).toEqual([]);
      expect(load.external).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
