import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { liveStreamControl, RunMetrics, startMetricsServer } from '../api/index.ts';
import { AppError, InputError, parseDuration } from '../core/index.ts';
import type { LiveEngine } from '../engine/index.ts';
import {
  type LiveFeedOptions,
  LiveShards,
  openRun,
  threadCpuSeconds,
  planRun,
  prepareRunFolder,
  type RunFolder,
  type RunPlan,
  writeRunReport,
} from '../runner/index.ts';
import { createLogger, type Logger, outcomeLogSink, parseLogOptions } from './logger.ts';
import { listenForStop } from './stop-signals.ts';
import { formatSummaryTable } from './summary-table.ts';
import { LIVE_USAGE } from './usage.ts';

export interface LiveCommandOptions extends LiveFeedOptions {
  readonly scenario?: string | undefined;
  readonly seed?: number | undefined;
  readonly out?: string | undefined;
  /** Serve Prometheus metrics at `/metrics` on this port (0: a free one); default: none. */
  readonly metricsPort?: number | undefined;
  /** Host of the metrics listener (default 127.0.0.1). */
  readonly metricsHost?: string | undefined;
  /** Worker threads deciding on the bars, each over a share of the symbols (default 1: this thread). */
  readonly shards?: number | undefined;
  /** Stop when no message arrived for this long (`5s`, `10m`); default: never. */
  readonly idleExit?: string | undefined;
  readonly quiet?: boolean;
  /** Aborting (SIGINT, SIGTERM) ends the run cleanly. */
  readonly signal: AbortSignal;
  /** How a run stopped by `signal` is recorded (default complete). */
  readonly stoppedAs?: () => 'complete' | 'incomplete';
  readonly log?: (line: string) => void;
  /** Structured logs (`--log-format json`); default: plain lines through `log`. */
  readonly logger?: Logger;
}

/**
 * `livemodel live`: runs the machines on a live feed (through the runner's kernel, as every mode)
 * until SIGINT, the end of a finite source (stdin, a file, a TCP peer closing) or `--idle-exit`;
 * then closes the open bars, records the run as complete and writes the same outputs as
 * `livemodel run` (run.duckdb, report.html, summary.json). A fatal feed error (bad credentials,
 * refused subscription) records it as failed and is rethrown.
 */
export async function liveCommand(
  opts: LiveCommandOptions,
): Promise<{ outDir: string; bars: number; ended: 'source' | 'stopped' }> {
  const plan = await planRun({ scenario: opts.scenario, seed: opts.seed });
  const folder = prepareRunFolder(opts.out ?? join('reports', `live-${opts.feed}`));
  const write = opts.log ?? ((line: string) => console.log(line));
  const logger = opts.quiet
    ? null
    : (
        opts.logger ??
        createLogger({ format: 'pretty', level: 'info', write: (l) => write(l.replace(/\n$/, '')) })
      ).child({
        run: folder.runId,
      });
  try {
    return await liveInFolder(opts, plan, folder, logger);
  } finally {
    folder.release();
  }
}

async function liveInFolder(
  opts: LiveCommandOptions,
  plan: RunPlan,
  folder: RunFolder,
  logger: Logger | null,
): Promise<{ outDir: string; bars: number; ended: 'source' | 'stopped' }> {
  const quietLog = logger === null ? null : (line: string) => logger.info(line);
  const metrics = opts.metricsPort === undefined ? null : new RunMetrics();
  const opened = await openRun({
    plan,
    file: folder.file,
    runId: folder.runId,
    input: { kind: 'live', feed: opts, shards: opts.shards },
    sinks: [
      ...(logger === null ? [] : [outcomeLogSink(logger)]),
      ...(metrics === null ? [] : [metrics]),
    ],
    onDecisionLatency: metrics === null ? undefined : (ms) => metrics.observeDecision(ms),
  });
  const session = opened.session;
  if (session === null) throw new Error('openRun: a live input opened no live session');
  let finished = false;
  metrics?.watch({
    stream: liveStreamControl(session, () => finished),
    bars: () => session.engine.bars,
  });
  const metricsServer =
    metrics === null
      ? null
      : await startMetricsServer(metrics, { host: opts.metricsHost, port: opts.metricsPort });
  if (metricsServer !== null) {
    // printed even with --quiet: with --metrics-port 0 it is the only way to learn the port
    const line = `metrics: ${metricsServer.url}/metrics`;
    if (quietLog !== null) quietLog(line);
    else (opts.log ?? ((l: string) => console.log(l)))(line);
  }
  const idleMs = opts.idleExit !== undefined ? parseDuration(opts.idleExit, '--idle-exit') : null;
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  opts.signal.addEventListener('abort', stop, { once: true });
  if (opts.signal.aborted) controller.abort();
  const started = Date.now();
  const idle =
    idleMs === null
      ? null
      : setInterval(
          () => {
            const last = session.feedStatus().lastMessageAt ?? started;
            if (Date.now() - last >= idleMs) {
              quietLog?.(`no message for ${idleMs} ms: stopping (--idle-exit)`);
              controller.abort();
            }
          },
          Math.max(20, Math.min(250, idleMs / 4)),
        );
  quietLog?.(
    `live: ${session.feed.name} ${session.feedStatus().url} (${session.feed.symbols.join(', ') || 'all symbols'}), bars of ${session.clock.intervalOf('')} ms${(opts.shards ?? 1) > 1 ? `, decided on ${opts.shards} worker threads` : ''}; Ctrl-C to stop`,
  );
  try {
    const cpuAtStart = threadCpuSeconds();
    const result = await opened.run(controller.signal, opts.stoppedAs);
    const cpuAtEnd = threadCpuSeconds();
    const mainCpu = cpuAtStart === null || cpuAtEnd === null ? null : cpuAtEnd - cpuAtStart;
    finished = true;
    const report = await writeRunReport(folder.outDir);
    if (!report.ok)
      console.error(
        `livemodel: the run is recorded in ${folder.file}, but the report could not be built: ${report.reason}`,
      );
    else if (logger !== null) {
      logger.text(formatSummaryTable(report.report.summary));
      logger.text(`\nreport: ${report.report.html}\ndata:   ${folder.file}`);
    }
    if (result.rejects > 0)
      quietLog?.(`${result.rejects} rejected tick(s) recorded in data_rejects`);
    const lat = session.latency.summary();
    if (lat.count > 0)
      quietLog?.(
        `tick-to-decision latency over the last ${Math.min(lat.count, 1024)} bar closes: p50 ${lat.p50Ms?.toFixed(3)} ms, p99 ${lat.p99Ms?.toFixed(3)} ms, max ${lat.maxMs?.toFixed(3)} ms`,
      );
    const close = session.closeLatency.summary();
    if (close.count > 0)
      quietLog?.(
        `bar close to decision per symbol over the last ${Math.min(close.count, 1 << 16)} symbol-bars: p50 ${close.p50Ms?.toFixed(3)} ms, p99 ${close.p99Ms?.toFixed(3)} ms, max ${close.maxMs?.toFixed(3)} ms (from the closing message: p50 ${session.symbolLatency.summary().p50Ms?.toFixed(3)} ms, p99 ${session.symbolLatency.summary().p99Ms?.toFixed(3)} ms)`,
      );
    quietLog?.(threadsLine(opened.engine, mainCpu));
    return { outDir: folder.outDir, bars: result.bars, ended: result.ended };
  } catch (error) {
    throw error instanceof AppError || error instanceof Error ? error : new Error(String(error));
  } finally {
    if (idle !== null) clearInterval(idle);
    opts.signal.removeEventListener('abort', stop);
    await metricsServer?.close();
  }
}

