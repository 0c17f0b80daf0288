import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, InputError } from '../core/index.ts';
import { writeComparison, writeReport } from '../report/index.ts';
import type { Override } from '../scenario/index.ts';
import { readFileSync } from 'node:fs';
import { driftCli } from './drift-cli.ts';
import { GENERATE_USAGE, runGenerateCommand } from './generate-command.ts';
import { LIVE_USAGE, liveMain } from './live-command.ts';
import { runCommand } from './run-command.ts';
import { initCli, schemaCli, validateCli } from './scenario-cli.ts';
import { SERVE_USAGE, serveMain } from './serve-command.ts';
import { VERSION } from './version.ts';

const USAGE = `livemodel ${VERSION} — real-time ML model updates on market data

Usage:
  livemodel run <scenario.yaml> [--out DIR] [--seed N] [--data FILE] [--symbols A,B] [--set path=value]… [--speed N] [--quiet]
  livemodel generate <out.csv|out.parquet> [--symbols N] [--bars N] [--seed N] [--interval 1d] [--drifts 1000,2000] …
  livemodel report <DIR | run.duckdb> [--symbols A,B] [--window N]
  livemodel report DIR1 DIR2 … [--out FILE]     compare runs in one page (default reports/compare.html)
  livemodel validate <scenario.yaml>…          check scenario files without running them
  livemodel init [name]                          write a commented starter scenario to scenarios/<name>.yaml
  livemodel schema                               print the scenario JSON Schema
  livemodel drift --detector <adwin|page_hinkley|ddm|eddm|kswin|psi> [--param k=v]… [--column C] <FILE | ->
${LIVE_USAGE}
${SERVE_USAGE}
  livemodel --help | --version

Exit codes: 0 ok, 2 bad input (scenario, data, arguments), 1 other errors, 130 interrupted.`;

function parseOverride(text: string): Override {
  const i = text.indexOf('=');
  if (i <= 0) throw new InputError(`--set expects path=value, got \`${text}\``);
  return [text.slice(0, i), text.slice(i + 1)];
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    console.log(VERSION);
    return 0;
  }
  if (command === 'run') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        seed: { type: 'string' },
        data: { type: 'string' },
        symbols: { type: 'string' },
        set: { type: 'string', multiple: true },
        speed: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
      },
    });
    if (positionals.length !== 1) throw new InputError(`run expects one scenario file, got ${positionals.length}\n${USAGE}`);
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    if (seed !== undefined && (!Number.isInteger(seed) || seed < 0)) throw new InputError(`--seed expects a non-negative integer, got \`${values.seed}\``);
    const speed = values.speed === undefined ? undefined : Number(values.speed);
    if (speed !== undefined && !(Number.isFinite(speed) && speed > 0)) throw new InputError(`--speed expects a number > 0 (market time per real time, 60 = a minute per second), got \`${values.speed}\``);
    const controller = new AbortController();
    const onSigint = (): void => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      const result = await runCommand({
        scenario: positionals[0] as string,
        out: values.out,
        seed,
        data: values.data,
        symbols: values.symbols?.split(',').map((s) => s.trim()).filter((s) => s !== ''),
        set: (values.set ?? []).map(parseOverride),
        quiet: values.quiet ?? false,
        speed,
        signal: controller.signal,
      });
      return result.status === 'incomplete' ? 130 : 0;
    } finally {
      process.off('SIGINT', onSigint);
    }
  }
  if (command === 'generate') {
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(GENERATE_USAGE);
      return 0;
    }
    await runGenerateCommand(rest);
    return 0;
  }
  if (command === 'live') return liveMain(rest);
  if (command === 'serve') return serveMain(rest);
  if (command === 'report') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { out: { type: 'string' }, symbols: { type: 'string' }, window: { type: 'string' } },
    });
    if (positionals.length === 0) throw new InputError(`report expects a run folder or run.duckdb file (two or more to compare them)\n${USAGE}`);
    if (positionals.length >= 2) {
      const { html } = await writeComparison(positionals, values.out ?? join('reports', 'compare.html'));
      console.log(`comparison: ${html}`);
      return 0;
    }
    if (values.out !== undefined) throw new InputError('--out names the comparison page: give two or more runs, or leave --out out to rewrite DIR/report.html');
    const window = values.window === undefined ? undefined : Number(values.window);
    if (window !== undefined && (!Number.isInteger(window) || window < 1)) throw new InputError(`--window expects a positive integer, got \`${values.window}\``);
    const detailSymbols = values.symbols?.split(',').map((x) => x.trim()).filter((x) => x !== '');
    const { html, json } = await writeReport(positionals[0] as string, { ...(window === undefined ? {} : { rollingWindow: window }), detailSymbols });
    console.log(`report: ${html}\nsummary: ${json}`);
    return 0;
  }
  if (command === 'schema') {
    console.log(schemaCli());
    return 0;
  }
  if (command === 'validate') {
    console.log(validateCli(rest));
    return 0;
  }
  if (command === 'init') {
    console.log(initCli(rest[0]));
    return 0;
  }
  if (command === 'drift') {
    console.log(driftCli(rest, () => readFileSync(0, 'utf8')));
    return 0;
  }
  throw new InputError(`unknown command \`${command}\`\n${USAGE}`);
}

function exitCodeOf(error: unknown): number {
  return error instanceof InputError ? 2 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const verbose = process.argv.includes('--verbose');
    if (error instanceof AppError || (error instanceof Error && error.name === 'TypeError' && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`livemodel: ${error.message}`);
    } else {
      console.error(`livemodel: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (verbose && error instanceof Error) console.error(error.stack);
    process.exitCode = error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS') ? 2 : exitCodeOf(error);
  },
);
