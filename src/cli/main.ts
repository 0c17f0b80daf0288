import { parseArgs } from 'node:util';
import { AppError, InputError } from '../core/index.ts';
import { writeReport } from '../report/index.ts';
import type { Override } from '../scenario/index.ts';
import { readFileSync } from 'node:fs';
import { driftCli } from './drift-cli.ts';
import { LIVE_USAGE, liveMain } from './live-command.ts';
import { runCommand } from './run-command.ts';
import { initCli, schemaCli, validateCli } from './scenario-cli.ts';
import { SERVE_USAGE, serveMain } from './serve-command.ts';
import { SWEEP_USAGE, sweepMain } from './sweep-command.ts';
import { VERSION } from './version.ts';
import { workerMain } from './worker-command.ts';

const USAGE = `livemodel ${VERSION} — real-time ML model updates on market data

Usage:
  livemodel run <scenario.yaml> [--out DIR] [--seed N] [--data FILE] [--symbols A,B] [--set path=value]… [--quiet]
  livemodel report <DIR | run.duckdb>
  livemodel validate <scenario.yaml>…          check scenario files without running them
  livemodel init [name]                          write a commented starter scenario to scenarios/<name>.yaml
  livemodel schema                               print the scenario JSON Schema
  livemodel drift --detector <adwin|page_hinkley|ddm|eddm|kswin|psi> [--param k=v]… [--column C] <FILE | ->
${LIVE_USAGE}
${SERVE_USAGE}
${SWEEP_USAGE}
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
        quiet: { type: 'boolean', short: 'q' },
      },
    });
    if (positionals.length !== 1) throw new InputError(`run expects one scenario file, got ${positionals.length}\n${USAGE}`);
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    if (seed !== undefined && (!Number.isInteger(seed) || seed < 0)) throw new InputError(`--seed expects a non-negative integer, got \`${values.seed}\``);
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
        signal: controller.signal,
      });
      return result.status === 'incomplete' ? 130 : 0;
    } finally {
      process.off('SIGINT', onSigint);
    }
  }
  if (command === 'live') return liveMain(rest);
  if (command === 'serve') return serveMain(rest);
  if (command === 'sweep') return sweepMain(rest);
  if (command === 'worker') return workerMain(rest);
  if (command === 'report') {
    if (rest.length === 0) throw new InputError('report expects a run folder or run.duckdb file');
    for (const target of rest) {
      const { html, json } = await writeReport(target);
      console.log(`report: ${html}\nsummary: ${json}`);
    }
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
