import { WallClock } from '../clock/index.ts';
import { createRandom, InputError, type OutcomeEvent, type OutcomeSink } from '../core/index.ts';
import { LiveSession } from '../engine/index.ts';
import { createFeed, FEED_KINDS, type FeedKind, type FeedSpec } from '../feeds/index.ts';
import { loadScenario, type Scenario } from '../scenario/index.ts';
import type { Recorder } from '../store/index.ts';
import { toEngineConfig } from './engine-config.ts';
import { defaultLiveScenario } from './live-defaults.ts';
import { parseDuration } from './parse-duration.ts';
import { openRunOutputs } from './run-outputs.ts';

/** Live options shared by `livemodel live` and `livemodel serve --feed`. */
export interface LiveRunOptions {
  readonly feed: string;
  readonly url?: string | undefined;
  readonly symbols: readonly string[];
  readonly interval?: string | undefined;
  readonly reorderWindow?: string | undefined;
  readonly channel?: string | undefined;
  readonly scenario?: string | undefined;
  readonly seed?: number | undefined;
  /** `ts=time,close=px,…` for NDJSON fields. */
  readonly columns?: string | undefined;
  readonly out: string;
  /** Environment (Alpaca credentials). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Sinks that see every outcome besides the recorder (API bus and stats). */
  readonly sinks?: readonly OutcomeSink[];
  /** Prints feed alerts. */
  readonly log?: ((line: string) => void) | null;
}

export interface LiveRun {
  readonly session: LiveSession;
  readonly recorder: Recorder;
  readonly outDir: string;
  readonly scenario: Scenario;
}

function parseColumns(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const [k, v] = part.split('=').map((s) => s.trim());
    if (
      !k ||
      !v ||
      !['ts', 'symbol', 'close', 'open', 'high', 'low', 'volume', 'id', 'size'].includes(k)
    )
      throw new InputError(
        `Expected --columns as role=field pairs (roles ts, symbol, close, open, high, low, volume, id, size), got \`${part}\``,
      );
    out[k] = v;
  }
  return out;
}

/**
 * Builds a live run: scenario (or the live default), feed, run file, live session. Nothing is
 * connected until `session.run(signal)`.
 *
 * @throws {InputError} unknown feed, bad interval, missing symbols or credentials.
 */
export async function prepareLiveRun(opts: LiveRunOptions): Promise<LiveRun> {
  if (!(FEED_KINDS as readonly string[]).includes(opts.feed))
    throw new InputError(
      `Expected --feed to be one of ${FEED_KINDS.join(', ')}, got \`${opts.feed}\``,
    );
  const feedKind = opts.feed as FeedKind;
  let scenario =
    opts.scenario !== undefined
      ? loadScenario(opts.scenario, opts.seed !== undefined ? [['seed', String(opts.seed)]] : [])
      : defaultLiveScenario();
  if (opts.scenario === undefined && opts.seed !== undefined)
    scenario = { ...scenario, seed: opts.seed };
  const intervalMs = parseDuration(opts.interval ?? '1m', '--interval');
  if (intervalMs < 1)
    throw new InputError(`Expected --interval to be at least 1ms, got \`${opts.interval}\``);
  const reorderWindowMs =
    opts.reorderWindow !== undefined
      ? parseDuration(opts.reorderWindow, '--reorder-window')
      : Math.min(1000, intervalMs);
  const env = opts.env ?? {};
  const key = env['APCA_API_KEY_ID'];
  const secret = env['APCA_API_SECRET_KEY'];
  const columns = parseColumns(opts.columns);
  const spec: FeedSpec = {
    feed: feedKind,
    url: opts.url,
    symbols: opts.symbols,
    channel: opts.channel,
    klineInterval: opts.channel === 'kline' ? (opts.interval ?? '1m') : undefined,
    credentials: key !== undefined && secret !== undefined ? { key, secret } : undefined,
    ndjson: { ...(columns !== undefined ? { columns } : {}), barIntervalMs: intervalMs },
  };
  const feed = createFeed(spec, {
    wall: new WallClock(),
    random: createRandom(scenario.seed).fork('feed-backoff'),
  });
  const { outDir, recorder } = await openRunOutputs(
    opts.out,
    scenario,
    `${feed.name} ${feed.status().url}`,
    feed.symbols,
  );
  const log = opts.log ?? null;
  const printer: OutcomeSink = {
    write: (e: OutcomeEvent) => {
      if (log !== null && e.type === 'alert' && e.variant === 'feed')
        log(`[${e.severity}] ${e.kind} ${e.symbol}: ${e.message}`);
    },
  };
  const sinks = [recorder, printer, ...(opts.sinks ?? [])];
  const sink: OutcomeSink = { write: (e) => sinks.forEach((s) => s.write(e)) };
  const session = new LiveSession({
    config: toEngineConfig(scenario),
    feed,
    sink,
    intervalMs,
    reorderWindowMs,
    stopwatch: () => performance.now(),
  });
  return { session, recorder, outDir, scenario };
}
