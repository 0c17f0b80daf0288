import type { CustomSeriesOption } from 'echarts/charts';
import { grid, timeAxis } from './axes.ts';
import { FigureBook, type TimeRange } from './figure-book.ts';
import type { ChartOption } from './render-svg.ts';

/** One bar of a Gantt chart: a row, a time interval, a colour and an optional label inside. */
export interface GanttBar {
  readonly row: number;
  readonly start: number;
  readonly end: number;
  readonly color: string;
  readonly label?: string;
}

export interface GanttInput {
  readonly rows: readonly string[];
  readonly bars: readonly GanttBar[];
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  /** px per row */
  readonly rowHeight?: number;
  /** Reserved px above the plot. */
  readonly top?: number;
  /** px left of the plot for the row names. */
  readonly left?: number;
}

/**
 * A Gantt-like chart: one row per category, coloured intervals on a UTC time axis, drawn with a
 * custom series (rectangles at least 1 px wide, so instants stay visible; labels only where they fit).
 *
 * @returns the ECharts option and the chart height in px.
 */
export function ganttChart(input: GanttInput): {
  option: ChartOption;
  height: number;
  time: TimeRange | undefined;
} {
  const rowHeight = input.rowHeight ?? 22;
  const top = input.top ?? 8;
  const plotHeight = Math.max(1, input.rows.length) * rowHeight;
  const bars = input.bars;
  const series: CustomSeriesOption = {
    type: 'custom',
    silent: true,
    encode: { x: [1, 2], y: 0 },
    data: bars.map((b) => ({ value: [b.row, b.start, b.end], itemStyle: { color: b.color } })),
    renderItem: (params, api) => {
      const bar = bars[params.dataIndex] as GanttBar;
      const from = api.coord([bar.start, bar.row]) as number[];
      const to = api.coord([bar.end, bar.row]) as number[];
      const size = api.size === undefined ? [0, 20] : (api.size([0, 1]) as number[]);
      const h = size[1] as number;
      const x = from[0] as number;
      const width = Math.max(1, (to[0] as number) - x);
      const y = (from[1] as number) - h * 0.36;
      const rect = {
        type: 'rect' as const,
        shape: { x, y, width, height: h * 0.72 },
        style: { fill: bar.color },
      };
      const fits = bar.label !== undefined && bar.label.length * 6.5 + 6 < width;
      if (!fits) return rect;
      const text = {
        type: 'text' as const,
        x: x + 3,
        y: from[1] as number,
        style: { text: bar.label, fill: '#fff', fontSize: 10, verticalAlign: 'middle' as const },
      };
      return { type: 'group' as const, children: [rect, text] };
    },
  };
  return {
    height: top + plotHeight + 30,
    time: FigureBook.time(input.min, input.max, input.left ?? 150),
    option: {
      grid: grid(top, plotHeight, input.left ?? 150),
      xAxis: timeAxis(0, { min: input.min, max: input.max }),
      yAxis: {
        type: 'category',
        data: [...input.rows],
        inverse: true,
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: {
          fontSize: 10,
          color: '#333',
          width: (input.left ?? 150) - 12,
          overflow: 'truncate',
        },
        splitLine: { show: true, lineStyle: { color: '#f0f0f0' } },
      },
      series: [series],
    },
  };
}
