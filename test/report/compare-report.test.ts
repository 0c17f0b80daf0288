import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ComparedRun,
  labelRuns,
  overlayCurves,
  renderComparison,
  writeComparison,
} from '../../src/report/index.ts';
import { curveFromReturns } from '../../src/report/charts/curves.ts';
import { tempDir } from '../helpers/cli.ts';
import { createTinyRun } from './tiny-run.ts';

function fakeRun(label: string, variant: string, returns: number[]): ComparedRun {
  return {
    label,
    file: `/runs/${label}/run.duckdb`,
    summary: { models: { [variant]: {} } } as unknown as ComparedRun['summary'],
    period: { first_ts: 0, last_ts: 1, bars: 2 },
    curves: [
      curveFromReturns(variant, [0, 1], returns),
      curveFromReturns('buy_and_hold', [0, 1], [0.01, 0.02]),
    ],
  };
}

describe('comparison report', () => {
  it('labels runs by folder, numbering folders with the same name', () => {
    expect(labelRuns(['/a/x/run.duckdb', '/b/y/run.duckdb'])).toEqual(['x', 'y']);
    expect(labelRuns(['/a/out/run.duckdb', '/b/out/run.duckdb', '/c/z/run.duckdb'])).toEqual([
      '#1 out',
      '#2 out',
      'z',
    ]);
  });

  it('overlays every run’s variants, draws a baseline shared by all runs once, variants first', () => {
    const o = overlayCurves([fakeRun('a', 'model', [0.1, 0]), fakeRun('b', 'model', [0.2, 0])]);
    expect(o.curves.map((c) => c.name)).toEqual(['a · model', 'b · model', 'buy_and_hold']);
    expect([...o.variants]).toEqual(['a · model', 'b · model']);
    expect(o.colors.get('a · model')).not.toBe(o.colors.get('b · model'));
  });

  it('doc example: writes one self-contained page with every run’s headline, tearsheets and equity', async () => {
    const a = await createTinyRun({ events: true });
    const b = await createTinyRun({ events: false });
    const out = join(tempDir(), 'deep', 'compare.html');
    const { html, runs } = await writeComparison([dirname(a), b], out);
    expect(html).toBe(out);
    expect(runs.map((r) => r.summary.run.status)).toEqual(['complete', 'failed']);
    const page = readFileSync(out, 'utf8');
    expect(page).toBe(renderComparison(runs));
    expect(page).toContain('<h1>Comparison of 2 runs</h1>');
    expect(page).toMatch(/<b>[^<]+: FAILED\.<\/b> This run failed: boom at line 9\./);
    expect(page.match(/<td><b>[^<]+<\/b><\/td><td>m<\/td><td>variant<\/td>/g)).toHaveLength(2);
    expect(page).toMatch(/<figure class="chart" id="k1"[^>]*><h3>Equity and drawdown/);
    await expect(writeComparison([a], out)).rejects.toThrow(
      /Expected two or more runs to compare, got 1/,
    );
  });
});
