import { equityChart } from './charts/equity-chart.ts';
import type { FigureBook } from './charts/figure-book.ts';
import { rollingChart } from './charts/rolling-chart.ts';
import type { Curve } from './charts/curves.ts';
import type { ReportData } from './load-report-data.ts';

/** Curves ordered variants first, then baselines (each sorted), for stable legends. */
export function orderCurves(curves: readonly Curve[], variants: readonly string[]): Curve[] {
  const v = new Set(variants);
  const byName = (a: Curve, b: Curve) => a.name.localeCompare(b.name);
  return [
    ...curves.filter((c) => v.has(c.name)).sort(byName),
    ...curves.filter((c) => !v.has(c.name)).sort(byName),
  ];
}

/**
 * Portfolio equity of every variant against the baselines with the drawdown underneath, and the
 * rolling direction metrics pooled over all symbols.
 */
export function renderPortfolio(
  d: ReportData,
  book: FigureBook,
  colors: ReadonlyMap<string, string>,
): string {
  const curves = orderCurves(d.portfolio, d.variants);
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
      title: 'Equity and drawdown — equal-weight portfolio',
      empty: 'No equity was recorded in this run.',
      note: `Each line is downsampled to at most ${d.settings.maxPoints} points (LTTB), which keeps peaks and troughs.`,
    },
  );
  const pooled = book.figure(
    rollingChart({
      points: d.pooled,
      markers: [],
      regimes: [],
      colors,
      min: d.period.first_ts ?? undefined,
      max: d.period.last_ts ?? undefined,
    }),
    {
      title: `Rolling accuracy, F1 and log loss — all symbols pooled (last ${d.settings.rollingWindow} bars)`,
      empty: 'No prediction has a resolved label yet, so there are no rolling metrics.',
      note: 'Each bar’s resolved labels are pooled over symbols; dotted lines mark chance (accuracy 0.5, log loss ln 2).',
    },
  );
  return `${equity}\n${pooled}`;
}
