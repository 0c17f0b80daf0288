import { existsSync, rmSync } from 'node:fs';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { StoreError } from '../core/index.ts';
import { RECORDER_MEMORY_LIMIT } from '../store/index.ts';

/** One row of the merged file's `jobs` table. */
export interface JobRow {
  readonly job_id: string;
  readonly status: string;
  readonly error: string | null;
  readonly seed: number;
  readonly shard: number;
  readonly shards: number;
  /** Comma-separated symbols of the shard; null: all. */
  readonly symbols: string | null;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly duration_s: number | null;
  readonly bars: number | null;
  readonly worker: string | null;
  /** The job's run.duckdb, when the job completed (only those are merged). */
  readonly run_file: string | null;
  /** The compared metrics of the job's own portfolio (first variant). */
  readonly metrics: Readonly<Record<string, number | null>>;
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A SQL literal for a plain value: NULL, a finite number, a boolean or quoted text. */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  // A long decimal literal is parsed as DECIMAL and rounded again on the cast to DOUBLE
  // (1 ulp off for -0.030126292176550606): pass fractions as text, which DuckDB casts exactly.
  if (typeof v === 'number')
    return !Number.isFinite(v) ? 'NULL' : Number.isInteger(v) ? String(v) : `'${v}'::DOUBLE`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return `'${text.replace(/'/g, "''")}'`;
}

/** The column type of a swept parameter: DOUBLE, BOOLEAN or VARCHAR when uniform, else JSON. */
function parameterType(values: readonly unknown[]): string {
  if (values.every((v) => typeof v === 'number')) return 'DOUBLE';
  if (values.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  if (values.every((v) => typeof v === 'string')) return 'VARCHAR';
  return 'JSON';
}

/**
 * Merges the jobs' run files into one DuckDB file: a `jobs` table (one row per job: status,
 * error, seed, shard, parameters as JSON and as one column per path, metrics), then every
 * table of the completed jobs' files with a leading `job_id` column, in job order. Each file is
 * ATTACHed READ_ONLY; ENUM columns (per-file dictionaries) become VARCHAR; the run files' views
 * are left out. Replaces `file`.
 *
 * @returns the row count of every merged table.
 * @throws {StoreError} naming the job file being merged.
 * @example
 * const { rows } = await mergeJobFiles('out/sweep.duckdb', jobRows, ['model.learningRate'], ['sharpe']);
 * rows.predictions; // sum of the jobs' prediction rows
 */
export async function mergeJobFiles(
  file: string,
  jobs: readonly JobRow[],
  parameterPaths: readonly string[],
  metricNames: readonly string[],
): Promise<{ rows: Record<string, number> }> {
  for (const f of [file, `${file}.wal`]) rmSync(f, { force: true });
  // The same memory limit as a run file being written: merging spills instead of growing.
  const instance = await DuckDBInstance.create(file, { memory_limit: RECORDER_MEMORY_LIMIT });
  const con = await instance.connect();
  try {
    await writeJobsTable(con, jobs, parameterPaths, metricNames);
    const created = new Set<string>();
    for (const job of jobs) {
      if (job.run_file === null || job.status !== 'complete' || !existsSync(job.run_file)) continue;
      await mergeOne(con, job, created);
    }
    const rows: Record<string, number> = {};
    for (const t of ['jobs', ...created]) {
      const reader = await con.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${ident(t)}`);
      rows[t] = Number(reader.getRowObjects()[0]?.['n'] ?? 0);
    }
    await con.run('CHECKPOINT');
    return { rows };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

async function writeJobsTable(
  con: DuckDBConnection,
  jobs: readonly JobRow[],
  paths: readonly string[],
  metrics: readonly string[],
): Promise<void> {
  const paramCols = paths.map(
    (p) => `${ident(p)} ${parameterType(jobs.map((j) => j.parameters[p]))}`,
  );
  const metricCols = metrics.map((m) => `${ident(m)} DOUBLE`);
  await con.run(`CREATE TABLE jobs (job_id VARCHAR, status VARCHAR, error VARCHAR, seed BIGINT, shard INTEGER, shards INTEGER,
    symbols VARCHAR, parameters JSON, duration_s DOUBLE, bars BIGINT, worker VARCHAR, run_file VARCHAR${[...paramCols, ...metricCols].map((c) => `, ${c}`).join('')})`);
  for (const j of jobs) {
    const values = [
      j.job_id,
      j.status,
      j.error,
      j.seed,
      j.shard,
      j.shards,
      j.symbols,
      JSON.stringify(j.parameters),
      j.duration_s,
      j.bars,
      j.worker,
      j.run_file,
    ];
    const params = paths.map((p) => {
      const v = j.parameters[p];
      return typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
    });
    await con.run(
      `INSERT INTO jobs VALUES (${[...values, ...params, ...metrics.map((m) => j.metrics[m] ?? null)].map(literal).join(', ')})`,
    );
  }
}

async function mergeOne(con: DuckDBConnection, job: JobRow, created: Set<string>): Promise<void> {
  const file = job.run_file as string;
  try {
    await con.run(`ATTACH ${literal(file)} AS src (READ_ONLY)`);
    try {
      // Tables only: the run file's views (v_*) summarise one run and are not merged.
      const cols = (
        await con.runAndReadAll(
          `SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE database_name = 'src' AND table_name IN (SELECT table_name FROM duckdb_tables() WHERE database_name = 'src') ORDER BY table_name, column_index`,
        )
      ).getRowObjects();
      const byTable = new Map<string, string[]>();
      for (const { table_name, column_name, data_type } of cols) {
        const c = ident(String(column_name));
        let list = byTable.get(String(table_name));
        if (list === undefined) {
          list = [];
          byTable.set(String(table_name), list);
        }
        list.push(String(data_type).startsWith('ENUM') ? `CAST(${c} AS VARCHAR) AS ${c}` : c);
      }
      await con.run('BEGIN TRANSACTION');
      for (const [t, list] of byTable) {
        const select = `SELECT ${literal(job.job_id)} AS job_id, ${list.join(', ')} FROM src.${ident(t)}`;
        if (created.has(t)) await con.run(`INSERT INTO ${ident(t)} BY NAME ${select}`);
        else {
          await con.run(`CREATE TABLE ${ident(t)} AS ${select}`);
          created.add(t);
        }
      }
      await con.run('COMMIT');
    } finally {
      await con.run('DETACH src');
    }
  } catch (error) {
    throw new StoreError(`merging job ${job.job_id} (${file}): ${(error as Error).message}`, {
      cause: error,
    });
  }
}
