/**
 * False promotions of a run on a market with nothing to learn (scenarios/null-promotions.yaml):
 * every challenger test that promoted did so by chance. Prints, per variant and test method,
 * the number of tests, the share that promoted (the per-test false-promotion rate), the share
 * of symbols that ever promoted (the family-wise rate) and the largest level a test spent.
 *
 * @example
 *   npx livemodel run scenarios/null-promotions.yaml --out reports/null-promotions
 *   npx tsx scripts/false-promotions.ts reports/null-promotions
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export interface FalsePromotions {
  readonly variant: string;
  readonly method: string;
  readonly horizon: number;
  readonly tests: number;
  /** Share of tests that promoted. */
  readonly perTest: number;
  readonly symbols: number;
  /** Share of symbols with at least one promotion. */
  readonly perSymbol: number;
  /** Largest level any test ran at (alpha, or the first test's family-wise share). */
  readonly maxAlpha: number;
}

/** Reads the false-promotion rates of a run folder or run file. */
export async function falsePromotions(run: string): Promise<FalsePromotions[]> {
  const file = run.endsWith('.duckdb') ? run : join(run, 'run.duckdb');
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const con = await instance.connect();
  try {
    const reader = await con.runAndReadAll(`
      WITH per_symbol AS (
        SELECT variant::VARCHAR AS variant, method, horizon, symbol,
               count(*) AS tests, count(*) FILTER (WHERE decision = 'promote') AS promoted,
               max(alpha) AS max_alpha
        FROM ab_tests GROUP BY ALL)
      SELECT variant, method, horizon, sum(tests)::BIGINT AS tests,
             sum(promoted) / sum(tests) AS per_test,
             (SELECT count(DISTINCT symbol) FROM ab_tests)::BIGINT AS symbols,
             count(*) FILTER (WHERE promoted > 0) / (SELECT count(DISTINCT symbol) FROM ab_tests) AS per_symbol,
             max(max_alpha) AS max_alpha
      FROM per_symbol GROUP BY ALL ORDER BY ALL`);
    return reader.getRowObjectsJS().map((r) => ({
      variant: String(r['variant']),
      method: String(r['method']),
      horizon: Number(r['horizon']),
      tests: Number(r['tests']),
      perTest: Number(r['per_test']),
      symbols: Number(r['symbols']),
      perSymbol: Number(r['per_symbol']),
      maxAlpha: Number(r['max_alpha']),
    }));
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

async function main(args: readonly string[]): Promise<void> {
  if (args.length === 0) {
    console.error('usage: npx tsx scripts/false-promotions.ts <run folder or run.duckdb>…');
    process.exit(2);
  }
  for (const run of args) {
    for (const r of await falsePromotions(run)) {
      console.log(
        `${run}  ${r.variant}  ${r.method} h=${r.horizon}: ${r.tests} tests, ${(100 * r.perTest).toFixed(1)} % promoted; ` +
          `${(100 * r.perSymbol).toFixed(1)} % of ${r.symbols} symbols ever promoted (largest level ${r.maxAlpha.toFixed(4)})`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
