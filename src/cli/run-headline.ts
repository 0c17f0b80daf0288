import type { RunSummary } from '../report/index.ts';
import { dict } from '../core/index.ts';

/** A model variant's headline: its equal-weight portfolio, direction metrics and lifecycle counts. */
export interface VariantHeadline {
  readonly total_return: number | null;
  readonly sharpe: number | null;
  readonly max_drawdown: number | null;
  readonly accuracy: number | null;
  readonly f1: number | null;
  /** Versions created after each symbol's first. */
  readonly updates: number;
  readonly promotions: number;
  readonly rollbacks: number;
}

/** A baseline's headline; accuracy and F1 only for baselines that predict (frozen, naive). */
export interface BaselineHeadline {
  readonly total_return: number | null;
  readonly sharpe: number | null;
  readonly max_drawdown: number | null;
  readonly accuracy: number | null;
  readonly f1: number | null;
}

/** The numbers the end-of-run table, `inspect` and `run --json` show. */
export interface RunHeadline {
  readonly variants: Record<string, VariantHeadline>;
  readonly baselines: Record<string, BaselineHeadline>;
}

const num = (v: number | null | undefined): number | null =>
  v === undefined || v === null || !Number.isFinite(v) ? null : v;

/**
 * Picks a run summary's headline numbers: per variant (in `summary.models` order) its portfolio
 * return, Sharpe and max drawdown, accuracy and F1 over all symbols, and its updates, promotions
 * and rollbacks; per baseline strategy (every strategy that is not a variant) its return, Sharpe
 * and max drawdown, with accuracy and F1 when a variant recorded that baseline's predictions.
 *
 * @example
 * const h = headlineOf(JSON.parse(readFileSync('reports/quickstart/summary.json', 'utf8')));
 * h.variants['model']?.sharpe; // 0.27
 */
export function headlineOf(s: RunSummary): RunHeadline {
  const variants = dict<VariantHeadline>();
  for (const [name, m] of Object.entries(s.models)) {
    const p = s.strategies[name]?.portfolio;
    const updates = Object.values(m.symbols).reduce((n, c) => n + Math.max(0, c.versions - 1), 0);
    variants[name] = {
      total_return: num(p?.total_return),
      sharpe: num(p?.sharpe),
      max_drawdown: num(p?.max_drawdown),
      accuracy: num(m.overall.accuracy),
      f1: num(m.overall.f1),
      updates,
      promotions: m.lifecycle.promotions,
      rollbacks: m.lifecycle.rollbacks,
    };
  }
  const baselines = dict<BaselineHeadline>();
  for (const [name, st] of Object.entries(s.strategies)) {
    if (name in s.models) continue;
    const cls = Object.values(s.models).find((m) => m.baselines[name] !== undefined)?.baselines[
      name
    ];
    baselines[name] = {
      total_return: num(st.portfolio.total_return),
      sharpe: num(st.portfolio.sharpe),
      max_drawdown: num(st.portfolio.max_drawdown),
      accuracy: num(cls?.accuracy),
      f1: num(cls?.f1),
    };
  }
  return { variants, baselines };
}
