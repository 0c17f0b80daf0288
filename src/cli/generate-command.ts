import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { describeValue, InputError } from '../core/index.ts';
import { type DriftSpec, SyntheticMarket, type SyntheticOptions } from '../feeds/index.ts';
import { writeSynthetic } from '../runner/index.ts';
import { GENERATE_USAGE } from './usage.ts';

/**
 * `livemodel generate`: parses its arguments, writes the market with `writeSynthetic` and prints
 * what was written.
 *
 * @throws {InputError} for a bad argument or option value, naming it.
 * @example
 * await runGenerateCommand(['out/market.parquet', '--symbols', '50', '--bars', '5000', '--drifts', '2000,4000']);
 */
export async function runGenerateCommand(
  args: readonly string[],
  log: (line: string) => void = (l) => console.log(l),
): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      symbols: { type: 'string' },
      bars: { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      interval: { type: 'string' },
      drifts: { type: 'string' },
      'drift-kind': { type: 'string' },
      'drift-over': { type: 'string' },
      lookbacks: { type: 'string' },
      coefficients: { type: 'string' },
      persistence: { type: 'string' },
      scope: { type: 'string' },
      'factor-loading': { type: 'string' },
      jumps: { type: 'string' },
      'close-only': { type: 'boolean' },
      spec: { type: 'string' },
      verbose: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1)
    throw new InputError(
      `generate expects one output file (.csv or .parquet), got ${positionals.length}\n${GENERATE_USAGE}`,
    );
  const out = positionals[0] as string;
  const base = values.spec === undefined ? {} : readSpec(values.spec);
  const kind = values['drift-kind'] ?? 'flip';
  if (kind !== 'flip' && kind !== 'rotate')
    throw new InputError(`--drift-kind expects flip or rotate, got \`${kind}\``);
  const scope = values.scope;
  if (scope !== undefined && scope !== 'symbol' && scope !== 'market')
    throw new InputError(`--scope expects symbol or market, got \`${scope}\``);
  const over = num('--drift-over', values['drift-over']);
  const drifts = list('--drifts', values.drifts)?.map(
    (at): DriftSpec => ({ at, kind, ...(over !== undefined ? { over } : {}) }),
  );
  const lookbacks = list('--lookbacks', values.lookbacks);
  const coefficients = list('--coefficients', values.coefficients);
  const options: SyntheticOptions = {
    ...base,
    ...defined({
      symbols: num('--symbols', values.symbols),
      bars: num('--bars', values.bars),
      seed: num('--seed', values.seed),
      start: values.start,
      interval: values.interval,
    }),
    ...defined({
      persistence: num('--persistence', values.persistence),
      regimeScope: scope,
      factorLoading: num('--factor-loading', values['factor-loading']),
      drifts,
    }),
    ...(values.jumps !== undefined
      ? { jumps: { ...base.jumps, probability: num('--jumps', values.jumps) } }
      : {}),
    ...(lookbacks !== undefined || coefficients !== undefined
      ? { signal: { ...base.signal, ...defined({ lookbacks, coefficients }) } }
      : {}),
    ...(values['close-only'] === true ? { ohlc: false } : {}),
  };
  const market = new SyntheticMarket(options);
  const started = Date.now();
  const files = await writeSynthetic(market, out);
  const seconds = (Date.now() - started) / 1000;
  const { symbols, bars, seed } = market.spec;
  log(
    `generated ${files.bars.toLocaleString('en-US')} bars (${symbols} symbols × ${bars} bars, seed ${seed}) in ${seconds.toFixed(1)} s`,
  );
  log(
    `data:    ${files.data}\nregimes: ${files.regimes}\ndrifts:  ${files.drifts}\ntruth:   ${files.truth}`,
  );
}

function readSpec(file: string): SyntheticOptions {
  if (!existsSync(file)) throw new InputError(`--spec: file not found: ${file}`);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(
      `--spec ${file}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new InputError(
      `--spec ${file}: expected a mapping of synthetic-market fields, got ${describeValue(raw)}`,
    );
  return raw as SyntheticOptions;
}

function num(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n))
    throw new InputError(`${flag} expects a number, got \`${text}\``);
  return n;
}

function list(flag: string, text: string | undefined): number[] | undefined {
  return text?.split(',').map((part) => num(flag, part.trim()) as number);
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
