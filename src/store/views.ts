import { f1Sql } from './sql-text.ts';

/**
 * Views for the questions researchers ask every run file, created with the tables (so a partial
 * run has them too) and documented column by column in docs/duckdb.md. They read only the
 * tables that are written while the run goes (`predictions`, `equity`, `version_events`,
 * `ab_tests`); `model_versions`, written at the end, only fills in what the events cannot say.
 * Direction metrics use the report's rule (up when score > 0.5), so they match `summary.json`.
 */

/** The views every run file has. */
export const VIEW_NAMES = ['v_symbol_summary', 'v_policy_comparison', 'v_version_history'] as const;

export type ViewName = (typeof VIEW_NAMES)[number];

/**
 * Confusion counts and mean log loss per group of `predictions` (threshold 0.5). The loss is
 * summed with `fsum` (compensated, so nearly independent of the order DuckDB adds in) rather than
 * an ordered aggregate, which would hold every prediction of a large run in memory at once;
 * summary.json sums in time order and agrees to about 12 digits.
 */
const CONFUSION = `count(*) AS predictions, count(label) AS labelled,
      count(*) FILTER (WHERE score > 0.5 AND label = 1) AS tp, count(*) FILTER (WHERE score > 0.5 AND label = 0) AS fp,
      count(*) FILTER (WHERE score <= 0.5 AND label = 0) AS tn, count(*) FILTER (WHERE score <= 0.5 AND label = 1) AS fn,
      fsum(loss) / count(loss) AS log_loss`;

const ACCURACY = '(tp + tn) / nullif(tp + fp + tn + fn, 0)';

const SYMBOL_SUMMARY = `
CREATE OR REPLACE VIEW v_symbol_summary AS
WITH champion AS (
  SELECT variant, symbol, ${CONFUSION} FROM predictions WHERE role = 'champion' GROUP BY ALL
), lifecycle AS (
  SELECT variant, symbol, count(*) FILTER (WHERE event = 'created') AS versions,
    count(*) FILTER (WHERE event = 'promoted' AND version > 1) AS promotions,
    count(*) FILTER (WHERE event = 'restored') AS rollbacks
  FROM version_events GROUP BY ALL
), tests AS (
  SELECT variant, symbol, count(*) AS tests FROM ab_tests GROUP BY ALL
), final AS (
  SELECT strategy::VARCHAR AS strategy, symbol::VARCHAR AS symbol, arg_max(equity, ts) AS equity FROM equity GROUP BY ALL
), keys AS (
  SELECT variant, symbol FROM champion UNION SELECT variant, symbol FROM lifecycle
)
SELECT k.variant, k.symbol,
  coalesce(c.predictions, 0) AS predictions, coalesce(c.labelled, 0) AS labelled,
  ${ACCURACY} AS accuracy,
  tp / nullif(tp + fp, 0) AS precision, tp / nullif(tp + fn, 0) AS recall,
  ${f1Sql('tp', 'fp', 'fn')} AS f1,
  c.log_loss,
  m.equity - 1 AS model_return, b.equity - 1 AS buy_and_hold_return,
  coalesce(l.versions, 0) AS versions, coalesce(t.tests, 0) AS tests,
  coalesce(l.promotions, 0) AS promotions, coalesce(l.rollbacks, 0) AS rollbacks
FROM keys k
LEFT JOIN champion c ON c.variant = k.variant AND c.symbol = k.symbol
LEFT JOIN lifecycle l ON l.variant = k.variant AND l.symbol = k.symbol
LEFT JOIN tests t ON t.variant = k.variant AND t.symbol = k.symbol
LEFT JOIN final m ON m.strategy = k.variant::VARCHAR AND m.symbol = k.symbol::VARCHAR
LEFT JOIN final b ON b.strategy = 'buy_and_hold' AND b.symbol = k.symbol::VARCHAR
ORDER BY k.variant, k.symbol;
COMMENT ON VIEW v_symbol_summary IS 'Per variant and symbol: direction metrics of the champion (up when score > 0.5), total return of the variant and of buy-and-hold from equity, lifecycle counts';
COMMENT ON COLUMN v_symbol_summary.model_return IS 'last equity of the variant''s strategy on this symbol − 1 (= Π(1 + pnl) − 1)';
COMMENT ON COLUMN v_symbol_summary.promotions IS 'promotions after the first version (the end of warmup does not count)';
COMMENT ON COLUMN v_symbol_summary.rollbacks IS 'versions restored by a rollback';`;

