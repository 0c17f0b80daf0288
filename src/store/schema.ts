/** Column types the recorder writes. Times are epoch milliseconds in memory, TIMESTAMP on disk. */
export type ColumnType = 'varchar' | 'ts' | 'double' | 'integer' | 'bigint' | 'json';

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
      ['run_id', 'varchar'], ['scenario', 'varchar'], ['seed', 'bigint'], ['started_at', 'ts'], ['finished_at', 'ts'],
      ['status', 'varchar'], ['backend', 'varchar'], ['config', 'json'], ['data', 'varchar'], ['symbols', 'varchar'],
      ['bars', 'bigint'], ['rejects', 'bigint'], ['error', 'varchar'], ['version', 'varchar'],
    ],
  },
  predictions: {
    name: 'predictions',
    columns: [
      ['symbol', 'varchar'], ['ts', 'ts'], ['horizon_ts', 'ts'], ['role', 'varchar'], ['model_version', 'integer'],
      ['score', 'double'], ['label', 'integer'], ['loss', 'double'], ['variant', 'varchar'],
    ],
  },
  model_versions: {
    name: 'model_versions',
    columns: [
      ['symbol', 'varchar'], ['version', 'integer'], ['parent_version', 'integer'], ['created_ts', 'ts'], ['promoted_ts', 'ts'],
      ['retired_ts', 'ts'], ['reason', 'varchar'], ['metrics', 'json'], ['variant', 'varchar'],
    ],
  },
  version_events: {
    name: 'version_events',
    columns: [['symbol', 'varchar'], ['ts', 'ts'], ['version', 'integer'], ['event', 'varchar'], ['detail', 'varchar'], ['variant', 'varchar']],
  },
  model_snapshots: {
    name: 'model_snapshots',
    columns: [['symbol', 'varchar'], ['ts', 'ts'], ['version', 'integer'], ['kind', 'varchar'], ['snapshot', 'json'], ['variant', 'varchar']],
  },
  transitions: {
    name: 'transitions',
    columns: [['symbol', 'varchar'], ['ts', 'ts'], ['from_state', 'varchar'], ['to_state', 'varchar'], ['event', 'varchar'], ['variant', 'varchar']],
  },
  ab_tests: {
    name: 'ab_tests',
    columns: [
      ['symbol', 'varchar'], ['started_ts', 'ts'], ['ended_ts', 'ts'], ['champion_version', 'integer'], ['challenger_version', 'integer'],
      ['n', 'integer'], ['statistic', 'double'], ['p_value', 'double'], ['decision', 'varchar'], ['method', 'varchar'], ['variant', 'varchar'],
    ],
  },
  drift_events: {
    name: 'drift_events',
    columns: [['symbol', 'varchar'], ['ts', 'ts'], ['detector', 'varchar'], ['kind', 'varchar'], ['feature', 'varchar'], ['variant', 'varchar']],
  },
  regimes: {
    name: 'regimes',
    columns: [['symbol', 'varchar'], ['ts', 'ts'], ['regime', 'varchar'], ['detector', 'varchar'], ['variant', 'varchar']],
  },
  alerts: {
    name: 'alerts',
    columns: [['symbol', 'varchar'], ['ts', 'ts'], ['kind', 'varchar'], ['severity', 'varchar'], ['message', 'varchar'], ['variant', 'varchar']],
  },
  equity: {
    name: 'equity',
    columns: [
      ['symbol', 'varchar'], ['ts', 'ts'], ['strategy', 'varchar'], ['position', 'double'], ['pnl', 'double'], ['equity', 'double'],
      ['cost', 'double'], ['turnover', 'double'],
    ],
  },
  data_rejects: {
    name: 'data_rejects',
    columns: [['source', 'varchar'], ['line', 'bigint'], ['reason', 'varchar']],
  },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;

const SQL_TYPE: Record<ColumnType, string> = {
  varchar: 'VARCHAR',
  ts: 'TIMESTAMP',
  double: 'DOUBLE',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  json: 'JSON',
};

/** CREATE TABLE statements for every table. */
export function createTablesSql(): string {
  return Object.values(TABLES)
    .map((t: TableSpec) => `CREATE TABLE IF NOT EXISTS ${t.name} (${t.columns.map(([c, ty]) => `${c} ${SQL_TYPE[ty]}`).join(', ')});`)
    .join('\n');
}
