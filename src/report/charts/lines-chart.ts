import type { LineSeriesOption } from 'echarts/charts';
import { grid, legend, legendHeight, timeAxis, valueAxis } from './axes.ts';
import { FigureBook, type TimeRange } from './figure-book.ts';
import type { ChartOption } from './render-svg.ts';

export interface LineInput {
  readonly name: string;
  readonly color: string;
  /** [ts, value] in time order; a null value breaks the line. */
  readonly points: readonly (readonly [number, number | null])[];
}

export interface LinesChartInput {
  readonly lines: readonly LineInput[];
  readonly yName: string;
  /** Stack the lines as filled areas (shares, counts). */
  readonly stacked?: boolean;
  /** Draw as steps (counts that change at events). */
  readonly step?: boolean;
  readonly percent?: boolean;
  /** Top of the y-axis (e.g. 1 for weights that sum to 1). */
  readonly yMax?: number;
  readonly height?: number;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
}

/**
 * Several time series on one UTC time axis, optionally stacked as areas.
 *
 * @returns the ECharts option and height, or null when there is no point to draw.
 */
export function linesChart(
  input: LinesChartInput,
): { option: ChartOption; height: number; time: TimeRange | undefined } | null {
  if (input.lines.every((l) => l.points.length === 0)) return null;
  const names = input.lines.map((l) => l.name);
  const top = legendHeight(names) + 10;
  const h = input.height ?? 180;
  const series: LineSeriesOption[] = input.lines.map((l) => ({
    name: l.name,
    type: 'line',
    showSymbol: false,
    silent: true,
    color: l.color,
    lineStyle: { color: l.color, width: input.stacked === true ? 0.5 : 1.5 },
    ...(input.stacked === true
      ? { stack: 'all', areaStyle: { color: l.color, opacity: 0.75 } }
      : {}),
    ...(input.step === true ? { step: 'end' as const } : {}),
    data: l.points.map((p) => [p[0], p[1]]),
  }));
  return {
    height: top + h + 34,
    time: FigureBook.time(input.min, input.max),
    option: {
      legend: legend(names),
      grid: grid(top, h),
      xAxis: timeAxis(0, { min: input.min, max: input.max }),
      yAxis: valueAxis(0, input.yName, {
        percent: input.percent ?? false,
        scale: input.stacked !== true,
        ...(input.yMax === undefined ? {} : { max: input.yMax }),
      }),
      series,
    },
  };
}
