import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import {
  type EquityRowWriter,
  type OutcomeEvent,
  type PredictionRowWriter,
  StoreError,
  type TickRowSink,
} from '../core/index.ts';
import { type ColumnBatch, columnReaders, enumValuesOf } from './column-batch.ts';
import {
  createTablesSql,
  type Dictionaries,
  TABLE_OF_EVENT,
  TABLES,
  type TableName,
} from './schema.ts';
import { symbolsText } from './sql-text.ts';
import { TableWriter } from './table-writer.ts';
import { type AppendCells, equityRowWriter, predictionRowWriter } from './tick-row-writers.ts';
import { createViewsSql } from './views.ts';

/** What the `runs` row says about a run when it starts. */
export interface RunInfo {
  readonly runId: string;
  readonly scenario: string;
  readonly seed: number;
  readonly startedAtMs: number;
  readonly backend: string;
  readonly config: unknown;
  readonly data: string;
  readonly symbols: readonly string[];
  readonly version: string;
  /** Values of the dictionary columns when known at the start (replay); unknown ones are VARCHAR. */
  readonly dictionaries?: Dictionaries;
}

export type RunStatus = 'running' | 'complete' | 'incomplete' | 'failed';

/** DuckDB memory per run file being written (so peak memory does not grow with the run's length). */
export const RECORDER_MEMORY_LIMIT = '256MB';

/**
 * Rows between flushes of every appender (all tables together), so a killed run leaves its rows
 * readable. Larger transactions are cheaper: DuckDB writes full row groups (122,880 rows) of a
 * big append straight to the file instead of the log (bench/recorder.ts: about 1.3× the rows per
 * second of 250,000 and a third smaller files); the timed flush below bounds what a kill loses.
 */
export const FLUSH_EVERY_ROWS = 1_000_000;

/**
 * Longest wait (ms) before rows written are flushed when fewer than {@link FLUSH_EVERY_ROWS} come:
 * a live feed records a few rows a second, and a killed live run should lose seconds, not hours.
 */
export const FLUSH_EVERY_MS = 1000;

export interface RecorderOptions {
  /** Flush at least this often (ms) while rows are waiting; default 1,000. */
  readonly flushEveryMs?: number;
  /** Flush every this many rows (all tables together); default 1,000,000. */
  readonly flushEveryRows?: number;
}

/** What a run writes its outcomes to: {@link Recorder} here, or `ThreadedRecorder` off the tick thread. */
export interface RunRecorder extends TickRowSink {
  readonly file: string;
  /** Rows written to a table so far (including those not yet appended). */
  count(table: Exclude<TableName, 'runs'>): number;
  /** Writes rows encoded elsewhere (ColumnBatcher on another thread): the rows {@link write} would. */
  writeBatch(batch: ColumnBatch): void;
  /** Makes everything written so far durable and visible to readers. */
  flush(): void;
  /** Flushes, marks the run's final status, checkpoints and closes the file. */
  finish(
    status: RunStatus,
    info: { bars: number; rejects: number; error?: string; finishedAtMs: number },
  ): Promise<void>;
}

/**
 * Writes a run's outcomes to its DuckDB file through batched data-chunk appends. The `runs` row
 * is written first with status `running` and updated at the end (`complete`, `incomplete` after
 * Ctrl-C, `failed` after an error); a killed process leaves `running` and every row flushed so far.
 *
 * Crash safety: each flush commits the appended rows (to DuckDB's write-ahead log run.duckdb.wal,
 * or full row groups straight to the file), every 1,000,000 rows and at least once a second while
 * rows wait (an unref'd timer: it changes
 * when rows become durable, never what is recorded). After kill -9 the file opens (read-only too:
 * DuckDB replays the log) with every flushed row and the run still `running` — read as
 * `incomplete (killed)` (see `runOutcome`).
 *
 * @example
 * const rec = await Recorder.open('out/run.duckdb', info);
 * rec.write(outcome);
 * await rec.finish('complete', { bars: 100, rejects: 0 });
 */
export class Recorder implements RunRecorder {
  readonly file: string;
  private readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  private readonly writers: Record<TableName, TableWriter>;
  /** Values of the known dictionaries in ENUM order (to read batches' indices). */
  private enumValues: Partial<Record<string, string[]>> = {};
  private sinceFlush = 0;
  private flushEveryRows = FLUSH_EVERY_ROWS;
  private closed = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** An error of a timed flush, rethrown by the next flush or finish. */
  private failure: unknown = null;

  private constructor(
    file: string,
    instance: DuckDBInstance,
    connection: DuckDBConnection,
    writers: Record<TableName, TableWriter>,
  ) {
    this.file = file;
    this.instance = instance;
    this.connection = connection;
    this.writers = writers;
  }

