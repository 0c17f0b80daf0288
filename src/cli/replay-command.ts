import { parseArgs } from 'node:util';
import { InputError } from '../core/index.ts';
import { replayLiveRun } from '../runner/index.ts';
import { formatSummaryTable } from './summary-table.ts';
import { REPLAY_USAGE } from './usage.ts';

/**
 * `livemodel replay <live run dir> [--out DIR] [--quiet]`: plays a live run's feed journal back
 * through the same code into DIR (default `<dir>-replay`) and prints the summary table.
 */
export async function replayMain(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, quiet: { type: 'boolean', short: 'q' } },
  });
  if (positionals.length !== 1)
    throw new InputError(`replay expects one live run folder (or run.duckdb)\n${REPLAY_USAGE}`);
  const r = await replayLiveRun(positionals[0] as string, values.out);
  if (!values.quiet) {
    console.log(formatSummaryTable(r.summary));
    console.log(`\nreplayed ${r.result.bars} bars into ${r.outDir}`);
  }
  return 0;
}
