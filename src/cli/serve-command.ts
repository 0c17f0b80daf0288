import { SERVE_USAGE } from './usage.ts';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  EventBus,
  isLoopback,
  LifecycleStats,
  type StreamControl,
  startApiServer,
} from '../api/index.ts';
import { InputError, type OutcomeSink, type RejectOutcome } from '../core/index.ts';
import { createReplayClock, Engine, runReplay } from '../engine/index.ts';
import { openSource } from '../feeds/index.ts';
import { loadScenario } from '../scenario/index.ts';
import { toEngineConfig } from './engine-config.ts';
import { splitList } from './live-command.ts';
import { prepareLiveRun } from './live-run.ts';
import { liveStreamControl } from './live-stream-control.ts';
import { replayStreamControl } from './replay-stream-control.ts';
import { closeRunOutputs, openRunOutputs } from './run-outputs.ts';
import { VERSION } from './version.ts';

export interface ServeOptions {
  readonly scenario?: string | undefined;
  readonly host: string;
  readonly port: number;
  readonly token?: string | undefined;
  /** Replay pace: market time per wall time. */
  readonly speed: number;
  readonly out?: string | undefined;
  readonly seed?: number | undefined;
  readonly feed?: string | undefined;
  readonly url?: string | undefined;
  readonly symbols?: readonly string[];
  readonly interval?: string | undefined;
  readonly channel?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal: AbortSignal;
  readonly log?: (line: string) => void;
}

/**
 * `livemodel serve`: the HTTP API over a paced replay of a scenario (default
 * scenarios/quickstart.yaml at `speed`×) or, with `--feed`, over a live feed. Refuses a
 * non-loopback host without a token; on loopback without one it makes one and prints it. When the
 * source ends the run is recorded and reported, and the API stays up (read-only: commands get
 * 409) until SIGINT.
 */
export async function serveCommand(opts: ServeOptions): Promise<void> {
  const log = opts.log ?? ((line: string) => console.log(line));
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
  let finished = false;
  let stream: StreamControl;
  let run: () => Promise<void>;
  let models: Engine;
  if (opts.feed !== undefined) {
    const live = await prepareLiveRun({
      feed: opts.feed,
      url: opts.url,
      symbols: opts.symbols ?? [],
      interval: opts.interval,
      channel: opts.channel,
      seed: opts.seed,
      out: opts.out ?? join('reports', `serve-${opts.feed}`),
      env: opts.env ?? {},
      sinks: [bus, stats],
      log,
    });
    models = live.session.engine;
    stream = liveStreamControl(live.session, () => finished);
    run = async () => {
      try {
        const r = await live.session.run(opts.signal);
        await closeRunOutputs(live.outDir, live.recorder, 'complete', r.bars, log);
      } catch (error) {
        await closeRunOutputs(
          live.outDir,
          live.recorder,
          'failed',
          live.session.engine.bars,
          null,
          (error as Error).message,
        );
        throw error;
      }
    };
  } else {
    const file = opts.scenario ?? 'scenarios/quickstart.yaml';
    const scenario = loadScenario(
      file,
      opts.seed !== undefined ? [['seed', String(opts.seed)]] : [],
    );
    const rejects: RejectOutcome[] = [];
    const source = await openSource(scenario.data, {
      baseDir: dirname(file),
      seed: scenario.seed,
      origin: file,
      onReject: (r) => rejects.push(r),
    });
    const dataFile =
      scenario.data.file !== undefined ? resolve(dirname(file), scenario.data.file) : source.name;
    const { outDir, recorder } = await openRunOutputs(
      opts.out ?? join('reports', `serve-${scenario.name}`),
      scenario,
      scenario.data.file ?? source.name,
      source.symbols,
    );
    for (const r of rejects) recorder.write(r);
    const sinks: OutcomeSink[] = [recorder, bus, stats];
    const clock = createReplayClock();
    models = new Engine(toEngineConfig(scenario), clock, {
      write: (e) => sinks.forEach((s) => s.write(e)),
    });
    const engine = models;
    stream = replayStreamControl(
      engine,
      clock,
      { source: dataFile, symbols: source.symbols, speed: opts.speed },
      () => finished,
    );
    run = async () => {
      // The clock's paced replay (RxJS scheduler); runReplay finishes the engine.
      const r = await runReplay(source, engine, clock, opts.signal, { speed: opts.speed }).finally(
        () => source.close(),
      );
      await closeRunOutputs(
        outDir,
        recorder,
        r.aborted ? 'incomplete' : 'complete',
        engine.bars,
        log,
      );
    };
  }
  const api = await startApiServer({
    models,
    stream,
    bus,
    stats,
    token,
    host: opts.host,
    port: opts.port,
    version: VERSION,
  });
  log(
    `listening on ${api.url} (mode ${stream.mode}); docs: ${api.url}/docs, events: ws://${api.url.slice(7)}/ml/events`,
  );
  log(
    opts.token === undefined && opts.env?.['LIVEMODEL_TOKEN'] === undefined
      ? `token: ${token} (generated; pass --token to choose one)`
      : 'token: (as given)',
  );
  try {
    await run();
    finished = true;
    if (!opts.signal.aborted) {
      log('the source has ended and the run is recorded; the API stays up read-only until Ctrl-C');
      await new Promise<void>((r) =>
        opts.signal.addEventListener('abort', () => r(), { once: true }),
      );
    }
  } finally {
    finished = true;
    await api.close();
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
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.on('SIGINT', onSigint);
  try {
    await serveCommand({
      scenario: positionals[0],
      host: values.host ?? '127.0.0.1',
      port,
      token: values.token,
      speed: num(values.speed, '--speed', 1_000_000, 1e-9),
      out: values.out,
      seed: values.seed === undefined ? undefined : num(values.seed, '--seed', 0, 0),
      feed: values.feed,
      url: values.url,
      symbols: splitList(values.symbols),
      interval: values.interval,
      channel: values.channel,
      env: process.env,
      signal: controller.signal,
    });
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