/**
 * The CPU each thread spent on the run (and with --shards how busy each event loop was): the
 * busiest thread limits the latency, and CPU seconds do not move with the machine's load.
 */
function threadsLine(engine: LiveEngine, mainCpu: number | null): string {
  const sec = (x: number | null): string => (x === null ? '?' : x.toFixed(1));
  if (!(engine instanceof LiveShards))
    return `CPU s: main ${sec(mainCpu)} (feed, clock, engine, recording)`;
  const { main, shards, cpu } = engine.busy();
  const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;
  return `event loops busy: main thread (feed, clock, recording, shard 0) ${pct(main)}, shards ${shards.map(pct).join(', ')}; CPU s: main ${sec(cpu.main)}, shards ${cpu.shards.map(sec).join(', ')}`;
}

/** Parses `livemodel live` arguments and runs it; SIGINT ends the run cleanly (exit 0). */
export async function liveMain(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      feed: { type: 'string' },
      url: { type: 'string' },
      symbols: { type: 'string' },
      interval: { type: 'string' },
      'reorder-window': { type: 'string' },
      channel: { type: 'string' },
      scenario: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      'idle-exit': { type: 'string' },
      shards: { type: 'string' },
      'metrics-port': { type: 'string' },
      'metrics-host': { type: 'string' },
      columns: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      'log-format': { type: 'string' },
      'log-level': { type: 'string' },
      verbose: { type: 'boolean' },
    },
  });
  if (values.feed === undefined) throw new InputError(`live needs --feed\n${LIVE_USAGE}`);
  const logging = parseLogOptions(values['log-format'], values['log-level']);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0))
    throw new InputError(`--seed expects a non-negative integer, got \`${values.seed}\``);
  const metricsPort =
    values['metrics-port'] === undefined ? undefined : Number(values['metrics-port']);
  if (
    metricsPort !== undefined &&
    !(
      values['metrics-port']?.trim() !== '' &&
      Number.isInteger(metricsPort) &&
      metricsPort >= 0 &&
      metricsPort <= 65535
    )
  )
    throw new InputError(
      `Expected --metrics-port to be an integer in 0..65535, got \`${values['metrics-port']}\``,
    );
  const shards = parseShards(values.shards);
  const stop = listenForStop();
  try {
    await liveCommand({
      feed: values.feed,
      url: values.url,
      symbols: splitList(values.symbols),
      interval: values.interval,
      reorderWindow: values['reorder-window'],
      channel: values.channel,
      scenario: values.scenario,
      out: values.out,
      seed,
      idleExit: values['idle-exit'],
      shards,
      metricsPort,
      metricsHost: values['metrics-host'],
      columns: values.columns,
      quiet: values.quiet ?? false,
      logger: createLogger(logging),
      env: process.env,
      signal: stop.signal,
      // SIGINT is how a live session normally ends (complete); SIGTERM stops it (incomplete)
      stoppedAs: () => (stop.received() === 'SIGTERM' ? 'incomplete' : 'complete'),
    });
    return stop.received() === 'SIGTERM' ? stop.exitCode() : 0;
  } finally {
    stop.dispose();
  }
}

/**
 * `--shards N` of `live` and `serve --feed`: an integer >= 1, or `auto` (one per core).
 *
 * @throws {InputError} for anything else.
 * @example
 * parseShards('2'); // 2
 */
export function parseShards(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = text === 'auto' ? availableParallelism() : Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 1)
    throw new InputError(`--shards expects an integer >= 1 or auto, got \`${text}\``);
  return n;
}

/** `A, b,,C` → ['A', 'b', 'C']. */
export function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