const POLICY_COMPARISON = `
CREATE OR REPLACE VIEW v_policy_comparison AS
WITH bars AS (
  SELECT strategy::VARCHAR AS strategy, ts, avg(pnl) AS r, avg(turnover) AS turnover, avg(cost) AS cost
  FROM equity GROUP BY ALL
), curve AS (
  SELECT *, product(1 + r) OVER (PARTITION BY strategy ORDER BY ts ROWS UNBOUNDED PRECEDING) AS value FROM bars
), drawdown AS (
  SELECT *, value / greatest(1, max(value) OVER (PARTITION BY strategy ORDER BY ts ROWS UNBOUNDED PRECEDING)) - 1 AS dd FROM curve
), perf AS (
  SELECT strategy, count(*) AS bars, min(ts) AS first_ts, max(ts) AS last_ts,
    product(1 + r ORDER BY ts) - 1 AS total_return, avg(r) AS mean_return, stddev_samp(r) AS sd_return,
    min(dd) AS max_drawdown, sum(turnover ORDER BY ts) AS turnover, sum(cost ORDER BY ts) AS costs
  FROM drawdown GROUP BY strategy
), predictors AS (
  SELECT CASE WHEN role = 'champion' THEN variant::VARCHAR ELSE role::VARCHAR END AS strategy, role::VARCHAR AS predictor, ${CONFUSION}
  FROM predictions WHERE role NOT IN ('challenger', 'previous') GROUP BY ALL
), variants AS (
  SELECT DISTINCT variant::VARCHAR AS strategy FROM version_events
  UNION SELECT strategy FROM predictors WHERE predictor = 'champion'
)
SELECT p.strategy, CASE WHEN p.strategy IN (SELECT strategy FROM variants) THEN 'variant' ELSE 'baseline' END AS kind,
  p.bars, p.first_ts, p.last_ts, p.total_return, p.mean_return, p.sd_return,
  p.mean_return / nullif(p.sd_return, 0) AS sharpe_per_bar,
  p.max_drawdown, p.turnover, p.costs,
  a.predictor, a.labelled, ${ACCURACY} AS accuracy
FROM perf p LEFT JOIN predictors a ON a.strategy = p.strategy
ORDER BY kind DESC, p.strategy;
COMMENT ON VIEW v_policy_comparison IS 'Per strategy (each variant and baseline): the equal-weight portfolio of its symbols, rebalanced every bar (per-bar return = mean pnl of the symbols with a bar then), and the direction accuracy of the predictor that drives it';
COMMENT ON COLUMN v_policy_comparison.sharpe_per_bar IS 'mean_return / sd_return per bar, NOT annualised (summary.json sharpe = this × √periods_per_year); NULL when sd_return is 0 or NULL';
COMMENT ON COLUMN v_policy_comparison.sd_return IS 'sample standard deviation (n − 1) of the per-bar portfolio return';
COMMENT ON COLUMN v_policy_comparison.max_drawdown IS 'min over bars of value / running peak − 1, the starting value 1 counting as a peak; <= 0';
COMMENT ON COLUMN v_policy_comparison.predictor IS 'prediction role behind the strategy: champion (a variant), frozen or naive; NULL for buy_and_hold';
COMMENT ON COLUMN v_policy_comparison.accuracy IS 'direction accuracy of that predictor over its labelled predictions (all symbols); for a variant, its champion';`;

