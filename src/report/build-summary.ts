import {
  computeMetrics,
  fillOfConfig,
  inferPeriodsPerYear,
  periodExposure,
  portfolioReturns,
  type StrategyMetrics,
} from '../backtest/index.ts';
import { dict, formatTs, groupBy } from '../core/index.ts';
import {
  classificationBySymbol,
  type EquityBuffers,
  equityBarTimes,
  equityColumns,
  equityStrategies,
  lifecycleCounts,
  parseSymbolsText,
  type RunStore,
  readRun,
  runOutcome,
} from '../store/index.ts';
import {
  type ClassificationStats,
  classificationStats,
  sumCounts,
} from './classification-summary.ts';

/** The stable shape of `summary.json` (documented in the README). */
export interface RunSummary {
  run: {
    run_id: string;
    scenario: string;
    seed: number;
    /** `complete`, `incomplete` (interrupted, or killed: recorded `running` with no end), `failed`. */
    status: string;
    /** The status with how an incomplete run stopped: `incomplete (interrupted)`, `incomplete (killed)`. */
    status_label: string;
    /** The `runs.status` value as recorded (`running` for a killed run). */
    recorded_status: string;
    started_at: string;
    finished_at: string | null;
    duration_s: number | null;
    backend: string;
    data: string;
    symbols: string[];
    bars: number | null;
    rejects: number | null;
    error: string | null;
    version: string;
  };
  annualization: { periods_per_year: number | null; convention: string };
  strategies: Record<
    string,
    { portfolio: StrategyMetrics; symbols: Record<string, StrategyMetrics> }
  >;
  models: Record<
    string,
    {
      overall: ClassificationStats;
      symbols: Record<
        string,
        ClassificationStats & {
          first_label_ts: string | null;
          versions: number;
          tests: number;
          promotions: number;
          rollbacks: number;
        }
      >;
      baselines: Record<string, ClassificationStats>;
      lifecycle: { versions: number; tests: number; promotions: number; rollbacks: number };
    }
  >;
  /**
   * What the run did not produce although it was asked to: a symbol of a variant with no
   * labelled prediction (too few bars for the features, warmup and horizon), no bar at all.
   * Empty when everything produced results.
   */
  warnings: string[];
}

/**
 * Builds the run summary from the run's DuckDB file alone (so `livemodel report` regenerates it):
 * tearsheet metrics per strategy and symbol plus the equal-weight portfolio, direction metrics
 * per variant and symbol, and lifecycle counts.
 */
export async function buildSummary(store: RunStore): Promise<RunSummary> {
  const run = await readRun(store);
  const outcome = runOutcome(run.status, run.finished_at);
  const allTs = await equityBarTimes(store);
  const ann = allTs.length >= 2 ? inferPeriodsPerYear(allTs) : null;
  // With fewer than 2 bar times there is no spacing to annualise by: metrics are per period (P = 1).
  const ppy = ann?.periodsPerYear ?? 1;
  const strategies: RunSummary['strategies'] = dict();
  const fill = fillOfConfig(run.config);
  // One strategy's equity at a time, in the same buffers: a 1,000 × 10,000 run has 10 M rows per
  // strategy. The metrics keep no reference to them.
  const buffers: EquityBuffers = { arrays: [] };
  for (const name of await equityStrategies(store)) {
    const list = await equityColumns(store, { strategy: name }, buffers);
    const symbols = dict<StrategyMetrics>();
    const perSymbol = list.map((s) => ({
      symbol: s.symbol,
      input: {
        ts: s.ts,
        returns: s.pnl,
        turnover: s.turnover,
        costs: s.cost,
        exposure: periodExposure(s.position, fill),
      },
    }));
    for (const { symbol, input } of perSymbol) symbols[symbol] = computeMetrics(input, ppy);
    const p = portfolioReturns(perSymbol.map((s) => s.input));
    strategies[name] = { portfolio: computeMetrics(p, ppy), symbols };
  }
  const cls = await classificationBySymbol(store);
  const counts = await lifecycleCounts(store);
  const models: RunSummary['models'] = dict();
  for (const [variant, rows] of groupBy(cls, (r) => r.variant)) {
    const champ = rows.filter((r) => r.role === 'champion');
    const symbols: RunSummary['models'][string]['symbols'] = dict();
    const total = { versions: 0, tests: 0, promotions: 0, rollbacks: 0 };
    for (const r of champ) {
      const c = counts.find((x) => x.variant === variant && x.symbol === r.symbol) ?? {
        versions: 0,
        tests: 0,
        promotions: 0,
        rollbacks: 0,
      };
      symbols[r.symbol] = {
        ...classificationStats(r),
        first_label_ts: r.first_label_ts === null ? null : formatTs(r.first_label_ts),
        versions: c.versions,
        tests: c.tests,
        promotions: c.promotions,
        rollbacks: c.rollbacks,
      };
      total.versions += c.versions;
      total.tests += c.tests;
      total.promotions += c.promotions;
      total.rollbacks += c.rollbacks;
    }
    const baselines = dict<ClassificationStats>();
    for (const [role, list] of groupBy(rows, (r) => r.role))
      if (role === 'frozen' || role === 'naive')
        baselines[role] = classificationStats(sumCounts(list));
    models[variant] = {
      overall: classificationStats(sumCounts(champ)),
      symbols,
      baselines,
      lifecycle: total,
    };
  }
  return {
    run: {
      run_id: run.run_id,
      scenario: run.scenario,
      seed: run.seed,
      status: outcome.status,
      status_label: outcome.label,
      recorded_status: run.status,
      started_at: new Date(run.started_at).toISOString(),
      finished_at: run.finished_at === null ? null : new Date(run.finished_at).toISOString(),
      duration_s: run.finished_at === null ? null : (run.finished_at - run.started_at) / 1000,
      backend: run.backend,
      data: run.data,
      symbols: parseSymbolsText(run.symbols),
      bars: run.bars,
      rejects: run.rejects,
      error: run.error,
      version: run.version,
    },
    annualization: {
      periods_per_year: ann?.periodsPerYear ?? null,
      convention:
        ann?.convention ?? 'not enough bars to infer the spacing: metrics are not annualised',
    },
    strategies,
    models,
    warnings: warningsOf(parseSymbolsText(run.symbols), run.bars, models),
  };
}

/** The symbols of each variant that got no labelled prediction, and a run with no bar at all. */
function warningsOf(
  symbols: readonly string[],
  bars: number | null,
  models: RunSummary['models'],
): string[] {
  const out: string[] = [];
  if (bars === 0) out.push('the data had no bar to replay: nothing was predicted');
  for (const [variant, m] of Object.entries(models)) {
    const silent = symbols.filter((s) => (m.symbols[s]?.labelled ?? 0) === 0);
    if (silent.length > 0)
      out.push(
        `${variant}: no labelled prediction for ${silent.length} symbol(s) (${silent.slice(0, 5).join(', ')}${silent.length > 5 ? ', …' : ''}): fewer bars than the features, warmup and horizon need`,
      );
  }
  if (Object.keys(models).length === 0 && symbols.length > 0)
    out.push(
      `no labelled prediction for any of the ${symbols.length} symbol(s): fewer bars than the features, warmup and horizon need`,
    );
  return out;
}
