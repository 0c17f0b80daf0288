import type { LineSeriesOption } from 'echarts/charts';
import type { Curve } from './curves.ts';
import { downsample } from './downsample.ts';
import { grid, legend, legendHeight, timeAxis, valueAxis } from './axes.ts';
import { FigureBook, type TimeRange } from './figure-book.ts';
import type { ChartOption } from './render-svg.ts';

export interface EquityChartInput {
  readonly curves: readonly Curve[];
  /** Colour of each curve by name. */
  readonly colors: ReadonlyMap<string, string>;
  /** Points kept per line (LTTB). */
  readonly maxPoints: number;
  /** Names drawn thicker (the model variants). */
  readonly emphasis?: ReadonlySet<string>;
}

/**
 * Equity curves on top and their drawdowns underneath, on one shared time axis. Each line is
 * downsampled with LTTB to `maxPoints` points.
 *
 * @returns the ECharts option and the chart height in px.
 */
export function equityChart(input: EquityChartInput): {
  option: ChartOption;
  height: number;
  time: TimeRange | undefined;
} {
  const names = input.curves.map((c) => c.name);
  const top = legendHeight(names) + 12;
  const eqHeight = 240;
  const ddTop = top + eqHeight + 36;
  const ddHeight = 110;
  const ts = input.curves.flatMap((c) =>
    c.ts.length === 0 ? [] : [c.ts[0] as number, c.ts[c.ts.length - 1] as number],
  );
  const min = ts.length === 0 ? undefined : Math.min(...ts);
  const max = ts.length === 0 ? undefined : Math.max(...ts);
  const series: LineSeriesOption[] = [];
  input.curves.forEach((c) => {
    const color = input.colors.get(c.name) ?? '#888';
    const width = input.emphasis?.has(c.name) === true ? 2 : 1.2;
    const base = {
      name: c.name,
      type: 'line' as const,
      showSymbol: false,
      color,
      lineStyle: { width, color },
      silent: true,
    };
    series.push({
      ...base,
      xAxisIndex: 0,
      yAxisIndex: 0,
      data: downsample(c.ts, c.equity, input.maxPoints),
    });
    series.push({
      ...base,
      xAxisIndex: 1,
      yAxisIndex: 1,
      data: downsample(c.ts, c.drawdown, input.maxPoints),
    });
  });
  return {
    height: ddTop + ddHeight + 30,
    time: FigureBook.time(min, max),
    option: {
      legend: legend(names),
      grid: [grid(top, eqHeight), grid(ddTop, ddHeight)],
      xAxis: [timeAxis(0, { min, max, labels: false }), timeAxis(1, { min, max })],
      yAxis: [
        valueAxis(0, 'equity (start = 1)'),
        valueAxis(1, 'drawdown', { percent: true, scale: false, max: 0 }),
      ],
      series,
    },
  };
}
