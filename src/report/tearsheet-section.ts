import type { StrategyMetrics } from '../backtest/index.ts';
import type { RunSummary } from './build-summary.ts';
import type { ClassificationStats } from './classification-summary.ts';
import { type Cell, empty, esc, int, num, pct, table } from './html.ts';

/** Tearsheet column headers, shared with the comparison report. */
export const TEARSHEET_HEADERS = [
  'total return',
  'CAGR',
  'volatility',
  'Sharpe',
  'Sortino',
  'Calmar',
  'max drawdown',
  'DD duration (bars)',
  'hit rate',
  'turnover',
  'costs',
];

/** The tearsheet cells of one portfolio, in {@link TEARSHEET_HEADERS} order. */
export function tearsheetCells(m: StrategyMetrics): Cell[] {
  return [
    pct(m.total_return),
    pct(m.cagr),
    pct(m.annual_volatility),
    num(m.sharpe),
    num(m.sortino),
    num(m.calmar),
    pct(m.max_drawdown),
    int(m.max_drawdown_duration),
    pct(m.hit_rate),
    num(m.turnover, 1),
    pct(m.costs, 3),
  ];
}

/** Variants first (sorted), then baselines (sorted). */
export function orderStrategies(s: RunSummary): { name: string; kind: 'variant' | 'baseline' }[] {
  const variants = new Set(Object.keys(s.models));
  const names = Object.keys(s.strategies).sort();
  return [
    ...names.filter((n) => variants.has(n)).map((name) => ({ name, kind: 'variant' as const })),
    ...names.filter((n) => !variants.has(n)).map((name) => ({ name, kind: 'baseline' as const })),
  ];
}

/** The direction-metric cells of a predictor. */
export function classificationCells(c: ClassificationStats): Cell[] {
  return [
    int(c.predictions),
    int(c.labelled),
    pct(c.accuracy),
    pct(c.precision),
    pct(c.recall),
    num(c.f1, 3),
    num(c.log_loss, 4),
  ];
}

/**
 * The tearsheet of every variant and baseline (equal-weight portfolio of the symbols), and the
 * direction metrics of every variant's champion and of the baseline predictors.
 */
export function renderTearsheet(s: RunSummary): string {
  const strategies = orderStrategies(s);
  const perf =
    strategies.length === 0
      ? empty('No equity was recorded in this run, so there is no tearsheet.')
      : table(
          ['strategy', 'kind', ...TEARSHEET_HEADERS],
          strategies.map(({ name, kind }) => [
            { html: `<b>${esc(name)}</b>` },
            kind,
            ...tearsheetCells((s.strategies[name] as RunSummary['strategies'][string]).portfolio),
          ]),
          { className: 'num l2' },
        );
  const rows: Cell[][] = [];
  for (const [variant, m] of Object.entries(s.models).sort(([a], [b]) => a.localeCompare(b))) {
    rows.push([
      { html: `<b>${esc(variant)}</b>` },
      'champion',
      ...classificationCells(m.overall),
      int(m.lifecycle.versions),
      int(m.lifecycle.tests),
      int(m.lifecycle.promotions),
      int(m.lifecycle.rollbacks),
    ]);
    for (const [name, b] of Object.entries(m.baselines))
      rows.push([name, `baseline (with ${variant})`, ...classificationCells(b), '', '', '', '']);
  }
  const models =
    rows.length === 0
      ? empty('No predictions were recorded in this run.')
      : table(
          [
            'predictor',
            'role',
            'predictions',
            'labelled',
            'accuracy',
            'precision',
            'recall',
            'F1',
            'log loss',
            'versions',
            'tests',
            'promotions',
            'rollbacks',
          ],
          rows,
          { className: 'num l2' },
        );
  const ppy = s.annualization.periods_per_year;
  return `<h3>Strategies — equal-weight portfolio of all symbols</h3>
${perf}
<p class="note">Returns are per bar after costs; ${ppy === null ? 'not annualised (too few bars to infer their spacing)' : `annualised with ${ppy} periods a year`}; drawdown duration counts bars below the running peak; turnover is Σ|Δposition|; costs are summed fractions of equity.</p>
<h3>Direction of the next move — champion and baseline predictors, all symbols pooled</h3>
${models}
<p class="note">A prediction is “up” when its score is above 0.5. Log loss is the mean over labelled predictions. Versions count every model built (the first included); promotions exclude the end-of-warmup one.</p>`;
}
