import type { RunStore } from './read-store.ts';
import { sqlInt, sqlString, symbolFilter } from './sql-text.ts';

/** The first `limit` rows of a listing and how many there are in all. */
export interface Page<T> {
  total: number;
  rows: T[];
}

async function page<T>(
  store: RunStore,
  from: string,
  select: string,
  orderBy: string,
  limit: number,
): Promise<Page<T>> {
  const [c] = await store.rows<{ n: number }>(`SELECT count(*) AS n FROM ${from}`);
  const rows = await store.rows<T>(
    `SELECT ${select} FROM ${from} ORDER BY ${orderBy} LIMIT ${sqlInt(limit, 'limit')}`,
  );
  return { total: c?.n ?? 0, rows };
}

/** Whether the run file has a table of that name (older files lack newer tables). */
export async function tableExists(store: RunStore, table: string): Promise<boolean> {
  const [r] = await store.rows<{ n: number }>(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ${sqlString(table)}`,
  );
  return (r?.n ?? 0) > 0;
}

export interface AbTestRow {
  variant: string;
  symbol: string;
  started_ts: number;
  ended_ts: number | null;
  champion_version: number;
  challenger_version: number;
  method: string | null;
  n: number | null;
  statistic: number | null;
  p_value: number | null;
  decision: string | null;
}

/** Champion/challenger tests in time order (for the given symbols, or all). */
export async function abTests(
  store: RunStore,
  o: { limit: number; symbols?: readonly string[] },
): Promise<Page<AbTestRow>> {
  return page(
    store,
    `ab_tests WHERE TRUE${symbolFilter(o.symbols)}`,
    'variant, symbol, epoch_ms(started_ts) AS started_ts, epoch_ms(ended_ts) AS ended_ts, champion_version, challenger_version, method, n, statistic, p_value, decision',
    'started_ts, variant, symbol, challenger_version',
    o.limit,
  );
}

export interface AbTestSummaryRow {
  variant: string;
  tests: number;
  promoted: number;
  rejected: number;
  median_n: number | null;
  median_p_value: number | null;
}

/** Counts of tests and decisions per variant. */
export async function abTestSummary(store: RunStore): Promise<AbTestSummaryRow[]> {
  return store.rows<AbTestSummaryRow>(`
    SELECT variant, count(*) AS tests, count(*) FILTER (WHERE decision = 'promote') AS promoted,
      count(*) FILTER (WHERE decision = 'reject') AS rejected, median(n) AS median_n, median(p_value) AS median_p_value
    FROM ab_tests GROUP BY variant ORDER BY variant`);
}

export interface DriftRow {
  variant: string;
  symbol: string;
  ts: number;
  detector: string;
  kind: string | null;
  feature: string | null;
}

/** Drift detections in time order. */
export async function driftEvents(store: RunStore, o: { limit: number }): Promise<Page<DriftRow>> {
  return page(
    store,
    'drift_events',
    'variant, symbol, epoch_ms(ts) AS ts, detector, kind, feature',
    'ts, variant, symbol, detector',
    o.limit,
  );
}

export interface CountRow {
  variant: string;
  /** What is counted: the detector and kind of a drift, the kind and severity of an alert. */
  key: string;
  events: number;
  symbols: number;
}

/** Drift detections per (variant, detector · kind) and how many symbols they touched. */
export async function driftSummary(store: RunStore): Promise<CountRow[]> {
  return store.rows<CountRow>(`
    SELECT variant, concat_ws(' · ', detector, kind) AS key, count(*) AS events, count(DISTINCT symbol) AS symbols
    FROM drift_events GROUP BY ALL ORDER BY variant, key`);
}

export interface AlertRow {
  variant: string;
  symbol: string;
  ts: number;
  kind: string;
  severity: string;
  message: string | null;
}

/** Alerts in time order. */
export async function alertEvents(store: RunStore, o: { limit: number }): Promise<Page<AlertRow>> {
  return page(
    store,
    'alerts',
    'variant, symbol, epoch_ms(ts) AS ts, kind, severity, message',
    'ts, variant, symbol, kind',
    o.limit,
  );
}

/** Alerts per (variant, kind · severity) and how many symbols raised them. */
export async function alertSummary(store: RunStore): Promise<CountRow[]> {
  return store.rows<CountRow>(`
    SELECT variant, concat_ws(' · ', kind, severity) AS key, count(*) AS events, count(DISTINCT symbol) AS symbols
    FROM alerts GROUP BY ALL ORDER BY variant, key`);
}

export interface RejectRow {
  source: string;
  line: number | null;
  reason: string;
}

/** Rejected input rows in file order. */
export async function dataRejects(store: RunStore, o: { limit: number }): Promise<Page<RejectRow>> {
  return page(store, 'data_rejects', 'source, line, reason', 'source, line', o.limit);
}

export interface WeightPoint {
  variant: string;
  /** The symbol, or `*` for the mean over symbols. */
  symbol: string;
  member: string;
  ts: number;
  weight: number;
}

/**
 * Ensemble member weights over time from the optional `ensemble_weights` table (empty when the
 * table is missing): per symbol for the given symbols, and the mean over all symbols (`*`).
 * Each series keeps about `maxPoints` points (every k-th and the last).
 */
export async function ensembleWeights(
  store: RunStore,
  o: { symbols: readonly string[]; maxPoints: number },
): Promise<WeightPoint[]> {
  if (!(await tableExists(store, 'ensemble_weights'))) return [];
  const thin = (partition: string, src: string) => `
    SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY ${partition} ORDER BY ts) AS rn,
      count(*) OVER (PARTITION BY ${partition}) AS cnt FROM (${src}))
    WHERE (rn - 1) % greatest(1, ceil(cnt / ${sqlInt(o.maxPoints, 'maxPoints')}))::BIGINT = 0 OR rn = cnt`;
  return store.rows<WeightPoint>(`
    SELECT variant, symbol, member, epoch_ms(ts) AS ts, weight FROM (
      ${thin('variant, symbol, member', `SELECT coalesce(variant, '') AS variant, symbol, member, ts, weight FROM ensemble_weights WHERE TRUE${symbolFilter(o.symbols)}`)}
      UNION ALL
      ${thin('variant, symbol, member', `SELECT coalesce(variant, '') AS variant, '*' AS symbol, member, ts, avg(weight) AS weight FROM ensemble_weights GROUP BY ALL`)})
    ORDER BY variant, symbol, member, ts`);
}

/** Number of rows in the optional `ensemble_weights` table, or null when there is no such table. */
export async function ensembleWeightCount(store: RunStore): Promise<number | null> {
  if (!(await tableExists(store, 'ensemble_weights'))) return null;
  const [r] = await store.rows<{ n: number }>('SELECT count(*) AS n FROM ensemble_weights');
  return r?.n ?? 0;
}
