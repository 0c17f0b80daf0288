import { empty, esc } from '../html.ts';
import { CHART_WIDTH } from './axes.ts';
import { type ChartOption, renderSvg } from './render-svg.ts';

/** A built chart: its option and height in px. */
export type BuiltChart = { option: ChartOption; height: number } | null;

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

  /** How many charts were drawn. */
  get charts(): number {
    return this.count;
  }

  figure(chart: BuiltChart, o: { title: string; empty: string; note?: string; width?: number }): string {
    if (chart === null) return `<div class="chart-empty"><h3>${esc(o.title)}</h3>${empty(o.empty)}</div>`;
    this.count += 1;
    const id = `${this.prefix}${this.count}`;
    const svg = renderSvg({ id, option: chart.option, width: o.width ?? CHART_WIDTH, height: chart.height });
    const note = o.note === undefined ? '' : `<figcaption class="note">${esc(o.note)}</figcaption>`;
    return `<figure class="chart" id="${id}"><h3>${esc(o.title)}</h3>${svg}${note}</figure>`;
  }
}
