import { describe, expect, it } from 'vitest';
import { CHART_WIDTH, legendHeight } from '../../src/report/charts/axes.ts';
import { equityChart } from '../../src/report/charts/equity-chart.ts';
import { FigureBook } from '../../src/report/charts/figure-book.ts';
import { ganttChart } from '../../src/report/charts/gantt-chart.ts';
import { binValues, histogramChart } from '../../src/report/charts/histogram-chart.ts';
import { linesChart } from '../../src/report/charts/lines-chart.ts';
import { strategyColors } from '../../src/report/charts/palette.ts';
import { renderSvg } from '../../src/report/charts/render-svg.ts';
import { lineName, rollingChart } from '../../src/report/charts/rolling-chart.ts';
import { curveFromEquity, curveFromReturns } from '../../src/report/charts/curves.ts';

const D = 86_400_000;

describe('server-side SVG charts', () => {
  it('doc example: renderSvg draws a line chart to an SVG string with ids named after the chart', () => {
    const svg = renderSvg({
      id: 'c1',
      width: 400,
      height: 200,
      option: {
        xAxis: { type: 'time' },
        yAxis: {},
        series: [
          {
            type: 'line',
            data: [
              [0, 1],
              [1, 2],
            ],
          },
        ],
      },
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('aria-label="c1"');
    expect(svg).not.toMatch(/\bzr\d+-/);
    expect(svg).toMatch(/<path d="M/);
  });

  it('gives the same SVG for the same chart (deterministic pages)', () => {
    const option = {
      xAxis: { type: 'time' as const },
      yAxis: {},
      series: [
        {
          type: 'line' as const,
          data: [
            [0, 1],
            [D, 2],
          ],
        },
      ],
    };
    expect(renderSvg({ id: 'x', width: 300, height: 150, option })).toBe(
      renderSvg({ id: 'x', width: 300, height: 150, option }),
    );
  });

  it('doc example: FigureBook numbers charts and turns a missing chart into its empty-state sentence', () => {
    const book = new FigureBook('r');
    expect(book.figure(null, { title: 'Equity', empty: 'No equity was recorded.' })).toContain(
      '<p class="empty">No equity was recorded.</p>',
    );
    const c = linesChart({
      lines: [
        {
          name: 'a',
          color: '#000',
          points: [
            [0, 1],
            [D, 2],
          ],
        },
      ],
      yName: 'y',
    });
    const html = book.figure(c, { title: 'T', empty: 'none' });
    expect(html).toMatch(/^<figure class="chart" id="r1"><h3>T<\/h3><svg/);
    expect(book.charts).toBe(1);
    const timed = linesChart({
      lines: [
        {
          name: 'a',
          color: '#000',
          points: [
            [0, 1],
            [D, 2],
          ],
        },
      ],
      yName: 'y',
      min: 0,
      max: D,
    });
    expect(book.figure(timed, { title: 'T', empty: 'none', width: 500 })).toContain(
      `id="r2" data-t0="0" data-t1="${D}" data-x0="84" data-x1="476"`,
    );
  });

  it('doc examples: curves compound returns from 1 with the drawdown below the running peak', () => {
    const c = curveFromReturns('m', [1, 2, 3], [0.1, -0.1, 0.05]);
    expect(c.equity.map((e) => Math.round(e * 1e6) / 1e6)).toEqual([1.1, 0.99, 1.0395]);
    expect(c.drawdown[0]).toBe(0);
    expect(c.drawdown[1]).toBeCloseTo(-0.1, 12);
    expect(c.drawdown[2]).toBeCloseTo(-0.055, 12);
    expect(curveFromEquity('m', [1, 2], [0.9, 1.2]).drawdown).toEqual([
      expect.closeTo(-0.1, 12),
      0,
    ]);
  });

  it('doc example: binValues spreads values over equal bins, the maximum in the last', () => {
    expect(binValues([[0, 0.5, 1]], 2).counts).toEqual([[1, 2]]);
    expect(binValues([[0.3, 0.3]], 4).counts[0]?.reduce((a, b) => a + b)).toBe(2);
    expect(binValues([[null, Number.NaN, 1]], 2).counts).toEqual([[0, 1]]);
    expect(
      histogramChart({
        series: [{ name: 'a', color: '#000', values: [null] }],
        percent: true,
        xName: 'x',
      }),
    ).toBeNull();
  });

  it('doc example: baselines keep their colours, variants take the palette in order', () => {
    const c = strategyColors(['model', 'buy_and_hold', 'other']);
    expect(c.get('buy_and_hold')).toBe('#5b6170');
    expect(c.get('model')).not.toBe(c.get('other'));
  });

  it('wraps legends into more rows on narrower charts', () => {
    const names = [
      'continuous',
      'degradation',
      'drift',
      'periodic',
      'buy_and_hold',
      'frozen',
      'naive',
    ];
    expect(legendHeight([])).toBe(0);
    expect(legendHeight(names, CHART_WIDTH)).toBe(22);
    expect(legendHeight(names, 500)).toBeGreaterThan(22);
  });

  it('draws equity with drawdown, rolling metrics with markers and regimes, and Gantt bars', () => {
    const curve = curveFromReturns('m', [0, D, 2 * D], [0.01, -0.02, 0.01]);
    const eq = equityChart({
      curves: [curve],
      colors: new Map([['m', '#123456']]),
      maxPoints: 100,
    });
    expect(renderSvg({ id: 'e', width: 600, height: eq.height, option: eq.option })).toContain(
      '#123456',
    );
    const pts = [0, 1, 2].map((i) => ({
      variant: 'm',
      symbol: 'A',
      role: 'champion',
      segment: 0,
      ts: i * D,
      n: 20,
      accuracy: 0.5,
      f1: 0.4,
      log_loss: 0.69,
    }));
    const roll = rollingChart({
      points: pts,
      markers: [{ variant: 'm', symbol: 'A', ts: D, kind: 'promotion', label: 'v2 promoted' }],
      regimes: [{ symbol: 'A', detector: 'vol', regime: 'calm', start_ts: 0, end_ts: D }],
      colors: new Map(),
    });
    expect(roll).not.toBeNull();
    expect(
      renderSvg({ id: 'r', width: 600, height: roll!.height, option: roll!.option }),
    ).toContain('promotion');
    expect(rollingChart({ points: [], markers: [], regimes: [], colors: new Map() })).toBeNull();
    expect([
      lineName('m', 'champion'),
      lineName('m', 'challenger'),
      lineName('m', 'frozen'),
    ]).toEqual(['m', 'm challenger', 'frozen']);
    const g = ganttChart({
      rows: ['state'],
      bars: [{ row: 0, start: 0, end: 2 * D, color: '#5cb85c', label: 'serving' }],
    });
    const svg = renderSvg({ id: 'g', width: 600, height: g.height, option: g.option });
    expect(svg).toContain('#5cb85c');
    expect(svg).toContain('serving');
  });
});
