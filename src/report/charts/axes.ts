import type { XAXisComponentOption, YAXisComponentOption } from 'echarts';

/** Report chart width in px (the SVG scales to the page width). */
export const CHART_WIDTH = 960;
/** Left and right margins of the plot area in px. */
export const PLOT_LEFT = 84;
export const PLOT_RIGHT = 24;

const AXIS_TEXT = { color: '#555', fontSize: 11 };

/** A UTC time x-axis on a grid, sharing `min`/`max` so stacked grids line up. */
export function timeAxis(
  gridIndex: number,
  o: { min?: number | undefined; max?: number | undefined; labels?: boolean } = {},
): XAXisComponentOption {
  return {
    type: 'time',
    gridIndex,
    ...(o.min === undefined ? {} : { min: o.min }),
    ...(o.max === undefined ? {} : { max: o.max }),
    axisLabel: { show: o.labels ?? true, hideOverlap: true, ...AXIS_TEXT },
    axisLine: { lineStyle: { color: '#aaa' } },
    splitLine: { show: false },
  };
}

/** A value y-axis on a grid, named on the left. */
export function valueAxis(
  gridIndex: number,
  name: string,
  o: { percent?: boolean; scale?: boolean; min?: number; max?: number; log?: boolean } = {},
): YAXisComponentOption {
  return {
    type: o.log === true ? 'log' : 'value',
    gridIndex,
    name,
    nameLocation: 'middle',
    nameGap: 52,
    nameTextStyle: { color: '#333', fontSize: 11 },
    scale: o.scale ?? true,
    ...(o.min === undefined ? {} : { min: o.min }),
    ...(o.max === undefined ? {} : { max: o.max }),
    splitNumber: 3,
    axisLabel: {
      ...AXIS_TEXT,
      ...(o.percent === true ? { formatter: (v: number) => `${Math.round(v * 1000) / 10}%` } : {}),
    },
    splitLine: { lineStyle: { color: '#eee' } },
  };
}

/** A plain grid (plot area) at a vertical position. */
export function grid(
  top: number,
  height: number,
  left = PLOT_LEFT,
): { left: number; right: number; top: number; height: number } {
  return { left, right: PLOT_RIGHT, top, height };
}

/**
 * Approximate legend height: the names laid out in rows across the plot width, each item taking
 * its symbol, its text (about 6.5 px a character at 11 px) and the gap.
 */
export function legendHeight(names: readonly string[], width = CHART_WIDTH): number {
  if (names.length === 0) return 0;
  const room = width - PLOT_LEFT - PLOT_RIGHT;
  let rows = 1;
  let used = 0;
  for (const n of names) {
    const w = 18 + 5 + n.length * 6.5 + 20;
    if (used > 0 && used + w > room) {
      rows += 1;
      used = 0;
    }
    used += w;
  }
  return 22 * rows;
}

/** A legend at the top of a chart. */
export function legend(names: readonly string[]): {
  top: number;
  left: number;
  right: number;
  itemGap: number;
  itemWidth: number;
  itemHeight: number;
  textStyle: object;
  data: string[];
} {
  return {
    top: 0,
    left: PLOT_LEFT,
    right: PLOT_RIGHT,
    itemGap: 20,
    itemWidth: 18,
    itemHeight: 8,
    textStyle: { fontSize: 11, color: '#333' },
    data: [...names],
  };
}
