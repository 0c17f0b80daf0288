/** Helpers of bench/run.ts: figure validation, the history of earlier runs, the printed table. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A benchmark that cannot give its figures: bench/run.ts prints the message and exits 1. */
export class BenchFailure extends Error {
  static readonly problems: string[] = [];

  /** Throws one failure listing every figure that could not be read (`log`: a child's tail). */
  static throwIfAny(log?: unknown): void {
    if (BenchFailure.problems.length === 0) return;
    const tail =
      typeof log === 'string' && log !== '' ? `\nlive child's output ended:\n${log}` : '';
    throw new BenchFailure(`${BenchFailure.problems.join('\n')}${tail}`);
  }
}

/** A figure from a child's JSON: a finite number, or a recorded problem (see BenchFailure). */
export function num(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  BenchFailure.problems.push(
    `cannot read ${what}: expected a finite number, got ${JSON.stringify(value) ?? 'undefined'} (${typeof value})`,
  );
  return Number.NaN;
}

/**
 * The earlier runs: reports/bench.json's history plus its figures when there is one, else the
 * newest committed record in bench/history/ (so a fresh clone compares against the README's).
 */
export function historyOf(file: string, historyDir: string): unknown[] {
  const committed = existsSync(historyDir)
    ? readdirSync(historyDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  const previousFile = existsSync(file)
    ? file
    : committed.length > 0
      ? join(historyDir, committed.at(-1) as string)
      : null;
  if (previousFile === null) return [];
  const previous = JSON.parse(readFileSync(previousFile, 'utf8')) as {
    history?: unknown[];
    figures?: unknown;
    details?: { when?: string; quick?: boolean };
  };
  return [
    ...(previous.history ?? []),
    ...(previous.figures
      ? [
          {
            when: previous.details?.when,
            quick: previous.details?.quick,
            ...(previous.figures as object),
          },
        ]
      : []),
  ];
}

const fmt = (n: number): string => n.toLocaleString('en');

/** Prints the figures with their targets (issue 15). */
export function printTable(
  f: Record<string, number>,
  details: {
    machine: string;
    load_average: number[];
    memory: { bars: number };
    recorder_modes: {
      default: string;
      replay_ticks_per_s: Record<string, number>;
      single_thread_ticks_per_s: Record<string, number>;
      live_default: string;
      live: Record<string, { p99_ms: number; from_message_p99_ms: number }>;
    };
  },
  // biome-ignore lint/suspicious/noExplicitAny: a child's JSON line
  extra: { small: any; quick: boolean; lstmStateful: any },
): void {
  const rows: [string, string, string][] = [
    [
      'replay, 1,000 symbols, 2 shards (ticks/s)',
      fmt(f['replay_ticks_per_s'] as number),
      '≥ 300,000',
    ],
    ...Object.entries(details.recorder_modes.replay_ticks_per_s).map(
      ([mode, v]): [string, string, string] => [
        `  recorder ${mode}: 2 shards | 1 thread (ticks/s)`,
        fmt(v),
        `| ${fmt(details.recorder_modes.single_thread_ticks_per_s[mode] as number)}${mode === details.recorder_modes.default ? ' (default)' : ''}`,
      ],
    ),
    ['bare loop, same math, 1 thread (ticks/s)', fmt(f['bare_loop_ticks_per_s'] as number), ''],
    ['harness overhead (bare ÷ harness, 1 thread)', `${f['overhead_ratio']}×`, '≤ 2.5×'],
    ['tick latency p99, 1,000 symbols (µs)', fmt(f['tick_latency_p99_us'] as number), ''],
    [
      'peak RSS, big run (MB)',
      String(f['peak_rss_mb']),
      `flat: ${Math.round(extra.small.peak_rss_mb)} MB at ${(extra.small.ticks / 1e6).toFixed(0)}M ticks`,
    ],
    [
      `memory per symbol, RSS slope (kB)`,
      fmt(f['memory_per_symbol_kb'] as number),
      `heap slope ${fmt(f['heap_per_symbol_kb'] as number)} kB (${details.memory.bars} bars)`,
    ],
    ['LSTM h32 w32, 1,000 symbols, kernel (ms/tick)', String(f['lstm_ms_per_tick_1000']), '≤ 100'],
    ['LSTM, whole engine tick (ms/tick)', String(f['lstm_engine_ms_per_tick_1000']), ''],
    [
      'stateful LSTM h32, kernel (ms/tick)',
      `${f['lstm_stateful_ms_per_tick_1000']} (CPU ${Math.round(extra.lstmStateful.cpu_ms_per_tick)})`,
      '≤ 20',
    ],
    ['transformer d32, kernel (ms/tick)', String(f['transformer_ms_per_tick_1000']), '≤ 100'],
    [
      'transformer, whole engine tick (ms/tick)',
      String(f['transformer_engine_ms_per_tick_1000']),
      '',
    ],
    ['DuckDB recording (rows/s)', fmt(f['duckdb_rows_per_s'] as number), '≥ 1,000,000'],
    [
      'live bar close → recorded decision p99 (ms)',
      String(f['live_p99_ms']),
      `≤ 20 (p50 ${f['live_p50_ms']}, max ${f['live_max_ms']})`,
    ],
    ...Object.entries(details.recorder_modes.live).map(([mode, l]): [string, string, string] => [
      `  recorder ${mode}: p99 from bar close | message`,
      String(l.p99_ms),
      `| ${l.from_message_p99_ms}${mode === details.recorder_modes.live_default ? ' (default)' : ''}`,
    ]),
    ['symbols in one run (read from the run file)', fmt(f['symbols_max_run'] as number), '10,000'],
  ];
  console.log(
    `\nlivemodel benchmark${extra.quick ? ' (quick)' : ''} — ${details.machine}, load ${details.load_average.join(' → ')}\n`,
  );
  for (const [name, value, target] of rows)
    console.log(`${name.padEnd(46)} ${value.padStart(12)}  ${target}`);
}

/** Prints the two memory figures (bench/memory-figures.ts) with their targets (issue 18). */
export function printMemory(m: {
  csv_1000x2000_peak_rss_mb: number;
  report_10m_peak_rss_mb: number;
}): void {
  for (const [name, value, target] of [
    ['peak RSS, CSV 1,000 × 2,000 run (MB)', m.csv_1000x2000_peak_rss_mb, '< 800'],
    ['peak RSS, report of 10 M bars (MB)', m.report_10m_peak_rss_mb, '< 1,500'],
  ] as const)
    console.log(`${name.padEnd(46)} ${String(value).padStart(12)}  ${target}`);
}
