import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { createTablesSql } from '../../src/store/index.ts';
import { tempDir } from '../helpers/cli.ts';

/** Epoch ms of 2024-01-<n> (UTC midnight). */
export const day = (n: number): number => Date.UTC(2024, 0, n);
const ts = (n: number): string => `TIMESTAMP '2024-01-${String(n).padStart(2, '0')}'`;

/**
 * Hand-made run files whose report figures can be checked by hand (test fixtures, not a real run).
 *
 * Symbol AAA, variant m, champion: labels resolve on days 2..6 (horizon = ts + 1 day):
 *   horizon d2 score .8 label 1 loss .2 (tp) · d3 .7/0 1.2 (fp) · d4 .3/0 .4 (tn) · d5 .4/1 .9 (fn)
 *   · d6 .9/1 .1 (tp) · d7 .6/NULL (unresolved).
 * Challenger v2 resolves on d3, d4 and, in a second test, on d20, d21.
 * Symbol BBB champion: horizon d2 .6/0 loss .9 (fp), d3 .2/0 loss .2 (tn).
 */
export async function createTinyRun(o: {
  events: boolean;
  empty?: boolean;
  oneBar?: boolean;
}): Promise<string> {
  const dir = tempDir('livemodel-report-');
  const file = join(dir, 'run.duckdb');
  const instance = await DuckDBInstance.create(file);
  const con = await instance.connect();
  const sql = [
    createTablesSql(),
    `INSERT INTO runs VALUES ('r1', 'tiny', 7, ${ts(1)}, ${ts(8)}, '${o.events ? 'complete' : 'failed'}', 'js', '{}', 'tiny.csv', 'AAA,BBB', 12, 3, ${o.events ? 'NULL' : "'boom at line 9'"}, '0.0.0')`,
    `INSERT INTO predictions VALUES
      ('AAA', ${ts(1)}, ${ts(2)}, 'champion', 1, 0.8, 1, 0.2, 'm'),
      ('AAA', ${ts(2)}, ${ts(3)}, 'champion', 1, 0.7, 0, 1.2, 'm'),
      ('AAA', ${ts(3)}, ${ts(4)}, 'champion', 1, 0.3, 0, 0.4, 'm'),
      ('AAA', ${ts(4)}, ${ts(5)}, 'champion', 1, 0.4, 1, 0.9, 'm'),
      ('AAA', ${ts(5)}, ${ts(6)}, 'champion', 1, 0.9, 1, 0.1, 'm'),
      ('AAA', ${ts(6)}, ${ts(7)}, 'champion', 1, 0.6, NULL, NULL, 'm'),
      ('AAA', ${ts(2)}, ${ts(3)}, 'challenger', 2, 0.6, 0, 0.9, 'm'),
      ('AAA', ${ts(3)}, ${ts(4)}, 'challenger', 2, 0.2, 0, 0.2, 'm'),
      ('AAA', ${ts(19)}, ${ts(20)}, 'challenger', 2, 0.6, 1, 0.5, 'm'),
      ('AAA', ${ts(20)}, ${ts(21)}, 'challenger', 2, 0.6, 1, 0.5, 'm'),
      ('BBB', ${ts(1)}, ${ts(2)}, 'champion', 1, 0.6, 0, 0.9, 'm'),
      ('BBB', ${ts(2)}, ${ts(3)}, 'champion', 1, 0.2, 0, 0.2, 'm')`,
    `INSERT INTO equity VALUES
      ('AAA', ${ts(1)}, 'm', 1, 0.1, 1.1, 0, 0), ('AAA', ${ts(2)}, 'm', 1, -0.1, 0.99, 0, 0),
      ('BBB', ${ts(2)}, 'm', 1, 0.2, 1.2, 0, 0),
      ('AAA', ${ts(1)}, 'buy_and_hold', 1, 0.05, 1.05, 0, 0), ('AAA', ${ts(2)}, 'buy_and_hold', 1, 0.05, 1.1025, 0, 0),
      ('BBB', ${ts(2)}, 'buy_and_hold', 1, -0.05, 0.95, 0, 0)`,
    `INSERT INTO transitions VALUES
      ('AAA', ${ts(1)}, 'warmup', 'serving', 'warmup.done', 'm'),
      ('AAA', ${ts(3)}, 'serving', 'updating', 'schedule.due', 'm'),
      ('AAA', ${ts(3)}, 'updating', 'testing', 'candidate.ready', 'm'),
      ('AAA', ${ts(5)}, 'testing', 'serving', 'test.check', 'm'),
      ('BBB', ${ts(1)}, 'warmup', 'serving', 'warmup.done', 'm')`,
    `INSERT INTO version_events VALUES
      ('AAA', ${ts(1)}, 1, 'created', 'initial', 'm'), ('AAA', ${ts(1)}, 1, 'promoted', 'end of warmup', 'm'),
      ('AAA', ${ts(2)}, 2, 'created', 'schedule', 'm'), ('AAA', ${ts(3)}, 2, 'discarded', 'test rejected', 'm'),
      ('AAA', ${ts(3)}, 3, 'created', 'schedule', 'm'), ('AAA', ${ts(4)}, 3, 'promoted', 'won', 'm'),
      ('AAA', ${ts(4)}, 1, 'retired', 'replaced by v3', 'm'), ('AAA', ${ts(5)}, 1, 'restored', 'rollback from v3', 'm'),
      ('AAA', ${ts(5)}, 3, 'retired', 'rolled back', 'm'),
      ('BBB', ${ts(1)}, 1, 'created', 'initial', 'm'), ('BBB', ${ts(1)}, 1, 'promoted', 'end of warmup', 'm')`,
  ];
  // Without events, the file stands for an older run file, from before the ensemble_weights table.
  if (!o.events) sql.push('DROP TABLE IF EXISTS ensemble_weights');
  if (o.oneBar === true) sql.push(`DELETE FROM equity WHERE ts > ${ts(1)}`);
  if (o.empty === true)
    sql.splice(
      2,
      sql.length - 2,
      "UPDATE runs SET status = 'running', finished_at = NULL, error = NULL",
    );
  if (o.events) {
    sql.push(
      `INSERT INTO drift_events VALUES ('AAA', ${ts(2)}, 'adwin', 'error', NULL, 'm'), ('BBB', ${ts(3)}, 'psi', 'feature', 'ret_1', 'm')`,
      `INSERT INTO regimes VALUES
        ('AAA', ${ts(1)}, 'calm', 'vol', 'm'), ('AAA', ${ts(2)}, 'calm', 'vol', 'm'), ('AAA', ${ts(3)}, 'volatile', 'vol', 'm'),
        ('AAA', ${ts(4)}, 'volatile', 'vol', 'm'), ('AAA', ${ts(5)}, 'calm', 'vol', 'm')`,
      `INSERT INTO ab_tests VALUES
        ('AAA', ${ts(2)}, ${ts(3)}, 1, 2, 30, -0.5, 0.4, 'reject', 'dm', 'm', 0.05, 1, 1, 3, -0.01),
        ('AAA', ${ts(3)}, ${ts(4)}, 1, 3, 40, 2.5, 0.01, 'promote', 'dm', 'm', 0.05, 2, 1, 3, 0.02)`,
      `INSERT INTO alerts VALUES ('AAA', ${ts(4)}, 'degradation', 'warning', 'log loss above 0.8', 'm')`,
      `INSERT INTO data_rejects VALUES ('tiny.csv', 9, 'non-numeric close'), ('tiny.csv', 4, 'missing symbol'), ('tiny.csv', 12, 'duplicate bar')`,
      'CREATE TABLE IF NOT EXISTS ensemble_weights (symbol VARCHAR, ts TIMESTAMP, member VARCHAR, weight DOUBLE, regime VARCHAR, variant VARCHAR)',
      `INSERT INTO ensemble_weights VALUES
        ('AAA', ${ts(1)}, 'a', 0.6, 'calm', 'm'), ('AAA', ${ts(1)}, 'b', 0.4, 'calm', 'm'),
        ('AAA', ${ts(2)}, 'a', 0.5, 'calm', 'm'), ('AAA', ${ts(2)}, 'b', 0.5, 'calm', 'm'),
        ('BBB', ${ts(1)}, 'a', 0.2, 'calm', 'm'), ('BBB', ${ts(1)}, 'b', 0.8, 'calm', 'm')`,
    );
  }
  try {
    for (const s of sql) await con.run(s);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  return file;
}
