import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { AlertOutcome, OutcomeEvent, OutcomeSink } from '../core/index.ts';
import { createReplayClock, Engine, needsTensorflow, runReplay } from '../engine/index.ts';
import { type Gap, openSource } from '../feeds/index.ts';
import { initTfBackend } from '../models/index.ts';
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
  /** Paced replay: market ms per real ms (60 plays a market minute per second); default as fast as possible. */
  readonly speed?: number | undefined;
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
  const symbols = opts.symbols ?? scenario.data.symbols;
  // Rejects and gaps are held until the recorder exists, then written as they come.
  const early: OutcomeEvent[] = [];
  let sink: OutcomeSink = { write: (e) => early.push(e) };
  let rejects = 0;
  let gaps = 0;
  const data = opts.data !== undefined ? { ...scenario.data, file: resolve(opts.data), synthetic: undefined } : scenario.data;
  const source = await openSource(
    { ...data, symbols },
    {
      baseDir: dirname(opts.scenario),
      seed: scenario.seed,
      origin: opts.scenario,
      onReject: (r) => {
        rejects++;
        sink.write(r);
      },
      onGap: (g) => {
        gaps++;
        sink.write(gapAlert(g));
      },
    },
  );
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
    data: opts.data ?? scenario.data.file ?? source.name,
    symbols: source.symbols,
    version: VERSION,
    dictionaries: {
      symbol: source.symbols,
      // `data` is the variant of data-quality alerts (gaps), which concern every variant
      variant: [...config.variants.map((v) => v.name), 'data'],
      role: ['champion', 'challenger', 'previous', 'frozen', 'naive'],
      strategy: [...config.variants.map((v) => v.name), ...config.baselines],
    },
  });
  for (const e of early) recorder.write(e);
  sink = recorder;
  const clock = createReplayClock();
  const engine = new Engine(config, clock, recorder);
  let status: 'complete' | 'incomplete' = 'complete';
  try {
    const result = await runReplay(source, engine, clock, opts.signal, opts.speed !== undefined ? { speed: opts.speed } : {});
    status = result.aborted ? 'incomplete' : 'complete';
  } catch (error) {
    await recorder.finish('failed', { bars: engine.bars, rejects, error: (error as Error).message, finishedAtMs: Date.now() });
    throw error;
  } finally {
    source.close();
  }
  await recorder.finish(status, { bars: engine.bars, rejects, finishedAtMs: Date.now() });
  const report = await writeReport(outDir);
  if (!opts.quiet) {
    log(formatSummaryTable(report.summary));
    if (rejects > 0) log(`\n${rejects} rejected row(s) recorded in data_rejects`);
    if (gaps > 0) log(`${rejects > 0 ? '' : '\n'}${gaps} data gap(s) recorded in alerts (kind data_gap)`);
    if (status === 'incomplete') log('\nstopped early: the run is recorded as incomplete');
    log(`\nbackend: ${backend} · ${engine.bars} bars\nreport: ${report.html}\ndata:   ${join(outDir, 'run.duckdb')}`);
  }
  return { outDir, status, bars: engine.bars };
}

/** A gap in the data as an alert row (variant `data`, kind `data_gap`, at the first bar after it). */
function gapAlert(g: Gap): AlertOutcome {
  return { type: 'alert', variant: 'data', symbol: g.symbol, ts: g.toTs, kind: 'data_gap', severity: 'warning', message: g.message };
}
