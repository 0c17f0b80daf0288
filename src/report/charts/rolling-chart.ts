import type { LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { groupBy } from '../../core/index.ts';
import type { Marker, RegimeInterval, RollingPoint } from '../../store/index.ts';
import { grid, legend, legendHeight, timeAxis, valueAxis } from './axes.ts';
import { MARKER_COLORS, regimeColors } from './palette.ts';
import { FigureBook, type TimeRange } from './figure-book.ts';
import type { ChartOption } from './render-svg.ts';
import { mergeBands, shadedRegimes, thinMarkers } from './thin-events.ts';

export interface RollingChartInput {
  readonly points: readonly RollingPoint[];
  readonly markers: readonly Marker[];
  readonly regimes: readonly RegimeInterval[];
  /** Colour per variant and baseline name. */
  readonly colors: ReadonlyMap<string, string>;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
}

const METRICS = [
  { key: 'accuracy', name: 'accuracy', ref: 0.5 },
  { key: 'f1', name: 'F1', ref: undefined },
  { key: 'log_loss', name: 'log loss', ref: Math.LN2 },
] as const;

const ROLE_ORDER: Record<string, number> = {
  champion: 0,
  challenger: 1,
  previous: 2,
  frozen: 3,
  naive: 4,
};
const ROLE_STYLE: Record<string, { type: 'solid' | 'dashed' | 'dotted'; width: number }> = {
  champion: { type: 'solid', width: 1.6 },
  challenger: { type: 'solid', width: 2.4 },
  previous: { type: 'dotted', width: 1.6 },
};

/** Legend name of a (variant, role) line: baselines by role, the champion by variant. */
export function lineName(variant: string, role: string): string {
  if (role === 'frozen' || role === 'naive') return role;
  return role === 'champion' ? variant : `${variant} ${role}`;
}

/** Legend name per marker kind (distinct from variant names such as `drift`). */
const MARKER_NAME: Record<Marker['kind'], string> = {
  drift: 'drift detected',
  promotion: 'promotion',
  rollback: 'rollback',
};

/** Marker symbol per kind in the event strip. */
const MARKER_SYMBOL: Record<Marker['kind'], { symbol: string; rotate: number }> = {
  drift: { symbol: 'diamond', rotate: 0 },
  promotion: { symbol: 'triangle', rotate: 0 },
  rollback: { symbol: 'triangle', rotate: 180 },
};

/**
 * Rolling accuracy, F1 and log loss (three stacked plots on one time axis) of the champion,
 * challengers and baselines, with drift detections, promotions and rollbacks in an event strip on
 * top (one mark per variant, kind and 3 px) and as vertical lines (drift only when there are at
 * most 60), and market regimes of one detector as shaded bands (narrower than 2 px merged).
 *
 * @returns the ECharts option and the chart height in px, or null when there is nothing to draw.
 */
export function rollingChart(
  input: RollingChartInput,
): { option: ChartOption; height: number; time: TimeRange | undefined } | null {
  if (input.points.length === 0) return null;
  // One line per (variant, role): champions first, then challengers, previous champions, baselines.
  const lines = [...groupBy(input.points, (p) => `${p.variant}\u0000${p.role}`).values()]
    .map((pts) => ({
      variant: (pts[0] as RollingPoint).variant,
      role: (pts[0] as RollingPoint).role,
      pts,
    }))
    .sort(
      (a, b) =>
        (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9) || a.variant.localeCompare(b.variant),
    );
  const min = input.min ?? Math.min(...input.points.map((p) => p.ts));
  const max = input.max ?? Math.max(...input.points.map((p) => p.ts));
  const px = Math.max(1, (max - min) / 900);
  const markers = thinMarkers(input.markers, 3 * px);
  const markerKinds = [...new Set(markers.map((m) => m.kind))];
  const stripRows = [...new Set(markers.map((m) => m.variant))];
  const names = [
    ...lines.map((l) => lineName(l.variant, l.role)),
    ...markerKinds.map((k) => MARKER_NAME[k]),
  ];
  const regimes = mergeBands(input.regimes, 2 * px).bands;
  const bands = regimeColors(shadedRegimes(input.regimes).names);
  let top = legendHeight(names) + 10;
  const grids = [];
  const xAxis = [];
  const yAxis = [];
  const series: (LineSeriesOption | ScatterSeriesOption)[] = [];
  if (stripRows.length > 0) {
    const h = stripRows.length * 14 + 6;
    grids.push(grid(top, h));
    xAxis.push(timeAxis(0, { min, max, labels: false }));
    yAxis.push({
      type: 'category' as const,
      gridIndex: 0,
      data: stripRows,
      axisLabel: { fontSize: 9, color: '#555', width: 76, overflow: 'truncate' as const },
      axisTick: { show: false },
      splitLine: { show: false },
    });
    for (const kind of markerKinds) {
      const s = MARKER_SYMBOL[kind];
      series.push({
        name: MARKER_NAME[kind],
        type: 'scatter',
        xAxisIndex: 0,
        yAxisIndex: 0,
        silent: true,
        symbol: s.symbol,
        symbolRotate: s.rotate,
        symbolSize: 8,
        color: MARKER_COLORS[kind] as string,
        data: markers.filter((m) => m.kind === kind).map((m) => [m.ts, m.variant]),
      });
    }
    top += h + 14;
  }
  // Vertical lines for promotions and rollbacks; for drift only when there are few (else the strip says it).
  const drifts = markers.filter((m) => m.kind === 'drift');
  const lined = [
    ...markers.filter((m) => m.kind !== 'drift').slice(0, 200),
    ...(drifts.length <= 60 ? drifts : []),
  ];
  const vertical = lined.map((m) => ({
    xAxis: m.ts,
    lineStyle: {
      color: MARKER_COLORS[m.kind] as string,
      type: 'dashed' as const,
      width: 1,
      opacity: 0.55,
    },
  }));
  const areas = regimes.map((r) => [
    { xAxis: r.start_ts, itemStyle: { color: bands.get(r.regime) } },
    { xAxis: r.end_ts },
  ]);
  METRICS.forEach((metric, k) => {
    const g = grids.length;
    grids.push(grid(top, 96));
    xAxis.push(timeAxis(g, { min, max, labels: k === METRICS.length - 1 }));
    yAxis.push(valueAxis(g, metric.name));
    lines.forEach(({ variant, role, pts }, i) => {
      const name = lineName(variant, role);
      const color =
        input.colors.get(role === 'frozen' || role === 'naive' ? role : variant) ?? '#888';
      const style = ROLE_STYLE[role] ?? { type: 'solid' as const, width: 1 };
      const line: LineSeriesOption = {
        name,
        type: 'line',
        xAxisIndex: g,
        yAxisIndex: g,
        showSymbol: false,
        silent: true,
        connectNulls: false,
        color,
        lineStyle: {
          color,
          type: style.type,
          width: style.width,
          opacity: role === 'challenger' ? 0.75 : 1,
        },
        data: withGaps(pts, metric.key),
      };
      if (i === 0) {
        const ref =
          metric.ref === undefined
            ? []
            : [
                {
                  yAxis: metric.ref,
                  lineStyle: { color: '#999', type: 'dotted' as const, width: 1 },
                },
              ];
        line.markLine = {
          silent: true,
          symbol: 'none',
          label: { show: false },
          data: [...ref, ...vertical],
        };
        if (areas.length > 0) line.markArea = { silent: true, data: areas as never };
      }
      series.push(line);
    });
    top += 96 + 22;
  });
  return {
    height: top + 12,
    time: FigureBook.time(min, max),
    option: { legend: legend(names), grid: grids, xAxis, yAxis, series },
  };
}

/** [ts, value] pairs in time order with a null between segments (versions), so lines break there. */
function withGaps(
  points: readonly RollingPoint[],
  key: 'accuracy' | 'f1' | 'log_loss',
): [number, number | null][] {
  const out: [number, number | null][] = [];
  let segment: number | undefined;
  for (const p of points) {
    if (segment !== undefined && p.segment !== segment) out.push([p.ts, null]);
    segment = p.segment;
    out.push([p.ts, p[key]]);
  }
  return out;
}
