import type { RunStore } from './read-store.ts';
import { f1Sql, sqlInt, symbolFilter } from './sql-text.ts';

/** One point of a rolling direction-metric series. */
export interface RollingPoint {
  variant: string;
  /** The symbol, or `*` for the pooled series over all symbols. */
  symbol: string;
  role: string;
  /** Challenger and previous-champion series: version × 1000 + episode (0 for other roles). */
  segment: number;
  /** When the window's last label resolved (the prediction's `horizon_ts`), epoch ms. */
  ts: number;
  /** Labels in the window (fewer than the window at the start of a series). */
  n: number;
  accuracy: number;
  /** F1 = 2·tp / (2·tp + fp + fn) by `f1Sql`; null when the window has no positive prediction or label. */
  f1: number | null;
  log_loss: number | null;
}

export interface RollingOptions {
  /** Labels (per symbol) or bars (pooled) in the window. */
  readonly window: number;
  /** Points with fewer labels than this are left out. */
  readonly minPeriods: number;
  /** At most about this many points per series; longer series keep every k-th point and the last. */
  readonly maxPoints: number;
  /** Restrict to these symbols (all when undefined). */
  readonly symbols?: readonly string[] | undefined;
}

const CONFUSION = `((score > 0.5)::INTEGER = label)::INTEGER AS correct,
    ((score > 0.5) AND label = 1)::INTEGER AS tp, ((score > 0.5) AND label = 0)::INTEGER AS fp,
    ((score <= 0.5) AND label = 1)::INTEGER AS fn`;

/** Windowed sums over `src`, then the metric columns, with minPeriods and the stride applied. */
function rollingSql(src: string, partition: string, o: RollingOptions): string {
  const w = sqlInt(o.window, 'window');
  return `
    WITH w AS (
      SELECT ${partition}, ts,
        sum(k) OVER win AS n, sum(correct) OVER win AS correct, sum(tp) OVER win AS tp,
        sum(fp) OVER win AS fp, sum(fn) OVER win AS fn, sum(loss_sum) OVER win AS loss_sum,
        sum(loss_n) OVER win AS loss_n
      FROM (${src})
      WINDOW win AS (PARTITION BY ${partition} ORDER BY ts ROWS BETWEEN ${w - 1} PRECEDING AND CURRENT ROW)
    ), f AS (
      SELECT *, row_number() OVER (PARTITION BY ${partition} ORDER BY ts) AS rn,
        count(*) OVER (PARTITION BY ${partition}) AS cnt
      FROM w WHERE n >= ${sqlInt(o.minPeriods, 'minPeriods')}
    )
    SELECT ${partition}, epoch_ms(ts) AS ts, n::BIGINT AS n, correct / n AS accuracy,
      ${f1Sql('tp', 'fp', 'fn')} AS f1,
      CASE WHEN loss_n = 0 THEN NULL ELSE loss_sum / loss_n END AS log_loss
    FROM f
    WHERE (rn - 1) % greatest(1, ceil(cnt / ${sqlInt(o.maxPoints, 'maxPoints')}))::BIGINT = 0 OR rn = cnt
    ORDER BY ${partition}, ts`;
}

/**
 * Rolling accuracy, F1 and mean log loss per (variant, symbol, role) over the last `window`
 * resolved labels, computed in SQL with window functions. Challenger and previous-champion
 * predictions are cut into one series per model version and episode (`segment` = version × 1000
 * + episode), so each test or probation is its own segment with its own window.
 * A prediction counts as "up" when score > 0.5, as in {@link classificationBySymbol}.
 *
 * @example
 * await rollingMetrics(store, { window: 100, minPeriods: 20, maxPoints: 400, symbols: ['DAX'] });
 */
export async function rollingMetrics(store: RunStore, o: RollingOptions): Promise<RollingPoint[]> {
  // Challenger and previous-champion rows form one segment per version and episode: a gap of
  // more than 5 typical spacings (a later test of the same version, a second probation against
  // the same previous champion) starts a new segment, so its rolling window starts afresh.
  const src = `WITH p AS (
      SELECT variant, symbol, role, coalesce(model_version, 0) AS version, horizon_ts AS ts, ${CONFUSION},
        coalesce(loss, 0) AS loss_sum, (loss IS NOT NULL)::INTEGER AS loss_n
      FROM predictions WHERE label IS NOT NULL${symbolFilter(o.symbols)}
    ), g AS (
      SELECT *, epoch_ms(ts) - epoch_ms(lag(ts) OVER s) AS gap FROM p WINDOW s AS (PARTITION BY variant, symbol, role, version ORDER BY ts)
    ), e AS (
      SELECT *, sum(CASE WHEN gap > 5 * typical THEN 1 ELSE 0 END) OVER (PARTITION BY variant, symbol, role, version ORDER BY ts ROWS UNBOUNDED PRECEDING) AS episode
      FROM (SELECT *, median(gap) OVER (PARTITION BY variant, symbol, role, version) AS typical FROM g)
    )
    SELECT variant, symbol, role, CASE WHEN role IN ('challenger', 'previous') THEN version * 1000 + episode ELSE 0 END AS segment,
      ts, 1 AS k, correct, tp, fp, fn, loss_sum, loss_n
    FROM e`;
  return store.rows<RollingPoint>(rollingSql(src, 'variant, symbol, role, segment', o));
}

