import type { BarSeriesOption } from 'echarts/charts';
import { grid, legend, legendHeight, valueAxis } from './axes.ts';
import type { ChartOption } from './render-svg.ts';

export interface HistogramSeries {
  readonly name: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
}

/** Equal-width bins over [lo, hi] and each series' counts. */
export interface Bins {
  readonly lo: number;
  readonly width: number;
  readonly counts: number[][];
}

/**
 * Counts finite values into `bins` equal-width bins spanning all series (the maximum falls in
 * the last bin). A single distinct value gets a bin of width 1% of its size (or 0.01).
 *
 * @example
 * binValues([[0, 0.5, 1]], 2).counts; // [[1, 2]]
 */
export function binValues(series: readonly (readonly (number | null)[])[], bins: number): Bins {
  const all = series.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  let lo = all.length === 0 ? 0 : Math.min(...all);
  let hi = all.length === 0 ? 1 : Math.max(...all);
  if (hi === lo) {
    const pad = Math.abs(lo) * 0.01 || 0.01;
    lo -= pad;
    hi += pad;
  }
  const width = (hi - lo) / bins;
  const counts = series.map((values) => {
    const c = new Array<number>(bins).fill(0);
    for (const v of values) {
      if (v === null || !Number.isFinite(v)) continue;
      const i = Math.min(bins - 1, Math.floor((v - lo) / width));
      c[i] = (c[i] as number) + 1;
    }
    return c;
  });
  return { lo, width, counts };
}

/**
 * A histogram of per-symbol values (returns, accuracies) for several series side by side.
 *
 * @returns the ECharts option and height, or null when no series has a finite value.
 */
export function histogramChart(input: {
  series: readonly HistogramSeries[];
  bins?: number;
  percent: boolean;
  xName: string;
  width?: number;
}): { option: ChartOption; height: number } | null {
  if (!input.series.some((s) => s.values.some((v) => v !== null && Number.isFinite(v))))
    return null;
  const nBins = input.bins ?? 20;
  const b = binValues(
    input.series.map((s) => s.values),
    nBins,
  );
  const fmt = (v: number) =>
    input.percent
      ? `${(v * 100).toFixed(Math.abs(b.width) < 0.01 ? 1 : 0)}%`
      : v.toFixed(b.width < 0.01 ? 3 : 2);
  const labels = Array.from({ length: nBins }, (_, i) => fmt(b.lo + (i + 0.5) * b.width));
  const names = input.series.map((s) => s.name);
  const top = legendHeight(names, input.width) + 10;
  const series: BarSeriesOption[] = input.series.map((s, i) => ({
    name: s.name,
    type: 'bar',
    silent: true,
    color: s.color,
    barGap: '0%',
    data: b.counts[i] as number[],
  }));
  return {
    height: top + 200 + 44,
    option: {
      legend: legend(names),
      grid: grid(top, 200),
      xAxis: {
        type: 'category',
        data: labels,
        name: input.xName,
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: { fontSize: 10, color: '#555', hideOverlap: true },
        axisTick: { alignWithLabel: true },
      },
      yAxis: valueAxis(0, 'symbols', { scale: false }),
      series,
    },
  };
}
