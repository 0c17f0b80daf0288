import type { OutcomeEvent } from '../core/index.ts';

/**
 * Column types the recorder writes. Times are epoch milliseconds in memory, TIMESTAMP on disk.
 * Dictionary columns (`symbol`, `role`, `strategy`, `variant`) are DuckDB ENUMs when their values
 * are known when the run starts (a replay), VARCHAR otherwise (a live feed): they read as text
 * either way, and ENUMs make appends about twice as fast.
 */
export type ColumnType =
  | 'varchar'
  | 'ts'
  | 'double'
  | 'integer'
  | 'bigint'
  | 'json'
  | DictionaryName;

/** Columns whose values come from a small dictionary. */
export type DictionaryName = 'symbol' | 'role' | 'strategy' | 'variant';

/** Values of each dictionary, when known at the start of a run. */
export type Dictionaries = Partial<Record<DictionaryName, readonly string[]>>;

/** A cell of a row: text, a number (times are epoch ms), or NULL. */
export type Cell = string | number | null;

/** The outcome of one event type. */
type On<T extends OutcomeEvent['type']> = Extract<OutcomeEvent, { type: T }>;

/**
 * A table: its name, the outcome event whose rows it holds (none for `runs`), and its columns,
 * each with its type and, for event tables, the accessor that reads its cell from the event —
 * so adding a column is one edit here (the recorder and the DDL follow).
 */
export interface TableSpec {
  readonly name: string;
  readonly event?: OutcomeEvent['type'];
  readonly columns: readonly (readonly [
    name: string,
    type: ColumnType,
    get?: (e: never) => Cell,
  ])[];
}

/**
 * The run file's tables (DESIGN.md's contract first, extra columns after). Every table exists
 * from the start of a run, empty until something writes to it.
 */
