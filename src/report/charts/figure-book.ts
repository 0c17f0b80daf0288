import { empty, esc } from '../html.ts';
import { CHART_WIDTH, PLOT_LEFT, PLOT_RIGHT } from './axes.ts';
import { type ChartOption, renderSvg } from './render-svg.ts';

/** A chart's time axis: its range (epoch ms) and the px left of its plot area. */
export interface TimeRange {
  readonly min: number;
  readonly max: number;
  readonly left: number;
}

/** A built chart: its option, height in px and, for time charts, the time axis range. */
export type BuiltChart = {
  option: ChartOption;
  height: number;
  time?: TimeRange | undefined;
} | null;

/**
 * Numbers the charts of one page (ids `c1`, `c2`, … keep their SVG ids unique and the page
 * deterministic) and wraps each in a `<figure class="chart">` with its title; a chart with
 * nothing to draw becomes its empty-state sentence instead.
 *
 * @example
 * const book = new FigureBook('r');
 * book.figure(null, { title: 'Equity', empty: 'No equity was recorded.' }); // '<p class="empty">…'
 */
export class FigureBook {
  private count = 0;
  private readonly prefix: string;

  constructor(prefix = 'c') {
    this.prefix = prefix;
  }

  /** The time range of a chart whose plot starts at the usual left margin. */
  static time(
    min: number | undefined,
    max: number | undefined,
    left = PLOT_LEFT,
  ): TimeRange | undefined {
    return min === undefined || max === undefined ? undefined : { min, max, left };
  }

  /** How many charts were drawn. */
  get charts(): number {
    return this.count;
  }

  figure(
    chart: BuiltChart,
    o: { title: string; empty: string; note?: string; width?: number },
  ): string {
    if (chart === null)
      return `<div class="chart-empty"><h3>${esc(o.title)}</h3>${empty(o.empty)}</div>`;
    this.count += 1;
    const id = `${this.prefix}${this.count}`;
    const width = o.width ?? CHART_WIDTH;
    const svg = renderSvg({ id, option: chart.option, width, height: chart.height });
    const note = o.note === undefined ? '' : `<figcaption class="note">${esc(o.note)}</figcaption>`;
    // The time axis mapping lets the page's script show the date under the pointer.
    const t = chart.time;
    const time =
      t === undefined || !(t.max > t.min)
        ? ''
        : ` data-t0="${t.min}" data-t1="${t.max}" data-x0="${t.left}" data-x1="${width - PLOT_RIGHT}"`;
    return `<figure class="chart" id="${id}"${time}><h3>${esc(o.title)}</h3>${svg}${note}</figure>`;
  }
}
