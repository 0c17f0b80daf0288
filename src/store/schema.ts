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

export interface TableSpec {
  readonly name: string;
  readonly columns: readonly (readonly [name: string, type: ColumnType])[];
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
    columns: [
      ['symbol', 'symbol'],
      ['ts', 'ts'],
      ['horizon_ts', 'ts'],
      ['role', 'role'],
      ['model_version', 'integer'],
      ['score', 'double'],
      ['label', 'double'],
      ['loss', 'double'],
      ['variant', 'variant'],
    ],
  },
  model_versions: {
    name: 'model_versions',
    columns: [
      ['symbol', 'symbol'],
      ['version', 'integer'],
      ['parent_version', 'integer'],
      ['created_ts', 'ts'],
      ['promoted_ts', 'ts'],
      ['retired_ts', 'ts'],
      ['reason', 'varchar'],
      ['metrics', 'json'],
      ['variant', 'variant'],
    ],
  },
  version_events: {
    name: 'version_events',
    columns: [
      ['symbol', 'symbol'],
      ['ts', 'ts'],
      ['version', 'integer'],
      ['event', 'varchar'],
      ['detail', 'varchar'],
      ['variant', 'variant'],
    ],
  },
  model_snapshots: {
    name: 'model_snapshots',
    columns: [
      ['symbol', 'symbol'],
      ['ts', 'ts'],
      ['version', 'integer'],
      ['kind', 'varchar'],
      ['snapshot', 'json'],
      ['variant', 'variant'],
    ],
  },
  transitions: {
    name: 'transitions',
    columns: [
      ['symbol', 'symbol'],
      ['ts', 'ts'],
      ['from_state', 'varchar'],
      ['to_state', 'varchar'],
      ['event', 'varchar'],
      ['variant', 'variant'],
    ],
  },
  ab_tests: {
    name: 'ab_tests',
    columns: [
      ['symbol', 'symbol'],
      ['started_ts', 'ts'],
      ['ended_ts', 'ts'],
      ['champion_version', 'integer'],
      ['challenger_version', 'integer'],
      ['n', 'integer'],
      ['statistic', 'double'],
      ['p_value', 'double'],
      ['decision', 'varchar'],
      ['method', 'varchar'],
      ['variant', 'variant'],
      ['alpha', 'double'],
      ['test_index', 'integer'],
      ['horizon', 'integer'],
      ['df', 'double'],
      ['mean_diff', 'double'],
    ],
  },
  drift_events: {
    name: 'drift_events',
    columns: [
      ['symbol', 'symbol'],
      ['ts', 'ts'],
      ['detector', 'varchar'],
      ['kind', 'varchar'],
      ['feature', 'varchar'],
      ['variant', 'variant'],
    ],
  },
  regimes: {
    name: 'regimes',
    columns: [
      ['symbol', 'symbol'],
      ['ts', 'ts'],
      ['regime', 'varchar'],
      ['detector', 'varchar'],
      ['variant', 'variant'],
    ],
  },
  alerts: {
    name: 'alerts',
    columns: [
      ['symbol', 'symbol'],
      ['ts', 'ts'],
      ['kind', 'varchar'],
      ['severity', 'varchar'],
      ['message', 'varchar'],
      ['variant', 'variant'],
    ],
  },
  ensemble_weights: {
    name: 'ensemble_weights',
    columns: [
      ['symbol', 'symbol'],
      ['ts', 'ts'],
      ['member', 'varchar'],
      ['weight', 'double'],
      ['regime', 'varchar'],
      ['variant', 'variant'],
    ],
  },
  equity: {
    name: 'equity',
    columns: [
      ['symbol', 'symbol'],
      ['ts', 'ts'],
      ['strategy', 'strategy'],
      ['position', 'double'],
      ['pnl', 'double'],
      ['equity', 'double'],
      ['cost', 'double'],
      ['turnover', 'double'],
    ],
  },
  data_rejects: {
    name: 'data_rejects',
    columns: [
      ['source', 'varchar'],
      ['line', 'bigint'],
      ['reason', 'varchar'],
    ],
  },
  feed_messages: {
    name: 'feed_messages',
    columns: [
      ['seq', 'bigint'],
      ['received_ts', 'ts'],
      ['kind', 'varchar'],
      ['symbol', 'varchar'],
      ['ts', 'ts'],
      ['payload', 'json'],
    ],
  },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;

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
