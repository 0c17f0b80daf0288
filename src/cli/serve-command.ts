import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  EventBus,
  isLoopback,
  LifecycleStats,
  liveStreamControl,
  replayStreamControl,
  RunMetrics,
  type StreamControl,
  startApiServer,
} from '../api/index.ts';
import { InputError, VERSION } from '../core/index.ts';
import { openRun, planRun, prepareRunFolder, writeRunReport } from '../runner/index.ts';
import type { Override } from '../scenario/index.ts';
import { packageFile } from './init-command.ts';
import { parseShards, splitList } from './live-command.ts';
import { parseOverride } from './run-command.ts';
import { createLogger, type Logger, outcomeLogSink, parseLogOptions } from './logger.ts';
import { listenForStop } from './stop-signals.ts';
import { formatSummaryTable } from './summary-table.ts';
import { SERVE_USAGE } from './usage.ts';

export interface ServeOptions {
  readonly scenario?: string | undefined;
  readonly host: string;
  readonly port: number;
  readonly token?: string | undefined;
  /** Replay pace: market time per wall time. */
  readonly speed: number;
  readonly out?: string | undefined;
  readonly seed?: number | undefined;
  /** `--set path=value` changes to the scenario. */
  readonly set?: readonly Override[] | undefined;
  readonly feed?: string | undefined;
  readonly url?: string | undefined;
  readonly symbols?: readonly string[];
  readonly interval?: string | undefined;
  readonly channel?: string | undefined;
  /** With `feed`: worker threads deciding on the bars, each over a share of the symbols (default 1). */
  readonly shards?: number | undefined;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal: AbortSignal;
  /** How a live run stopped by `signal` is recorded (default complete; a stopped replay is incomplete). */
  readonly stoppedAs?: () => 'complete' | 'incomplete';
  readonly log?: (line: string) => void;
  /** Structured logs (`--log-format json`); default: plain lines through `log`. */
  readonly logger?: Logger;
}

/**
 * `livemodel serve`: the HTTP API over a paced replay of a scenario (default
 * scenarios/quickstart.yaml at `speed`×) or, with `--feed`, over a live feed — both through the
 * runner's kernel, like `run` and `live`. Refuses a non-loopback host without a token; on
 * loopback without one it makes one and prints it. When the source ends the run is recorded and
 * reported, and the API stays up (read-only: commands get 409) until SIGINT.
 */