const VERSION_HISTORY = `
CREATE OR REPLACE VIEW v_version_history AS
WITH ev AS (
  SELECT variant, symbol, version, ts, event, detail,
    -- the version serving just before this event: a new version's parent
    last_value(CASE WHEN event IN ('promoted', 'restored') THEN version END IGNORE NULLS)
      OVER (PARTITION BY variant, symbol ORDER BY ts, rowid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS serving_before,
    row_number() OVER (PARTITION BY variant, symbol, version, CASE WHEN event IN ('promoted', 'restored') THEN 'start' ELSE event END ORDER BY ts, rowid) AS k,
    row_number() OVER (PARTITION BY variant, symbol, version ORDER BY ts DESC, rowid DESC) AS from_last
  FROM version_events
), starts AS (SELECT * FROM ev WHERE event IN ('promoted', 'restored')),
ends AS (SELECT * FROM ev WHERE event = 'retired'),
last_bar AS (
  SELECT variant, symbol, max(ts) AS ts FROM predictions WHERE role = 'champion' GROUP BY ALL
), served AS (
  SELECT s.variant, s.symbol, s.version, sum(epoch_us(coalesce(e.ts, lb.ts)) - epoch_us(s.ts))::BIGINT AS served_us
  FROM starts s
  LEFT JOIN ends e ON e.variant = s.variant AND e.symbol = s.symbol AND e.version = s.version AND e.k = s.k
  LEFT JOIN last_bar lb ON lb.variant = s.variant AND lb.symbol = s.symbol
  GROUP BY ALL
), bars AS (
  SELECT variant, symbol, model_version AS version, count(*) AS served_bars FROM predictions WHERE role = 'champion' GROUP BY ALL
), per_version AS (
  SELECT variant, symbol, version,
    min(ts) FILTER (WHERE event = 'created') AS created_ts,
    min(ts) FILTER (WHERE event = 'promoted') AS promoted_ts,
    arg_min(detail, ts) FILTER (WHERE event = 'created') AS created_detail,
    arg_min(detail, ts) FILTER (WHERE event = 'promoted') AS promoted_by,
    arg_min(serving_before, ts) FILTER (WHERE event = 'created') AS serving_before,
    max(event) FILTER (WHERE from_last = 1) AS last_event,
    max(ts) FILTER (WHERE from_last = 1) AS last_ts,
    count(*) FILTER (WHERE event = 'restored') AS restored,
    min(ts) FILTER (WHERE event = 'retired' AND detail LIKE 'rolled back%') AS rolled_back_ts
  FROM ev GROUP BY ALL
), tests AS (
  SELECT variant, symbol, challenger_version AS version, n, statistic, p_value, method, decision, ended_ts
  FROM ab_tests QUALIFY row_number() OVER (PARTITION BY variant, symbol, challenger_version ORDER BY ended_ts DESC) = 1
), keys AS (
  SELECT variant, symbol, version FROM per_version UNION SELECT variant, symbol, version FROM model_versions
)
SELECT k.variant, k.symbol, k.version,
  coalesce(mv.parent_version, v.serving_before) AS parent_version,
  coalesce(mv.reason, regexp_replace(v.created_detail, ' \\([^)]*\\)$', '')) AS reason,
  coalesce(v.created_ts, mv.created_ts) AS created_ts,
  coalesce(v.promoted_ts, mv.promoted_ts) AS promoted_ts,
  CASE WHEN v.last_event IN ('retired', 'discarded') THEN v.last_ts WHEN v.last_event IS NULL THEN mv.retired_ts END AS retired_ts,
  CASE v.last_event WHEN 'promoted' THEN 'serving' WHEN 'restored' THEN 'serving' WHEN 'retired' THEN 'retired'
    WHEN 'discarded' THEN 'discarded' WHEN 'created' THEN 'candidate' END AS status,
  v.promoted_by,
  coalesce(b.served_bars, 0) AS served_bars, to_days((s.served_us // 86400000000)::INTEGER) + to_microseconds(s.served_us % 86400000000) AS served_time, s.served_us / 86400e6 AS served_days,
  t.n AS test_n, t.statistic AS test_statistic, t.p_value AS test_p_value, t.method AS test_method, t.decision AS test_decision,
  v.rolled_back_ts IS NOT NULL AS rolled_back, v.rolled_back_ts, coalesce(v.restored, 0) AS times_restored
FROM keys k
LEFT JOIN per_version v ON v.variant = k.variant AND v.symbol = k.symbol AND v.version = k.version
LEFT JOIN model_versions mv ON mv.variant = k.variant AND mv.symbol = k.symbol AND mv.version = k.version
LEFT JOIN served s ON s.variant = k.variant AND s.symbol = k.symbol AND s.version = k.version
LEFT JOIN bars b ON b.variant = k.variant AND b.symbol = k.symbol AND b.version = k.version
LEFT JOIN tests t ON t.variant = k.variant AND t.symbol = k.symbol AND t.version = k.version
ORDER BY k.variant, k.symbol, k.version;
COMMENT ON VIEW v_version_history IS 'Per variant, symbol and model version: lineage, lifecycle times, how long it served, the test that decided it and whether it was rolled back (from version_events; model_versions, written at the end, fills in parent and reason)';
COMMENT ON COLUMN v_version_history.served_bars IS 'bars at which this version made the champion prediction';
COMMENT ON COLUMN v_version_history.served_time IS 'time between each promotion/restore and the following retirement, summed; a version still serving counts until its symbol''s last champion prediction; whole days in the days field (an INTERVAL of microseconds alone overflows Parquet''s milliseconds)';
COMMENT ON COLUMN v_version_history.served_days IS 'served_time in days (24 h)';
COMMENT ON COLUMN v_version_history.status IS 'at the end of the recording: serving, retired, discarded (rejected challenger) or candidate (created, not decided yet)';
COMMENT ON COLUMN v_version_history.rolled_back IS 'true when the version was retired by a rollback (probation failure or a rollback command)';`;

/**
 * The `CREATE OR REPLACE VIEW` (and `COMMENT ON`) statements of {@link VIEW_NAMES}, to run on a
 * file that has every table of `createTablesSql`. Views are computed when read: a partial run
 * shows the rows recorded so far.
 *
 * @example
 * await connection.run(createTablesSql(dicts));
 * await connection.run(createViewsSql());
 * await connection.runAndReadAll('SELECT * FROM v_policy_comparison');
 */
export function createViewsSql(): string {
  return [SYMBOL_SUMMARY, POLICY_COMPARISON, VERSION_HISTORY].join('\n');
}
