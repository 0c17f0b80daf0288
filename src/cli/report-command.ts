import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../core/index.ts';
import { writeComparison, writeReport } from '../report/index.ts';
import { USAGE } from './usage.ts';

/**
 * `livemodel report DIR [--symbols A,B] [--window N]` regenerates a run's report and summary from
 * its DuckDB file; `livemodel report DIR1 DIR2 … [--out FILE]` compares runs in one page.
 */
export async function reportCli(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, symbols: { type: 'string' }, window: { type: 'string' } },
  });
  if (positionals.length === 0)
    throw new InputError(
      `report expects a run folder or run.duckdb file (two or more to compare them)\n${USAGE}`,
    );
  if (positionals.length >= 2) {
    const { html } = await writeComparison(
      positionals,
      values.out ?? join('reports', 'compare.html'),
    );
    console.log(`comparison: ${html}`);
    return 0;
  }
  if (values.out !== undefined)
    throw new InputError(
      '--out names the comparison page: give two or more runs, or leave --out out to rewrite DIR/report.html',
    );
  const window = values.window === undefined ? undefined : Number(values.window);
  if (window !== undefined && (!Number.isInteger(window) || window < 1))
    throw new InputError(`--window expects a positive integer, got \`${values.window}\``);
  const detailSymbols = values.symbols
    ?.split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  const { html, json } = await writeReport(positionals[0] as string, {
    ...(window === undefined ? {} : { rollingWindow: window }),
    detailSymbols,
  });
  console.log(`report: ${html}\nsummary: ${json}`);
  return 0;
}
