import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../core/index.ts';
import type { Override } from '../scenario/index.ts';
import { headlineOf } from './run-headline.ts';
import { type RunResult, runCommand } from './run-command.ts';
import { USAGE } from './usage.ts';

/** Parses one `--set path=value`. */
export function parseOverride(text: string): Override {
  const i = text.indexOf('=');
  if (i <= 0) throw new InputError(`--set expects path=value, got \`${text}\``);
  return [text.slice(0, i), text.slice(i + 1)];
}

/**
 * The line `livemodel run --json` prints for one scenario: where its files are, its status, bars
 * and the headline numbers of each variant and baseline (see {@link headlineOf}).
 *
 * @example
 * console.log(JSON.stringify(runJson('scenarios/quickstart.yaml', await runCommand({ scenario: 'scenarios/quickstart.yaml', quiet: true }))));
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
  };
}

/**
 * `livemodel run <scenario>… [options]`: runs each scenario in turn (with several, `--out DIR`
 * puts each under DIR/<scenario name>). Progress bars go to stderr when it is a terminal (not with
 * `--quiet` or `--json`); `--json` prints one JSON object per scenario on stdout and nothing else.
 * Ctrl-C stops the current run cleanly, recorded as incomplete, and skips the rest (exit 130).
 */
export async function runCli(args: string[]): Promise<number> {
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
    },
  });
  if (positionals.length === 0) throw new InputError(`run expects a scenario file\n${USAGE}`);
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
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
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
        signal: controller.signal,
      });
      if (json) console.log(JSON.stringify(runJson(scenario, result)));
      if (result.status === 'incomplete') return 130;
    }
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function scenarioStem(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.ya?ml$/, '');
}