  /** Creates the file, every table and view (views.ts), and the `runs` row. */
  static async open(file: string, run: RunInfo, options: RecorderOptions = {}): Promise<Recorder> {
    try {
      // Bounded: DuckDB would otherwise cache up to 80% of RAM; beyond the limit it spills to disk.
      const instance = await DuckDBInstance.create(file, { memory_limit: RECORDER_MEMORY_LIMIT });
      const connection = await instance.connect();
      await connection.run(createTablesSql(run.dictionaries));
      await connection.run(createViewsSql());
      const writers = {} as Record<TableName, TableWriter>;
      for (const name of Object.keys(TABLES) as TableName[]) {
        if (name === 'runs') continue;
        writers[name] = new TableWriter(
          TABLES[name],
          await connection.createAppender(name),
          run.dictionaries,
        );
      }
      const rec = new Recorder(file, instance, connection, writers);
      await connection.run(
        `INSERT INTO runs (run_id, scenario, seed, started_at, status, backend, config, data, symbols, version)
         VALUES ($1, $2, $3, make_timestamp($4::BIGINT * 1000), 'running', $5, $6::JSON, $7, $8, $9)`,
        [
          run.runId,
          run.scenario,
          run.seed,
          run.startedAtMs,
          run.backend,
          JSON.stringify(run.config),
          run.data,
          symbolsText(run.symbols),
          run.version,
        ],
      );
      rec.flushEveryRows = options.flushEveryRows ?? FLUSH_EVERY_ROWS;
      rec.enumValues = enumValuesOf(run.dictionaries ?? {});
      rec.startTimer(options.flushEveryMs ?? FLUSH_EVERY_MS);
      return rec;
    } catch (error) {
      throw new StoreError(`creating the run file ${file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  write(e: OutcomeEvent): void {
    // the table spec carries each column's accessor (store/schema.ts)
    this.writers[TABLE_OF_EVENT[e.type]].rowOf(e);
    if (++this.sinceFlush >= this.flushEveryRows) this.flush();
  }

  equityWriter(symbol: string, strategy: string): EquityRowWriter {
    return equityRowWriter(symbol, strategy, this.cellsTo('equity'));
  }

  predictionWriter(variant: string, symbol: string): PredictionRowWriter {
    return predictionRowWriter(variant, symbol, this.cellsTo('predictions'));
  }

  /** Appends rows given as cells to a table, as {@link write} appends events. */
  private cellsTo(table: Exclude<TableName, 'runs'>): AppendCells {
    const w = this.writers[table];
    return (cells) => {
      w.row(cells);
      if (++this.sinceFlush >= this.flushEveryRows) this.flush();
    };
  }

  /** Writes a batch of rows encoded on another thread (ThreadedRecorder): same rows as {@link write}. */
  writeBatch(batch: ColumnBatch): void {
    this.writers[batch.table].rowsFrom(columnReaders(batch, this.enumValues), batch.rows);
    this.sinceFlush += batch.rows;
    if (this.sinceFlush >= this.flushEveryRows) this.flush();
  }

  /** Rows written to a table so far. */
  count(table: Exclude<TableName, 'runs'>): number {
    return this.writers[table].count;
  }

  /** Makes everything written so far durable and visible to readers. */
  flush(): void {
    if (this.failure !== null)
      throw new StoreError(
        `flushing the run file ${this.file}: ${(this.failure as Error).message}`,
        { cause: this.failure },
      );
    for (const w of Object.values(this.writers)) w.flush();
    this.sinceFlush = 0;
  }

  private startTimer(everyMs: number): void {
    this.timer = setInterval(() => {
      if (this.sinceFlush === 0 || this.closed) return;
      try {
        this.flush();
      } catch (error) {
        this.failure = error;
        clearInterval(this.timer);
      }
    }, everyMs);
    this.timer.unref();
  }

  /** Flushes, marks the run's final status, checkpoints and closes the file. */
  async finish(
    status: RunStatus,
    info: { bars: number; rejects: number; error?: string; finishedAtMs: number },
  ): Promise<void> {
    if (this.closed) return;
    clearInterval(this.timer);
    try {
      if (this.failure !== null) throw this.failure;
      for (const w of Object.values(this.writers)) w.close();
      await this.connection.run(
        `UPDATE runs SET status = $1, finished_at = make_timestamp($2::BIGINT * 1000), bars = $3, rejects = $4, error = $5`,
        [status, info.finishedAtMs, info.bars, info.rejects, info.error ?? null],
      );
      await this.connection.run('CHECKPOINT');
    } catch (error) {
      throw new StoreError(`finishing the run file ${this.file}: ${(error as Error).message}`, {
        cause: error,
      });
    } finally {
      this.closed = true;
      this.connection.closeSync();
      this.instance.closeSync();
    }
  }
}
