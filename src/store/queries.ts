import type { RunStore } from './read-store.ts';
import { sumsInOrder } from './sums-in-order.ts';

export interface RunRow {
  run_id: string;
  scenario: string;
  seed: number;
  started_at: number;
  finished_at: number | null;
  status: string;
  backend: string;
  config: string;
  data: string;
  symbols: string;
  bars: number | null;
  rejects: number | null;
  error: string | null;
  version: string;
}

/** The run's `runs` row. */
export async function readRun(store: RunStore): Promise<RunRow> {
  const [row] = await store.rows<RunRow>(
    'SELECT * REPLACE (epoch_ms(started_at) AS started_at, epoch_ms(finished_at) AS finished_at, config::VARCHAR AS config) FROM runs LIMIT 1',
  );
  if (row === undefined) throw new Error(`${store.file} has no runs row`);
  return row;
}

export interface ClassificationRow {
  variant: string;
  symbol: string;
  role: string;
  predictions: number;
  labelled: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  log_loss: number | null;
  first_label_ts: number | null;
}

/**
 * Confusion counts and mean log loss per (variant, symbol, role), threshold 0.5.
 *
 * The log loss is summed in time order, so it is the same to the last bit on every read (and
 * for a run recorded in shards): the losses are streamed sorted — DuckDB sorts out of core,
 * within the store's memory limit — and added up here. An ordered aggregate
 * (`sum(loss ORDER BY ts)`) would hold every loss of the run in memory at once.
 */
export async function classificationBySymbol(store: RunStore): Promise<ClassificationRow[]> {
  const rows = await store.rows<Omit<ClassificationRow, 'log_loss'> & { losses: number }>(`
    SELECT variant, symbol, role, count(*) AS predictions, count(label) AS labelled,
      count(*) FILTER (WHERE score > 0.5 AND label = 1) AS tp,
      count(*) FILTER (WHERE score > 0.5 AND label = 0) AS fp,
      count(*) FILTER (WHERE score <= 0.5 AND label = 0) AS tn,
      count(*) FILTER (WHERE score <= 0.5 AND label = 1) AS fn,
      count(loss) AS losses,
      epoch_ms(min(ts) FILTER (WHERE label IS NOT NULL)) AS first_label_ts
    FROM predictions GROUP BY ALL ORDER BY variant, symbol, role`);
  const sums = await sumsInOrder(
    store,
    'SELECT loss FROM predictions WHERE loss IS NOT NULL ORDER BY variant, symbol, role, ts, loss',
    rows.map((r) => r.losses),
  );
  return rows.map(({ losses, ...r }, i) => ({
    ...r,
    log_loss: losses === 0 ? null : (sums[i] as number) / losses,
  }));
}

export interface LifecycleCountRow {
  variant: string;
  symbol: string;
  versions: number;
  tests: number;
  promotions: number;
  rollbacks: number;
}

/** Updates (versions after the first), tests, promotions and rollbacks per (variant, symbol). */
export async function lifecycleCounts(store: RunStore): Promise<LifecycleCountRow[]> {
  return store.rows<LifecycleCountRow>(`
    SELECT variant, symbol,
      count(*) FILTER (WHERE event = 'created') AS versions,
      count(*) FILTER (WHERE event = 'promoted' AND version > 1) AS promotions,
      count(*) FILTER (WHERE event = 'restored') AS rollbacks,
      (SELECT count(*) FROM ab_tests a WHERE a.variant = v.variant AND a.symbol = v.symbol) AS tests
    FROM version_events v GROUP BY ALL ORDER BY ALL`);
}

export interface EquitySeries {
  strategy: string;
  symbol: string;
  ts: number[];
  pnl: number[];
  turnover: number[];
  cost: number[];
}

/** Every (strategy, symbol) return series, in time order. */
export async function equitySeries(store: RunStore): Promise<EquitySeries[]> {
  const rows = await store.rows<{
    strategy: string;
    symbol: string;
    ts: number[];
    pnl: number[];
    turnover: number[];
    cost: number[];
  }>(`
    SELECT strategy, symbol, list(epoch_ms(ts) ORDER BY ts) AS ts, list(pnl ORDER BY ts) AS pnl,
      list(turnover ORDER BY ts) AS turnover, list(cost ORDER BY ts) AS cost
    FROM equity GROUP BY ALL ORDER BY strategy, symbol`);
  return rows.map((r) => ({
    ...r,
    ts: r.ts.map(Number),
    pnl: r.pnl.map(Number),
    turnover: r.turnover.map(Number),
    cost: r.cost.map(Number),
  }));
}

/** Count of rows of a table. */
export async function countRows(store: RunStore, table: string): Promise<number> {
  const [r] = await store.rows<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return r?.n ?? 0;
}