/**
 * Rolling direction metrics pooled over all symbols, per (variant, role), for the champion and
 * the baseline predictors: each bar's labels are summed over symbols, and the window is the
 * last `window` bars (so a bar with more symbols weighs more). `symbol` is `*`.
 */
export async function pooledRollingMetrics(
  store: RunStore,
  o: Omit<RollingOptions, 'symbols'>,
): Promise<RollingPoint[]> {
  const src = `SELECT variant, role, ts, sum(k) AS k, sum(correct) AS correct, sum(tp) AS tp, sum(fp) AS fp, sum(fn) AS fn,
      sum(loss_sum) AS loss_sum, sum(loss_n) AS loss_n
    FROM (SELECT variant, role, horizon_ts AS ts, 1 AS k, ${CONFUSION}, coalesce(loss, 0) AS loss_sum, (loss IS NOT NULL)::INTEGER AS loss_n
      FROM predictions WHERE label IS NOT NULL AND role IN ('champion', 'frozen', 'naive'))
    GROUP BY ALL`;
  const rows = await store.rows<Omit<RollingPoint, 'symbol' | 'segment'>>(
    rollingSql(src, 'variant, role', o),
  );
  return rows.map((r) => ({ ...r, symbol: '*', segment: 0 }));
}

/** A time series of one strategy (per-bar values, in time order). */
export interface StrategySeries {
  strategy: string;
  symbol: string;
  ts: number[];
  values: number[];
}

/**
 * Equal-weight portfolio returns per strategy: at each timestamp, the mean `pnl` of the symbols
 * with a bar then (the same rule as the backtest's `portfolioReturns`). `symbol` is `*`.
 */
export async function portfolioReturnsByStrategy(store: RunStore): Promise<StrategySeries[]> {
  const rows = await store.rows<{ strategy: string; ts: number[]; values: number[] }>(`
    SELECT strategy, list(epoch_ms(ts) ORDER BY ts) AS ts, list(r ORDER BY ts) AS values
    FROM (SELECT strategy, ts, avg(pnl) AS r FROM equity GROUP BY ALL)
    GROUP BY strategy ORDER BY strategy`);
  return rows.map((r) => ({
    strategy: r.strategy,
    symbol: '*',
    ts: r.ts.map(Number),
    values: r.values.map(Number),
  }));
}

/** Recorded equity (starting at 1) per (symbol, strategy), for the given symbols. */
export async function symbolEquity(
  store: RunStore,
  symbols: readonly string[],
): Promise<StrategySeries[]> {
  const rows = await store.rows<{
    strategy: string;
    symbol: string;
    ts: number[];
    values: number[];
  }>(`
    SELECT symbol, strategy, list(epoch_ms(ts) ORDER BY ts) AS ts, list(equity ORDER BY ts) AS values
    FROM equity WHERE TRUE${symbolFilter(symbols)} GROUP BY ALL ORDER BY symbol, strategy`);
  return rows.map((r) => ({
    strategy: r.strategy,
    symbol: r.symbol,
    ts: r.ts.map(Number),
    values: r.values.map(Number),
  }));
}

/** First and last recorded bar of the run and the number of distinct bar times. */
export interface RunPeriod {
  first_ts: number | null;
  last_ts: number | null;
  bars: number;
}

/** The run's period from the equity table, or from predictions when no equity was recorded. */
export async function runPeriod(store: RunStore): Promise<RunPeriod> {
  const [r] = await store.rows<RunPeriod>(`
    WITH t AS (SELECT ts FROM equity UNION ALL SELECT ts FROM predictions WHERE NOT EXISTS (SELECT 1 FROM equity))
    SELECT epoch_ms(min(ts)) AS first_ts, epoch_ms(max(ts)) AS last_ts, count(DISTINCT ts) AS bars FROM t`);
  return r ?? { first_ts: null, last_ts: null, bars: 0 };
}