export const TABLES = {
  runs: {
    name: 'runs',
    columns: [
      ['run_id', 'varchar'],
      ['scenario', 'varchar'],
      ['seed', 'bigint'],
      ['started_at', 'ts'],
      ['finished_at', 'ts'],
      ['status', 'varchar'],
      ['backend', 'varchar'],
      ['config', 'json'],
      ['data', 'varchar'],
      ['symbols', 'varchar'],
      ['bars', 'bigint'],
      ['rejects', 'bigint'],
      ['error', 'varchar'],
      ['version', 'varchar'],
    ],
  },
  predictions: {
    name: 'predictions',
    event: 'prediction',
    columns: [
      ['symbol', 'symbol', (e: On<'prediction'>) => e.symbol],
      ['ts', 'ts', (e: On<'prediction'>) => e.ts],
      ['horizon_ts', 'ts', (e: On<'prediction'>) => e.horizonTs],
      ['role', 'role', (e: On<'prediction'>) => e.role],
      ['model_version', 'integer', (e: On<'prediction'>) => e.modelVersion],
      ['score', 'double', (e: On<'prediction'>) => e.score],
      ['label', 'double', (e: On<'prediction'>) => e.label],
      ['loss', 'double', (e: On<'prediction'>) => e.loss],
      ['variant', 'variant', (e: On<'prediction'>) => e.variant],
    ],
  },
  model_versions: {
    name: 'model_versions',
    event: 'version',
    columns: [
      ['symbol', 'symbol', (e: On<'version'>) => e.symbol],
      ['version', 'integer', (e: On<'version'>) => e.version],
      ['parent_version', 'integer', (e: On<'version'>) => e.parentVersion],
      ['created_ts', 'ts', (e: On<'version'>) => e.createdTs],
      ['promoted_ts', 'ts', (e: On<'version'>) => e.promotedTs],
      ['retired_ts', 'ts', (e: On<'version'>) => e.retiredTs],
      ['reason', 'varchar', (e: On<'version'>) => e.reason],
      ['metrics', 'json', (e: On<'version'>) => e.metrics],
      ['variant', 'variant', (e: On<'version'>) => e.variant],
    ],
  },
  version_events: {
    name: 'version_events',
    event: 'version_event',
    columns: [
      ['symbol', 'symbol', (e: On<'version_event'>) => e.symbol],
      ['ts', 'ts', (e: On<'version_event'>) => e.ts],
      ['version', 'integer', (e: On<'version_event'>) => e.version],
      ['event', 'varchar', (e: On<'version_event'>) => e.event],
      ['detail', 'varchar', (e: On<'version_event'>) => e.detail],
      ['variant', 'variant', (e: On<'version_event'>) => e.variant],
    ],
  },
  model_snapshots: {
    name: 'model_snapshots',
    event: 'snapshot',
    columns: [
      ['symbol', 'symbol', (e: On<'snapshot'>) => e.symbol],
      ['ts', 'ts', (e: On<'snapshot'>) => e.ts],
      ['version', 'integer', (e: On<'snapshot'>) => e.version],
      ['kind', 'varchar', (e: On<'snapshot'>) => e.kind],
      ['snapshot', 'json', (e: On<'snapshot'>) => e.snapshot],
      ['variant', 'variant', (e: On<'snapshot'>) => e.variant],
    ],
  },
  transitions: {
    name: 'transitions',
    event: 'transition',
    columns: [
      ['symbol', 'symbol', (e: On<'transition'>) => e.symbol],
      ['ts', 'ts', (e: On<'transition'>) => e.ts],
      ['from_state', 'varchar', (e: On<'transition'>) => e.from],
      ['to_state', 'varchar', (e: On<'transition'>) => e.to],
      ['event', 'varchar', (e: On<'transition'>) => e.event],
      ['variant', 'variant', (e: On<'transition'>) => e.variant],
    ],
  },
  ab_tests: {
    name: 'ab_tests',
    event: 'ab_test',
    columns: [
      ['symbol', 'symbol', (e: On<'ab_test'>) => e.symbol],
      ['started_ts', 'ts', (e: On<'ab_test'>) => e.startedTs],
      ['ended_ts', 'ts', (e: On<'ab_test'>) => e.endedTs],
      ['champion_version', 'integer', (e: On<'ab_test'>) => e.championVersion],
      ['challenger_version', 'integer', (e: On<'ab_test'>) => e.challengerVersion],
      ['n', 'integer', (e: On<'ab_test'>) => e.n],
      ['statistic', 'double', (e: On<'ab_test'>) => e.statistic],
      ['p_value', 'double', (e: On<'ab_test'>) => e.pValue],
      ['decision', 'varchar', (e: On<'ab_test'>) => e.decision],
      ['method', 'varchar', (e: On<'ab_test'>) => e.method],
      ['variant', 'variant', (e: On<'ab_test'>) => e.variant],
      ['alpha', 'double', (e: On<'ab_test'>) => e.alpha],
      ['test_index', 'integer', (e: On<'ab_test'>) => e.testIndex],
      ['horizon', 'integer', (e: On<'ab_test'>) => e.horizon],
      ['df', 'double', (e: On<'ab_test'>) => e.df],
      ['mean_diff', 'double', (e: On<'ab_test'>) => e.meanDiff],
    ],
  },
  drift_events: {
    name: 'drift_events',
    event: 'drift',
    columns: [
      ['symbol', 'symbol', (e: On<'drift'>) => e.symbol],
      ['ts', 'ts', (e: On<'drift'>) => e.ts],
      ['detector', 'varchar', (e: On<'drift'>) => e.detector],
      ['kind', 'varchar', (e: On<'drift'>) => e.kind],
      ['feature', 'varchar', (e: On<'drift'>) => e.feature],
      ['variant', 'variant', (e: On<'drift'>) => e.variant],
    ],
  },
  regimes: {
    name: 'regimes',
    event: 'regime',
    columns: [
      ['symbol', 'symbol', (e: On<'regime'>) => e.symbol],
      ['ts', 'ts', (e: On<'regime'>) => e.ts],
      ['regime', 'varchar', (e: On<'regime'>) => e.regime],
      ['detector', 'varchar', (e: On<'regime'>) => e.detector],
      ['variant', 'variant', (e: On<'regime'>) => e.variant],
    ],
  },
  alerts: {
    name: 'alerts',
    event: 'alert',
    columns: [
      ['symbol', 'symbol', (e: On<'alert'>) => e.symbol],
      ['ts', 'ts', (e: On<'alert'>) => e.ts],
      ['kind', 'varchar', (e: On<'alert'>) => e.kind],
      ['severity', 'varchar', (e: On<'alert'>) => e.severity],
      ['message', 'varchar', (e: On<'alert'>) => e.message],
      ['variant', 'variant', (e: On<'alert'>) => e.variant],
    ],
  },
  ensemble_weights: {
    name: 'ensemble_weights',
    event: 'weight',
    columns: [
      ['symbol', 'symbol', (e: On<'weight'>) => e.symbol],
      ['ts', 'ts', (e: On<'weight'>) => e.ts],
      ['member', 'varchar', (e: On<'weight'>) => e.member],
      ['weight', 'double', (e: On<'weight'>) => e.weight],
      ['regime', 'varchar', (e: On<'weight'>) => e.regime],
      ['variant', 'variant', (e: On<'weight'>) => e.variant],
    ],
  },
  equity: {
    name: 'equity',
    event: 'equity',
    columns: [
      ['symbol', 'symbol', (e: On<'equity'>) => e.symbol],
      ['ts', 'ts', (e: On<'equity'>) => e.ts],
      ['strategy', 'strategy', (e: On<'equity'>) => e.strategy],
      ['position', 'double', (e: On<'equity'>) => e.position],
      ['pnl', 'double', (e: On<'equity'>) => e.pnl],
      ['equity', 'double', (e: On<'equity'>) => e.equity],
      ['cost', 'double', (e: On<'equity'>) => e.cost],
      ['turnover', 'double', (e: On<'equity'>) => e.turnover],
    ],
  },
  data_rejects: {
    name: 'data_rejects',
    event: 'reject',
    columns: [
      ['source', 'varchar', (e: On<'reject'>) => e.source],
      ['line', 'bigint', (e: On<'reject'>) => e.line],
      ['reason', 'varchar', (e: On<'reject'>) => e.reason],
    ],
  },
  feed_messages: {
    name: 'feed_messages',
    event: 'feed_message',
    columns: [
      ['seq', 'bigint', (e: On<'feed_message'>) => e.seq],
      ['received_ts', 'ts', (e: On<'feed_message'>) => e.receivedMs],
      ['kind', 'varchar', (e: On<'feed_message'>) => e.kind],
      ['symbol', 'varchar', (e: On<'feed_message'>) => e.symbol],
      ['ts', 'ts', (e: On<'feed_message'>) => e.ts],
      ['payload', 'json', (e: On<'feed_message'>) => e.payload],
    ],
  },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;

/** The table each outcome event type is recorded in. */
export const TABLE_OF_EVENT: Readonly<Record<OutcomeEvent['type'], TableName>> = Object.fromEntries(
  Object.entries(TABLES).flatMap(([name, t]) =>
    'event' in t && t.event !== undefined ? [[t.event, name]] : [],
  ),
) as Record<OutcomeEvent['type'], TableName>;

const SQL_TYPE: Record<Exclude<ColumnType, DictionaryName>, string> = {
  varchar: 'VARCHAR',
  ts: 'TIMESTAMP',
  double: 'DOUBLE',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  json: 'JSON',
};

const DICTIONARIES: readonly DictionaryName[] = ['symbol', 'role', 'strategy', 'variant'];

/** True for the dictionary column types. */
export function isDictionary(type: ColumnType): type is DictionaryName {
  return (DICTIONARIES as readonly string[]).includes(type);
}

const quote = (v: string): string => `'${v.replace(/'/g, "''")}'`;

/** CREATE TYPE (for known dictionaries) and CREATE TABLE statements for every table. */
export function createTablesSql(dictionaries: Dictionaries = {}): string {
  const types = DICTIONARIES.filter((d) => dictionaries[d] !== undefined).map(
    (d) =>
      `CREATE TYPE ${d}_t AS ENUM (${[...new Set(dictionaries[d])].sort().map(quote).join(', ')});`,
  );
  const sqlType = (ty: ColumnType): string =>
    isDictionary(ty) ? (dictionaries[ty] !== undefined ? `${ty}_t` : 'VARCHAR') : SQL_TYPE[ty];
  const tables = Object.values(TABLES).map(
    (t: TableSpec) =>
      `CREATE TABLE IF NOT EXISTS ${t.name} (${t.columns.map(([c, ty]) => `${c} ${sqlType(ty)}`).join(', ')});`,
  );
  return [...types, ...tables].join('\n');
}
