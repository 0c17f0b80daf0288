import {
  type AbTestRow,
  type AbTestSummaryRow,
  type AlertRow,
  abTestSummary,
  abTests,
  alertEvents,
  alertSummary,
  type CountRow,
  type DriftRow,
  dataRejects,
  driftEvents,
  driftSummary,
  ensembleWeightCount,
  ensembleWeights,
  type Marker,
  type Page,
  pooledRollingMetrics,
  portfolioReturnsByStrategy,
  type RegimeInterval,
  type RejectRow,
  type RollingPoint,
  type RunPeriod,
  type RunStore,
  regimeIntervals,
  rollingMetrics,
  runPeriod,
  type StateInterval,
  type StrategySeries,
  stateIntervals,
  symbolEquity,
  timelineMarkers,
  type VersionInterval,
  versionIntervals,
  type WeightPoint,
} from '../store/index.ts';
import { buildSummary, type RunSummary } from './build-summary.ts';
import { chooseDetailSymbols } from './choose-detail-symbols.ts';
import { type Curve, curveFromReturns } from './charts/curves.ts';

/** Report settings; every field has a default. */
export interface ReportOptions {
  /** Labels in the rolling window of the accuracy/F1/log-loss charts (default 100). */
  readonly rollingWindow?: number;
  /** Symbols drawn in detail (default: all up to `maxDetailSymbols`, else the best and worst). */
  readonly detailSymbols?: readonly string[] | undefined;
  /** At most this many symbols drawn in detail when none are chosen (default 12). */
  readonly maxDetailSymbols?: number;
  /** Points kept per line (default 500). */
  readonly maxPoints?: number;
  /** Rows shown per event table before cutting (default 200). */
  readonly maxTableRows?: number;
}

/** Everything one symbol's panel draws. */
export interface SymbolDetail {
  readonly symbol: string;
  readonly why: string;
  readonly rolling: RollingPoint[];
  readonly equity: StrategySeries[];
  readonly states: StateInterval[];
  readonly versions: VersionInterval[];
  readonly markers: Marker[];
  readonly regimes: RegimeInterval[];
  readonly tests: AbTestRow[];
  readonly weights: WeightPoint[];
}

/** All the report needs, read from the run file. */
export interface ReportData {
  readonly file: string;
  readonly summary: RunSummary;
  readonly period: RunPeriod;
  readonly settings: Required<Omit<ReportOptions, 'detailSymbols'>>;
  /** Model variants (keys of `summary.models`), sorted. */
  readonly variants: string[];
  readonly portfolio: Curve[];
  readonly pooled: RollingPoint[];
  /** Lifecycle states of every (variant, symbol). */
  readonly states: StateInterval[];
  readonly detailRule: string;
  readonly details: SymbolDetail[];
  readonly tests: { summary: AbTestSummaryRow[]; page: Page<AbTestRow> };
  readonly drift: { summary: CountRow[]; page: Page<DriftRow> };
  readonly alerts: { summary: CountRow[]; page: Page<AlertRow> };
  readonly rejects: Page<RejectRow>;
  /** Rows of `ensemble_weights` (null: the run file has no such table) and the mean weights. */
  readonly ensemble: { rows: number | null; pooled: WeightPoint[] };
}

/**
 * Reads a run file into {@link ReportData}: the summary, the portfolio curves, rolling metrics
 * (pooled and per detail symbol), lifecycle intervals, markers, regimes and the event tables.
 */
export async function loadReportData(
  store: RunStore,
  options: ReportOptions = {},
): Promise<ReportData> {
  const settings = {
    rollingWindow: options.rollingWindow ?? 100,
    maxDetailSymbols: options.maxDetailSymbols ?? 12,
    maxPoints: options.maxPoints ?? 500,
    maxTableRows: options.maxTableRows ?? 200,
  };
  const summary = await buildSummary(store);
  const choice = chooseDetailSymbols(summary, {
    max: settings.maxDetailSymbols,
    symbols: options.detailSymbols,
  });
  const symbols = choice.symbols;
  const rolling = {
    window: settings.rollingWindow,
    minPeriods: Math.min(20, settings.rollingWindow),
    maxPoints: settings.maxPoints,
  };
  const by =
    <T extends { symbol: string }>(rows: T[]) =>
    (s: string) =>
      rows.filter((r) => r.symbol === s);
  // One connection runs one query at a time: await each in turn.
  const rollingRows = await rollingMetrics(store, { ...rolling, symbols });
  const equity = await symbolEquity(store, symbols);
  const states = await stateIntervals(store);
  const versions = await versionIntervals(store, symbols);
  const markers = await timelineMarkers(store, symbols);
  const regimes = await regimeIntervals(store, symbols);
  const tests = await abTests(store, {
    limit: settings.maxTableRows * Math.max(1, symbols.length),
    symbols,
  });
  const weights = await ensembleWeights(store, { symbols, maxPoints: settings.maxPoints });
  const pick = {
    rolling: by(rollingRows),
    equity: by(equity),
    states: by(states),
    versions: by(versions),
    markers: by(markers),
    regimes: by(regimes),
    tests: by(tests.rows),
    weights: by(weights),
  };
  const details = symbols.map((symbol) => ({
    symbol,
    why: choice.why.get(symbol) ?? '',
    rolling: pick.rolling(symbol),
    equity: pick.equity(symbol),
    states: pick.states(symbol),
    versions: pick.versions(symbol),
    markers: pick.markers(symbol),
    regimes: pick.regimes(symbol),
    tests: pick.tests(symbol),
    weights: pick.weights(symbol),
  }));
  const returns = await portfolioReturnsByStrategy(store);
  const limit = { limit: settings.maxTableRows };
  return {
    file: store.file,
    summary,
    period: await runPeriod(store),
    settings,
    variants: Object.keys(summary.models).sort(),
    portfolio: returns.map((r) => curveFromReturns(r.strategy, r.ts, r.values)),
    pooled: await pooledRollingMetrics(store, rolling),
    states,
    detailRule: choice.rule,
    details,
    tests: { summary: await abTestSummary(store), page: await abTests(store, limit) },
    drift: { summary: await driftSummary(store), page: await driftEvents(store, limit) },
    alerts: { summary: await alertSummary(store), page: await alertEvents(store, limit) },
    rejects: await dataRejects(store, limit),
    ensemble: {
      rows: await ensembleWeightCount(store),
      pooled: weights.filter((w) => w.symbol === '*'),
    },
  };
}