export async function serveCommand(opts: ServeOptions): Promise<void> {
  const write = opts.log ?? ((line: string) => console.log(line));
  let logger =
    opts.logger ??
    createLogger({ format: 'pretty', level: 'info', write: (l) => write(l.replace(/\n$/, '')) });
  const log = (line: string): void => logger.info(line);
  let token = opts.token ?? opts.env?.['LIVEMODEL_TOKEN'];
  if (token === undefined || token === '') {
    if (!isLoopback(opts.host))
      throw new InputError(
        `refusing to serve on ${opts.host} without a token: pass --token or set LIVEMODEL_TOKEN (or use --host 127.0.0.1)`,
      );
    token = randomBytes(16).toString('hex');
  }
  const bus = new EventBus();
  const stats = new LifecycleStats();
  const metrics = new RunMetrics();
  let finished = false;
  const live = opts.feed !== undefined;
  if (!live && (opts.shards ?? 1) > 1)
    throw new InputError(
      '--shards splits the symbols of a live feed over worker threads: it needs --feed (to shard a replay, use `livemodel run --shards N`)',
    );
  // without a scenario: the quickstart, from this folder or else the package's own copy
  const quickstart = existsSync('scenarios/quickstart.yaml')
    ? 'scenarios/quickstart.yaml'
    : packageFile('scenarios/quickstart.yaml');
  const scenario = live ? opts.scenario : (opts.scenario ?? quickstart);
  const plan = await planRun({ scenario, seed: opts.seed, set: opts.set });
  const folder = prepareRunFolder(
    opts.out ?? join('reports', `serve-${opts.feed ?? plan.scenario.name}`),
  );
  logger = logger.child({ run: folder.runId });
  const opened = await openRun({
    plan,
    file: folder.file,
    runId: folder.runId,
    input:
      opts.feed !== undefined
        ? {
            kind: 'live',
            feed: {
              feed: opts.feed,
              url: opts.url,
              symbols: opts.symbols ?? [],
              interval: opts.interval,
              channel: opts.channel,
              env: opts.env ?? {},
            },
            shards: opts.shards,
          }
        : { kind: 'replay', speed: opts.speed },
    sinks: [bus, stats, metrics, outcomeLogSink(logger)],
    onDecisionLatency: (ms) => metrics.observeDecision(ms),
  });
  const { session, replayClock } = opened;
  let stream: StreamControl;
  if (session !== null) stream = liveStreamControl(session, () => finished);
  else if (replayClock !== null)
    stream = replayStreamControl(
      opened.engine,
      replayClock,
      {
        source:
          plan.data.file !== undefined ? resolve(plan.baseDir, plan.data.file) : opened.dataName,
        symbols: opened.symbols,
        speed: opts.speed,
      },
      () => finished,
    );
  else throw new Error('openRun: the run has neither a live session nor a replay clock');
  metrics.watch({ stream, bars: () => opened.engine.bars });
  const api = await startApiServer({
    models: opened.engine,
    stream,
    bus,
    stats,
    token,
    host: opts.host,
    port: opts.port,
    version: VERSION,
    metrics,
  });
  log(
    `listening on ${api.url} (mode ${stream.mode}); docs: ${api.url}/docs, metrics: ${api.url}/metrics, events: ws://${api.url.slice(7)}/ml/events`,
  );
  log(
    opts.token === undefined && opts.env?.['LIVEMODEL_TOKEN'] === undefined
      ? `token: ${token} (generated; pass --token to choose one)`
      : 'token: (as given)',
  );
  try {
    await opened.run(opts.signal, opts.stoppedAs);
    finished = true;
    const report = await writeRunReport(folder.outDir);
    if (!report.ok)
      console.error(
        `livemodel: the run is recorded in ${folder.file}, but the report could not be built: ${report.reason}`,
      );
    else {
      logger.text(formatSummaryTable(report.report.summary));
      logger.text(`\nreport: ${report.report.html}\ndata:   ${folder.file}`);
    }
    if (!opts.signal.aborted) {
      log('the source has ended and the run is recorded; the API stays up read-only until Ctrl-C');
      await new Promise<void>((r) => {
        // the signal may have fired while the line was logged
        if (opts.signal.aborted) r();
        else opts.signal.addEventListener('abort', () => r(), { once: true });
      });
    }
  } finally {
    finished = true;
    await api.close();
    folder.release();
  }
}

/** Parses `livemodel serve` arguments and runs it until SIGINT. */
export async function serveMain(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      speed: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      feed: { type: 'string' },
      url: { type: 'string' },
      symbols: { type: 'string' },
      interval: { type: 'string' },
      channel: { type: 'string' },
      shards: { type: 'string' },
      set: { type: 'string', multiple: true },
      'log-format': { type: 'string' },
      'log-level': { type: 'string' },
      verbose: { type: 'boolean' },
    },
  });
  if (positionals.length > 1)
    throw new InputError(
      `serve expects at most one scenario file, got ${positionals.length}\n${SERVE_USAGE}`,
    );
  const num = (text: string | undefined, option: string, fallback: number, min: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n < min)
      throw new InputError(`Expected ${option} to be a number >= ${min}, got \`${text}\``);
    return n;
  };
  const port = num(values.port, '--port', 8080, 0);
  if (!Number.isInteger(port) || port > 65535)
    throw new InputError(`Expected --port to be an integer in 0..65535, got \`${values.port}\``);
  const stop = listenForStop();
  try {
    await serveCommand({
      scenario: positionals[0],
      host: values.host ?? '127.0.0.1',
      port,
      token: values.token,
      speed: num(values.speed, '--speed', 1_000_000, 1e-9),
      out: values.out,
      seed: values.seed === undefined ? undefined : num(values.seed, '--seed', 0, 0),
      set: (values.set ?? []).map(parseOverride),
      feed: values.feed,
      url: values.url,
      symbols: splitList(values.symbols),
      interval: values.interval,
      channel: values.channel,
      shards: parseShards(values.shards),
      env: process.env,
      logger: createLogger(parseLogOptions(values['log-format'], values['log-level'])),
      signal: stop.signal,
      stoppedAs: () => (stop.received() === 'SIGTERM' ? 'incomplete' : 'complete'),
    });
    return stop.received() === 'SIGTERM' ? stop.exitCode() : 0;
  } finally {
    stop.dispose();
  }
}
