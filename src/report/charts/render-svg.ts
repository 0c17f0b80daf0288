import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';

/** The ECharts options the report uses. */
export type ChartOption = Echarts.EChartsOption;

let echartsLib: typeof Echarts | undefined;

/**
 * ECharts' single-file CommonJS bundle, loaded on first use: about 0.1 s, against 0.7 s for
 * the several hundred files of its ES-module build, and nothing for commands that draw no chart.
 */
function echarts(): typeof Echarts {
  echartsLib ??= createRequire(import.meta.url)('echarts') as typeof Echarts;
  return echartsLib;
}

/** A chart to draw: its options, pixel size and the id that keeps its SVG ids unique in a page. */
export interface ChartSpec {
  readonly id: string;
  readonly option: ChartOption;
  readonly width: number;
  readonly height: number;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Names an object inherits: zrender caches text widths in a plain object keyed by the text. */
const INHERITED = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);

/**
 * The option with every string that names an inherited property (`__proto__`, `constructor`,
 * `toString`, … — symbols are data and can be called that) followed by an invisible word joiner
 * (U+2060). zrender's text-width cache is a plain object keyed by the text, and such a key
 * reaches Object.prototype (measuring `__proto__` wrote `next` and `prev` onto it); the joiner
 * makes the key an ordinary one and draws nothing.
 */
function safeTexts<T>(value: T): T {
  if (typeof value === 'string') return (INHERITED.has(value) ? `${value}\u2060` : value) as T;
  if (Array.isArray(value)) return value.map(safeTexts) as T;
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, k, {
        value: safeTexts(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out as T;
  }
  return value;
}

/**
 * Renders a chart to an SVG string on the server (ECharts SSR, no DOM, no animation, UTC time
 * axes). zrender names clip paths and CSS classes with process-wide counters; they are renamed
 * after `spec.id` and renumbered from 0, so the same run gives the same page and ids never clash.
 *
 * @example
 * renderSvg({ id: 'c1', width: 400, height: 200, option: { xAxis: { type: 'time' }, yAxis: {}, series: [{ type: 'line', data: [[0, 1], [1, 2]] }] } });
 */
export function renderSvg(spec: ChartSpec): string {
  const chart = echarts().init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: spec.width,
    height: spec.height,
  });
  try {
    chart.setOption({
      animation: false,
      useUTC: true,
      textStyle: { fontFamily: FONT },
      ...safeTexts(spec.option),
    });
    return renumberIds(chart.renderToSVGString(), spec.id).replace(
      /<svg /,
      `<svg role="img" aria-label="${spec.id}" `,
    );
  } finally {
    chart.dispose();
  }
}

/** `zr7-cls-12` → `<id>-cls-0`: per-chart numbering of zrender's ids, in order of appearance. */
function renumberIds(svg: string, id: string): string {
  const seen = new Map<string, string>();
  const perKind = new Map<string, number>();
  return svg.replace(/\bzr\d+-([a-z-]*?)(\d+)\b/g, (token: string, kind: string) => {
    let out = seen.get(token);
    if (out === undefined) {
      const k = perKind.get(kind) ?? 0;
      perKind.set(kind, k + 1);
      out = `${id}-${kind}${k}`;
      seen.set(token, out);
    }
    return out;
  });
}
