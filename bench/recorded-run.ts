/**
 * What a benchmark run really recorded, read back from its DuckDB file (so the bench reports the
 * run, not the sizes it asked for): distinct symbols in `predictions`, ticks (`runs.bars`), and
 * the check that every symbol got every bar (ticks = symbols × bars). Throws when the check fails.
 */
import { DuckDBInstance } from '@duckdb/node-api';

export interface RecordedRun {
  /** Distinct symbols in `predictions`. */
  readonly symbols: number;
  /** Symbol-bars the run processed, as its `runs` row says. */
  readonly ticks: number;
  readonly predictions: number;
  readonly status: string;
}

/** Reads the recorded run and checks it against the sizes asked for. */
export async function readRecordedRun(
  file: string,
  expected: { symbols: number; bars: number; ticks: number },
): Promise<RecordedRun> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const con = await instance.connect();
  let run: RecordedRun;
  try {
    const [row] = (
      await con.runAndReadAll(
        `SELECT (SELECT count(DISTINCT symbol) FROM predictions)::BIGINT AS symbols,
                (SELECT count(*) FROM predictions)::BIGINT AS predictions,
                bars::BIGINT AS ticks, status FROM runs`,
      )
    ).getRowObjectsJson();
    if (row === undefined) throw new Error(`${file} has no runs row`);
    run = {
      symbols: Number(row['symbols']),
      ticks: Number(row['ticks']),
      predictions: Number(row['predictions']),
      status: String(row['status']),
    };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  const problems: string[] = [];
  if (run.status !== 'complete') problems.push(`status ${run.status}, expected complete`);
  if (run.symbols !== expected.symbols)
    problems.push(`${run.symbols} distinct symbols in predictions, expected ${expected.symbols}`);
  if (run.ticks !== run.symbols * expected.bars)
    problems.push(
      `runs.bars = ${run.ticks}, expected symbols × bars = ${run.symbols} × ${expected.bars} = ${run.symbols * expected.bars}`,
    );
  if (run.ticks !== expected.ticks)
    problems.push(`runs.bars = ${run.ticks} but the engine counted ${expected.ticks} ticks`);
  if (problems.length > 0)
    throw new Error(`the recorded run ${file} is not the run asked for: ${problems.join('; ')}`);
  return run;
}
