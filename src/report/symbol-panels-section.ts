import { groupBy } from '../core/index.ts';
import type { WeightPoint } from '../store/index.ts';
import { equityChart } from './charts/equity-chart.ts';
import type { FigureBook } from './charts/figure-book.ts';
import { ganttChart } from './charts/gantt-chart.ts';
import { linesChart } from './charts/lines-chart.ts';
import { regimeColors } from './charts/palette.ts';
import { rollingChart } from './charts/rolling-chart.ts';
import { shadedRegimes } from './charts/thin-events.ts';
import { curveFromEquity } from './charts/curves.ts';
import { empty, esc, int, pct } from './html.ts';
import type { ReportData, SymbolDetail } from './load-report-data.ts';
import { abTestTable } from './events-section.ts';
import { lifecycleBars, stateLegend } from './lifecycle-section.ts';
import { orderCurves } from './portfolio-section.ts';

const MEMBER_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

/** Stacked ensemble weights over time, one chart per variant with weights. */
export function weightCharts(
  points: readonly WeightPoint[],
  book: FigureBook,
  title: string,
  range: { min?: number | undefined; max?: number | undefined },
): string {
  return [...groupBy(points, (p) => p.variant)]
    .map(([variant, list]) => {
      const members = [...groupBy(list, (p) => p.member)];
      const lines = members.map(([member, pts], i) => ({
        name: member,
        color: MEMBER_COLORS[i % MEMBER_COLORS.length] as string,
        points: pts.map((p) => [p.ts, p.weight] as const),
      }));
      const sums = new Map<number, number>();
      for (const p of list) sums.set(p.ts, (sums.get(p.ts) ?? 0) + p.weight);
      const yMax = Math.max(...sums.values()) <= 1 + 1e-9 ? { yMax: 1 } : {};
      return book.figure(linesChart({ lines, yName: 'weight', stacked: true, ...yMax, ...range }), {
        title: `${title}${variant === '' ? '' : ` — ${variant}`}`,
        empty: 'No ensemble weights.',
      });
    })
    .join('\n');
}

function regimeLegend(detail: SymbolDetail): string {
  if (detail.regimes.length === 0) return '';
  const { detector: shaded, names } = shadedRegimes(detail.regimes);
  const colors = regimeColors(names);
  const others = [...new Set(detail.regimes.map((r) => r.detector))].filter((d) => d !== shaded);
  const also =
    others.length === 0 ? '' : ` <span>(also recorded: ${esc(others.join(', '))})</span>`;
  return `<p class="swatches">regimes${shaded === '' ? '' : ` (${esc(shaded)})`}: ${names.map((n) => `<span><i style="background:${colors.get(n)};border:1px solid #ccc"></i>${esc(n)}</span>`).join('')}${also}</p>`;
}

function panel(
  d: ReportData,
  x: SymbolDetail,
  book: FigureBook,
  colors: ReadonlyMap<string, string>,
  hidden: boolean,
): string {
  const range = { min: d.period.first_ts ?? undefined, max: d.period.last_ts ?? undefined };
  const facts = d.variants
    .map((v) => {
      const m = d.summary.strategies[v]?.symbols[x.symbol];
      const c = d.summary.models[v]?.symbols[x.symbol];
      return `<b>${esc(v)}</b> return ${pct(m?.total_return)} · accuracy ${pct(c?.accuracy)} · ${int(c?.versions)} versions, ${int(c?.tests)} tests, ${int(c?.promotions)} promotions, ${int(c?.rollbacks)} rollbacks`;
    })
    .join('<br>');
  const curves = orderCurves(
    x.equity.map((e) => curveFromEquity(e.strategy, e.ts, e.values)),
    d.variants,
  );
  const equity = book.figure(
    curves.length === 0
      ? null
      : equityChart({
          curves,
          colors,
          maxPoints: d.settings.maxPoints,
          emphasis: new Set(d.variants),
        }),
    {
      title: `${x.symbol}: equity and drawdown`,
      empty: `No equity was recorded for ${x.symbol}.`,
    },
  );
  const rolling = book.figure(
    rollingChart({ points: x.rolling, markers: x.markers, regimes: x.regimes, colors, ...range }),
    {
      title: `${x.symbol}: rolling accuracy, F1 and log loss (last ${d.settings.rollingWindow} labels)`,
      empty: `No prediction for ${x.symbol} has a resolved label yet.`,
      note:
        x.markers.length === 0
          ? 'No drift detection, promotion or rollback for this symbol.'
          : 'Top strip and dashed lines: drift detections (◆), promotions (▲) and rollbacks (▼); challengers are drawn per test.',
    },
  );
  const g = lifecycleBars(x.states, x.versions, d.variants);
  const lifecycle = book.figure(g.rows.length === 0 ? null : ganttChart({ ...g, ...range }), {
    title: `${x.symbol}: lifecycle states and version history`,
    empty: `No lifecycle event was recorded for ${x.symbol}.`,
  });
  const tests =
    x.tests.length === 0
      ? empty(`No champion/challenger test for ${x.symbol}.`)
      : abTestTable(x.tests);
  const weights =
    x.weights.length === 0
      ? ''
      : weightCharts(x.weights, book, `${x.symbol}: ensemble weights`, range);
  const why = x.why === '' ? '' : ` <small>${esc(x.why)}</small>`;
  return `<div class="symbol-panel" id="sym-${esc(x.symbol)}" data-group="symbol" data-key="${esc(x.symbol)}"${hidden ? ' hidden' : ''}>
<h3 class="symbol-title">${esc(x.symbol)}${why}</h3><p class="facts-line">${facts}</p>
${equity}\n${regimeLegend(x)}${rolling}\n${stateLegend([...new Set(x.states.map((s) => s.state))])}${lifecycle}\n<h4>Champion/challenger tests</h4>${tests}\n${weights}</div>`;
}

/** A symbol picker and one panel per detail symbol (only the picked one is shown). */
export function renderSymbolPanels(
  d: ReportData,
  book: FigureBook,
  colors: ReadonlyMap<string, string>,
): string {
  if (d.details.length === 0) return empty('This run recorded no symbol.');
  const options = d.details
    .map(
      (x) =>
        `<option value="${esc(x.symbol)}">${esc(x.symbol)}${x.why === '' ? '' : ` — ${esc(x.why)}`}</option>`,
    )
    .join('');
  const picker = `<div class="controls"><label>symbol <select id="symbol-picker" data-show="symbol">${options}</select></label><span class="note">${esc(d.detailRule)}</span></div>`;
  return `${picker}\n${d.details.map((x, i) => panel(d, x, book, colors, i > 0)).join('\n')}`;
}
