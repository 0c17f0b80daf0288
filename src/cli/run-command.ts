import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../core/index.ts';
import { type RunResult, runScenario } from '../runner/index.ts';
import type { Override } from '../scenario/index.ts';
import { createProgress, NO_PROGRESS } from './progress.ts';
import { headlineOf } from './run-headline.ts';
import { runProgressOn } from './run-progress.ts';
import { listenForStop } from './stop-signals.ts';
import { formatSummaryTable } from './summary-table.ts';
import { RUN_USAGE } from './usage.ts';

/** Parses one `--set path=value`. */
export function parseOverride(text: string): Override {
  const i = text.indexOf('=');
  if (i <= 0) throw new InputError(`--set expects path=value, got \`${text}\``);
  return [text.slice(0, i), text.slice(i + 1)];
}

export interface RunOptions {
  readonly scenario: string;
  readonly out?: string | undefined;
  readonly seed?: number | undefined;
  readonly data?: string | undefined;
  readonly symbols?: readonly string[] | undefined;
  readonly set?: readonly Override[];
  readonly quiet?: boolean;
  readonly speed?: number | undefined;
  readonly shards?: number | undefined;
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
  /** Draw progress bars on stderr (the CLI sets it unless `--quiet` or `--json`, and only on a terminal). */
  readonly progress?: boolean;
}

/**
 * `livemodel run` for one scenario: runs it through the runner ({@link runScenario}) with
 * progress bars on stderr, then prints the summary table, the rejects and gaps, and where the
 * files are.
 */
export async function runCommand(opts: RunOptions): Promise<RunResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const shards = opts.shards ?? 1;
  const bar = createProgress({ stream: process.stderr, enabled: opts.progress === true });
  let result: RunResult;
  try {
    bar.phase(`loading ${opts.scenario}`);
    result = await runScenario(
      {
        scenario: opts.scenario,
        seed: opts.seed,
        data: opts.data,
        symbols: opts.symbols,
        set: opts.set,
      },
      {
        out: opts.out,
        shards,
        speed: opts.speed,
        signal: opts.signal,
        // no terminal to draw on: no counts asked of the replay either
        progress:
          bar === NO_PROGRESS
            ? undefined
            : runProgressOn(bar, shards > 1 ? ` · ${shards} shards` : ''),
        onReport: () => bar.phase('writing report'),
        notice: opts.quiet ? undefined : (line) => console.error(line),
      },
    );
  } finally {
    bar.stop();
  }
  if (!opts.quiet) {
    log(formatSummaryTable(result.summary));
    if (result.rejects > 0) log(`\n${result.rejects} rejected row(s) recorded in data_rejects`);
    if (result.gaps > 0)
      log(
        `${result.rejects > 0 ? '' : '\n'}${result.gaps} data gap(s) recorded in alerts (kind data_gap)`,
      );
    if (result.status === 'incomplete') log('\nstopped early: the run is recorded as incomplete');
    log(
      `\nbackend: ${result.plan.backend} · ${result.bars} bars${shards > 1 ? ` · ${shards} shards` : ''}\nreport: ${result.files.report}\ndata:   ${result.files.data}`,
    );
  }
  return result;
}

/**
 * The line `livemodel run --json` prints for one scenario: where its files are, its status, bars
 * and the headline numbers of each variant and baseline (see {@link headlineOf}).
 */
export function runJson(scenario: string, r: RunResult): Record<string, unknown> {
  const { variants, baselines } = headlineOf(r.summary);
  return {
    scenario,
    name: r.summary.run.scenario,
    seed: r.summary.run.seed,
    out_dir: r.outDir,
    status: r.status,
    bars: r.bars,
    report: r.files.report,
    summary: r.files.summary,
    data: r.files.data,
    variants,
    baselines,
    warnings: r.summary.warnings,
  };
}

/**
 * `livemodel run <scenario>… [options]`: runs each scenario in turn (with several, `--out DIR`
 * puts each under DIR/<scenario name>). Progress bars go to stderr when it is a terminal (not with
 * `--quiet` or `--json`); `--json` prints one JSON object per scenario on stdout and nothing else.
 * Ctrl-C stops the current run cleanly, recorded as incomplete, and skips the rest (exit 130).
 */
export async function runMain(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      data: { type: 'string' },
      symbols: { type: 'string' },
      set: { type: 'string', multiple: true },
      speed: { type: 'string' },
      shards: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
    },
  });
  if (positionals.length === 0) throw new InputError(`run expects a scenario file\n${RUN_USAGE}`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0))
    throw new InputError(`--seed expects a non-negative integer, got \`${values.seed}\``);
  const speed = values.speed === undefined ? undefined : Number(values.speed);
  if (speed !== undefined && !(Number.isFinite(speed) && speed > 0))
    throw new InputError(
      `--speed expects a number > 0 (market time per real time, 60 = a minute per second), got \`${values.speed}\``,
    );
  const shards =
    values.shards === undefined
      ? undefined
      : values.shards === 'auto'
        ? availableParallelism()
        : Number(values.shards);
  if (shards !== undefined && !(Number.isInteger(shards) && shards >= 1))
    throw new InputError(`--shards expects an integer >= 1 or auto, got \`${values.shards}\``);
  const set = (values.set ?? []).map(parseOverride);
  const symbols = values.symbols
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const stop = listenForStop();
  try {
    for (const scenario of positionals) {
      const several = positionals.length > 1;
      const json = values.json ?? false;
      if (several && !values.quiet && !json) console.log(`\n== ${scenario}`);
      const result = await runCommand({
        scenario,
        out:
          values.out === undefined
            ? undefined
            : several
              ? join(values.out, scenarioStem(scenario))
              : values.out,
        seed,
        data: values.data,
        symbols,
        set,
        quiet: (values.quiet ?? false) || json,
        progress: !(values.quiet ?? false) && !json,
        speed,
        shards,
        signal: stop.signal,
      });
      if (json) console.log(JSON.stringify(runJson(scenario, result)));
      // stopped by SIGINT (130) or SIGTERM (143): recorded incomplete, the rest skipped
      if (result.status === 'incomplete') return stop.received() === null ? 130 : stop.exitCode();
    }
    return 0;
  } finally {
    stop.dispose();
  }
}

function scenarioStem(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.ya?ml$/, '');
}
