import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OutcomeEvent, OutcomeSink } from '../core/index.ts';
import type { StreamControl } from './ports.ts';

/** What {@link RunMetrics} reads at scrape time, once the run is open. */
export interface RunMetricsSources {
  readonly stream: StreamControl;
  /** Bars the engine has processed so far (monotonic). */
  readonly bars: () => number;
}

/** Bar close → recorded decision, in seconds: 50 µs to 10 s. */
const LATENCY_BUCKETS = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
  10,
];

/** Feed states in which the feed counts as connected (a replay counts while it reads its file). */
const CONNECTED = new Set(['open', 'replaying']);

/**
 * The Prometheus metrics of one run (`/metrics` of `serve` and `live`), in a registry of its own
 * (never prom-client's global one: two runs in one process do not mix). Counters follow the
 * outcome stream, so they count exactly the rows the recorder writes:
 * - `livemodel_promotions_total{variant,symbol}`: `version_events` rows `promoted`, except the
 *   first champion (`end of warmup`); `livemodel_rollbacks_total{variant,symbol}`: rows `restored`;
 * - `livemodel_tests_total{variant,symbol,decision}`: `ab_tests` rows;
 * - `livemodel_drift_events_total{variant,symbol,detector,kind}`: `drift_events` rows;
 * - `livemodel_lifecycle_state{variant,symbol,state}`: 1 for the state of the latest transition,
 *   0 for the states the machine left;
 * - `livemodel_decision_latency_seconds`: histogram, one observation per bar close (time slice);
 * - read at scrape time: `livemodel_bars_total` (the engine's bar count),
 *   `livemodel_feed_connected{feed}` (1 while the live feed is open or the replay reads its file)
 *   and `livemodel_feed_lag_seconds{symbol}` (receipt minus market time of the latest tick; live
 *   feeds only).
 * Symbols and variants are label values, kept in Maps (a symbol may be named `__proto__`).
 *
 * @example
 * const metrics = new RunMetrics();
 * const opened = await openRun({ ..., sinks: [metrics], onDecisionLatency: (ms) => metrics.observeDecision(ms) });
 * metrics.watch({ stream, bars: () => opened.engine.bars });
 * await metrics.render(); // '# HELP livemodel_bars_total …'
 */
export class RunMetrics implements OutcomeSink {
  readonly registry = new Registry();
  private sources: RunMetricsSources | null = null;
  private barsCounted = 0;
  private readonly states = new Map<string, Map<string, string>>();
  private readonly promotions: Counter<'variant' | 'symbol'>;
  private readonly rollbacks: Counter<'variant' | 'symbol'>;
  private readonly tests: Counter<'variant' | 'symbol' | 'decision'>;
  private readonly drifts: Counter<'variant' | 'symbol' | 'detector' | 'kind'>;
  private readonly state: Gauge<'variant' | 'symbol' | 'state'>;
  private readonly latency: Histogram;

  constructor() {
    const registers = [this.registry];
    // a closure, not `this` inside collect(): prom-client calls collect with the metric as `this`
    const self = (): RunMetrics => this;
    new Counter({
      name: 'livemodel_bars_total',
      help: 'Bars processed by the engine (every symbol).',
      registers,
      collect() {
        const s = self();
        const bars = s.sources?.bars() ?? s.barsCounted;
        if (bars > s.barsCounted) this.inc(bars - s.barsCounted);
        s.barsCounted = Math.max(s.barsCounted, bars);
      },
    });
    this.state = new Gauge({
      name: 'livemodel_lifecycle_state',
      help: 'Lifecycle state of each (variant, symbol): 1 for the current state, 0 for states it left.',
      labelNames: ['variant', 'symbol', 'state'],
      registers,
    });
    const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
      new Counter<L>({ name, help, labelNames, registers });
    this.promotions = counter(
      'livemodel_promotions_total',
      'Challengers promoted to champion (the first champion after warmup is not counted).',
      ['variant', 'symbol'],
    );
    this.rollbacks = counter(
      'livemodel_rollbacks_total',
      'Rollbacks: a previous champion restored.',
      ['variant', 'symbol'],
    );
    this.tests = counter(
      'livemodel_tests_total',
      'Champion/challenger tests decided, by decision (promote or reject).',
      ['variant', 'symbol', 'decision'],
    );
    this.drifts = counter(
      'livemodel_drift_events_total',
      'Drift detections (kind warning or drift), by detector.',
      ['variant', 'symbol', 'detector', 'kind'],
    );
    this.latency = new Histogram({
      name: 'livemodel_decision_latency_seconds',
      help: 'Wall time from a bar close to the recorded decision on it (one observation per bar close).',
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.feedGauges(registers);
  }

  /** Starts reading the run's stream and bar count at scrape time. */
  watch(sources: RunMetricsSources): this {
    this.sources = sources;
    return this;
  }

  /** One bar-close-to-decision latency, in ms. */
  observeDecision(ms: number): void {
    if (Number.isFinite(ms) && ms >= 0) this.latency.observe(ms / 1000);
  }

  write(e: OutcomeEvent): void {
    switch (e.type) {
      case 'transition':
        this.onTransition(e.variant, e.symbol, e.from, e.to);
        return;
      case 'version_event':
        if (e.event === 'promoted' && e.detail !== 'end of warmup')
          this.promotions.inc({ variant: e.variant, symbol: e.symbol });
        else if (e.event === 'restored')
          this.rollbacks.inc({ variant: e.variant, symbol: e.symbol });
        return;
      case 'ab_test':
        this.tests.inc({ variant: e.variant, symbol: e.symbol, decision: e.decision });
        return;
      case 'drift':
        this.drifts.inc({
          variant: e.variant,
          symbol: e.symbol,
          detector: e.detector,
          kind: e.kind,
        });
        return;
      default:
        return;
    }
  }

  /** The exposition in Prometheus text format 0.0.4. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** `text/plain; version=0.0.4; charset=utf-8`. */
  get contentType(): string {
    return this.registry.contentType;
  }

  private onTransition(variant: string, symbol: string, from: string, to: string): void {
    let bySymbol = this.states.get(variant);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.states.set(variant, bySymbol);
    }
    const previous = bySymbol.get(symbol) ?? from;
    if (previous !== to) this.state.set({ variant, symbol, state: previous }, 0);
    this.state.set({ variant, symbol, state: to }, 1);
    bySymbol.set(symbol, to);
  }

  private feedGauges(registers: Registry[]): void {
    const self = (): RunMetrics => this;
    new Gauge({
      name: 'livemodel_feed_connected',
      help: 'Whether the feed is connected (1) or not (0); a replay counts while it reads its file.',
      labelNames: ['feed'],
      registers,
      collect() {
        const stream = self().sources?.stream;
        if (stream === undefined) return;
        const c = stream.connection();
        const feed = 'feed' in c ? c.feed : stream.mode;
        this.reset();
        this.set({ feed }, CONNECTED.has(String(c['state'])) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'livemodel_feed_lag_seconds',
      help: 'Wall time of receipt minus market time of the latest tick, per symbol (live feeds).',
      labelNames: ['symbol'],
      registers,
      collect() {
        const stream = self().sources?.stream;
        if (stream === undefined) return;
        this.reset();
        for (const symbol of stream.symbols()) {
          const lag = stream.symbolStatus(symbol)?.lagMs;
          if (typeof lag === 'number' && Number.isFinite(lag)) this.set({ symbol }, lag / 1000);
        }
      },
    });
  }
}
