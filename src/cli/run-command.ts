import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RejectOutcome } from '../core/index.ts';
import { createReplayClock, Engine, needsTensorflow, runReplay } from '../engine/index.ts';
import { initTfBackend } from '../models/index.ts';
import { loadCsv } from '../feeds/index.ts';
import { writeReport } from '../report/index.ts';
import { loadScenario, type Override } from '../scenario/index.ts';
import { Recorder } from '../store/index.ts';
import { toEngineConfig } from './engine-config.ts';
import { formatSummaryTable } from './summary-table.ts';
import { VERSION } from './version.ts';

export interface RunOptions {
  readonly scenario: string;
  readonly out?: string | undefined;
  readonly seed?: number | undefined;
  readonly data?: string | undefined;
  readonly symbols?: readonly string[] | undefined;
  readonly set?: readonly Override[];
  readonly quiet?: boolean;
  /** Aborting stops the replay cleanly; the run is recorded as incomplete. */
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

export interface RunResult {
  readonly outDir: string;
  readonly status: 'complete' | 'incomplete';
  readonly bars: number;
}

/**
 * `livemodel run`: loads the scenario and data, replays them through the engine, records to
 * `DIR/run.duckdb`, writes `DIR/summary.json` and `DIR/report.html`, prints the summary table.
 * On an error mid-run the partial file is finished with status `failed` and the error rethrown.
 */
export async function runCommand(opts: RunOptions): Promise<RunResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const overrides: Override[] = [...(opts.set ?? [])];
  if (opts.seed !== undefined) overrides.push(['seed', String(opts.seed)]);
  const scenario = loadScenario(opts.scenario, overrides);
  const dataFile = opts.data !== undefined ? resolve(opts.data) : resolve(dirname(opts.scenario), scenario.data.file);
  const symbols = opts.symbols ?? scenario.data.symbols;
  const rejects: RejectOutcome[] = [];
  const source = loadCsv(dataFile, {
    ...(scenario.data.columns !== undefined ? { columns: scenario.data.columns } : {}),
    ...(symbols !== undefined ? { symbols } : {}),
    ...(scenario.data.symbol !== undefined ? { symbol: scenario.data.symbol } : {}),
    onBadRow: scenario.data.onBadRow,
    onReject: (r) => rejects.push(r),
  });
  const config = toEngineConfig(scenario, opts.scenario);
  const backend = config.variants.some((v) => needsTensorflow(v.model)) ? await initTfBackend(scenario.backend) : 'js';
  const outDir = resolve(opts.out ?? join('reports', scenario.name));
  mkdirSync(outDir, { recursive: true });
  for (const f of ['run.duckdb', 'run.duckdb.wal', 'report.html', 'summary.json']) rmSync(join(outDir, f), { force: true });
  const recorder = await Recorder.open(join(outDir, 'run.duckdb'), {
    runId: randomUUID(),
    scenario: scenario.name,
    seed: scenario.seed,
    startedAtMs: Date.now(),
    backend,
    config: scenario,
    data: opts.data ?? scenario.data.file,
    symbols: source.symbols,
    version: VERSION,
    dictionaries: {
      symbol: source.symbols,
      variant: config.variants.map((v) => v.name),
      role: ['champion', 'challenger', 'previous', 'frozen', 'naive'],
      strategy: [...config.variants.map((v) => v.name), ...config.baselines],
    },
  });
  for (const r of rejects) recorder.write(r);
  const clock = createReplayClock();
  const engine = new Engine(config, clock, recorder);
  let status: 'complete' | 'incomplete' = 'complete';
  try {
    const result = await runReplay(source, engine, clock, opts.signal);
    status = result.aborted ? 'incomplete' : 'complete';
  } catch (error) {
    await recorder.finish('failed', { bars: engine.bars, rejects: rejects.length, error: (error as Error).message, finishedAtMs: Date.now() });
    throw error;
  }
  await recorder.finish(status, { bars: engine.bars, rejects: rejects.length, finishedAtMs: Date.now() });
  const report = await writeReport(outDir);
  if (!opts.quiet) {
    log(formatSummaryTable(report.summary));
    if (rejects.length > 0) log(`\n${rejects.length} rejected row(s) recorded in data_rejects`);
    if (status === 'incomplete') log('\nstopped early: the run is recorded as incomplete');
    log(`\nbackend: ${backend} · ${engine.bars} bars\nreport: ${report.html}\ndata:   ${join(outDir, 'run.duckdb')}`);
  }
  return { outDir, status, bars: engine.bars };
}
