import {
  type Bar,
  createRandom,
  describeValue,
  type EpochMs,
  InputError,
  type Random,
  RingBuffer,
} from '../../core/index.ts';
import { type CoefficientSegment, coefficientPath, coefficientsAt } from './coefficient-path.ts';
import { nextState, stationaryDistribution } from './markov.ts';
import { resolveSyntheticSpec, type SyntheticOptions } from './resolve-synthetic-spec.ts';
import { momentumSignal, type SymbolState } from './symbol-state.ts';
import { REGIMES, type RegimeName, type SyntheticSpec } from './synthetic-spec.ts';

/** All symbols' bars at one bar index, with the ground truth behind them. */
export interface MarketStep {
  readonly t: number;
  readonly ts: EpochMs;
  /** One bar per symbol, in symbol order. */
  readonly bars: Bar[];
  /** True regime of each bar (index into {@link REGIMES}). */
  readonly regimes: Uint8Array;
  /** Jump in each bar's log return, 0 when none. */
  readonly jumps: Float64Array;
}

/** A concept-drift point as it happened: where, how, and the coefficients before and after. */
export interface DriftPoint {
  readonly bar: number;
  readonly ts: EpochMs;
  readonly kind: 'flip' | 'rotate' | 'set';
  /** Bars over which the change was spread (0: abrupt). */
  readonly overBars: number;
  readonly before: readonly number[];
  readonly after: readonly number[];
}

/**
 * A seeded synthetic market: regime-switching returns (a Markov chain over bull, bear,
 * sideways and volatile, each with its own drift and volatility), a common factor, optional
 * jumps, and a next-return relation to lagged momentum signals that changes at drift points:
 *
 *   u = b(t)·z + √(1 − |b(t)|²)·(ρ·f + √(1 − ρ²)·ε),   r = μ(regime) + σ(regime)·u + jump,
 *
 * with z the standardised sums of the last L innovations u for each lookback L, f the common
 * factor, ε the symbol's own noise. Deterministic for a seed: each symbol draws from its own
 * random streams (forked by index), so symbol k is the same whatever the number of symbols.
 * The ground truth is available without generating prices ({@link regimePath},
 * {@link driftPoints}).
 *
 * @example
 * const market = new SyntheticMarket({ symbols: 3, bars: 1000, seed: 7, drifts: [{ at: 500, kind: 'flip' }] });
 * market.symbols;                 // ['S001', 'S002', 'S003']
 * market.driftPoints()[0]?.after; // [-0.3, 0]
 * market.regimePath('S002');      // Uint8Array(1000) of regime indices
 */
export class SyntheticMarket {
  readonly spec: SyntheticSpec;
  readonly symbols: readonly string[];
  readonly regimeNames: readonly RegimeName[] = REGIMES;
  private readonly path: readonly CoefficientSegment[];
  private readonly root: Random;
  private readonly pi: number[];

  constructor(options: SyntheticOptions = {}) {
    this.spec = resolveSyntheticSpec(options);
    const width = Math.max(3, String(this.spec.symbols).length);
    this.symbols = Array.from(
      { length: this.spec.symbols },
      (_, i) => `S${String(i + 1).padStart(width, '0')}`,
    );
    this.path = coefficientPath(this.spec);
    this.root = createRandom(this.spec.seed);
    this.pi = stationaryDistribution(this.spec.transitions);
  }

  /** Time of bar `t`. */
  timestamp(t: number): EpochMs {
    return (this.spec.startMs + t * this.spec.intervalMs) as EpochMs;
  }

  /** Long-run share of bars in each regime (order of {@link REGIMES}). */
  stationary(): number[] {
    return [...this.pi];
  }

  /** The true regime of every bar of a symbol (by name or index), from its regime chain alone. */
  regimePath(symbol: string | number): Uint8Array {
    const i = typeof symbol === 'number' ? symbol : this.symbols.indexOf(symbol);
    if (!Number.isInteger(i) || i < 0 || i >= this.symbols.length)
      throw new InputError(
        `unknown synthetic symbol ${describeValue(symbol)}; the market has ${this.symbols[0]}…${this.symbols.at(-1)}`,
      );
    const chain = this.regimeChain(i);
    const out = new Uint8Array(this.spec.bars);
    for (let t = 0; t < out.length; t++) out[t] = chain();
    return out;
  }

  /** Where the relation between signals and next return changed. */
  driftPoints(): DriftPoint[] {
    return this.path.map((seg, i) => ({
      bar: seg.from,
      ts: this.timestamp(seg.from),
      kind: this.spec.drifts[i]?.kind ?? 'set',
      overBars: seg.to - seg.from,
      before: seg.before,
      after: seg.after,
    }));
  }

  /** True coefficients of the signals at bar `t` (one per lookback). */
  coefficientsAt(t: number): number[] {
    const out = new Float64Array(this.spec.lookbacks.length);
    coefficientsAt(this.path, this.spec.coefficients, t, out);
    return [...out];
  }

  /**
   * Generates the market lazily, one bar index at a time; state is kept per symbol only. With
   * `only` (symbol indices, increasing), just those symbols are generated — each exactly as in the
   * full market, since every symbol has its own random streams (the common factor and a market
   * regime are drawn once per bar either way). Steps then hold those symbols only.
   */
  *steps(only?: readonly number[]): Generator<MarketStep> {
    const { spec } = this;
    const index = only ?? this.symbols.map((_, i) => i);
    const n = index.length;
    const states = index.map((i) => this.symbolState(i));
    const chains =
      spec.regimeScope === 'market'
        ? [this.regimeChain(-1)]
        : index.map((i) => this.regimeChain(i));
    const factor = this.root.fork('factor');
    const b = new Float64Array(spec.lookbacks.length);
    const rho = spec.factorLoading;
    const idio = Math.sqrt(1 - rho * rho);
    for (let t = 0; t < spec.bars; t++) {
      coefficientsAt(this.path, spec.coefficients, t, b);
      const noiseWeight = Math.sqrt(Math.max(0, 1 - b.reduce((a, x) => a + x * x, 0)));
      const f = factor.normal();
      const ts = this.timestamp(t);
      const marketRegime = spec.regimeScope === 'market' ? (chains[0] as () => number)() : -1;
      const step: MarketStep = {
        t,
        ts,
        bars: new Array<Bar>(n),
        regimes: new Uint8Array(n),
        jumps: new Float64Array(n),
      };
      for (let i = 0; i < n; i++) {
        const s = states[i] as SymbolState;
        s.regime = marketRegime >= 0 ? marketRegime : (chains[i] as () => number)();
        const shock = rho * f + idio * s.noise.normal();
        let u = noiseWeight * shock;
        for (let k = 0; k < b.length; k++)
          u += (b[k] as number) * momentumSignal(s, spec.lookbacks[k] as number);
        const jumpHit = s.jump.next() < spec.jumps.probability;
        const jumpSize = spec.jumps.mean + spec.jumps.volatility * s.jump.normal();
        const jump = jumpHit ? jumpSize : 0;
        const { drift, volatility } = spec.regimes[REGIMES[s.regime] as RegimeName];
        const prev = s.close;
        s.close = prev * Math.exp(drift + volatility * u + jump);
        s.shocks.push(shock);
        step.bars[i] = this.bar(
          s,
          this.symbols[index[i] as number] as string,
          ts,
          prev,
          volatility,
          u,
        );
        step.regimes[i] = s.regime;
        step.jumps[i] = jump;
      }
      yield step;
    }
  }

  private bar(
    s: SymbolState,
    symbol: string,
    ts: EpochMs,
    prev: number,
    vol: number,
    u: number,
  ): Bar {
    const close = s.close;
    if (!this.spec.ohlc)
      return {
        symbol,
        ts,
        open: Number.NaN,
        high: Number.NaN,
        low: Number.NaN,
        close,
        volume: Number.NaN,
      };
    const open = prev * Math.exp(0.2 * vol * s.ohlc.normal());
    const high = Math.max(open, close) * Math.exp(0.5 * vol * Math.abs(s.ohlc.normal()));
    const low = Math.min(open, close) * Math.exp(-0.5 * vol * Math.abs(s.ohlc.normal()));
    const volume = Math.round(1e6 * Math.exp(0.25 * s.ohlc.normal()) * (1 + Math.abs(u)));
    return { symbol, ts, open, high, low, close, volume };
  }

  private symbolState(i: number): SymbolState {
    const cap = Math.max(1, ...this.spec.lookbacks);
    return {
      close: this.spec.startPrice,
      regime: 0,
      shocks: new RingBuffer(cap),
      noise: this.root.fork(`noise:${i}`),
      jump: this.root.fork(`jump:${i}`),
      ohlc: this.root.fork(`ohlc:${i}`),
    };
  }

  /** The regime chain of symbol `i` (-1: the market's): each call gives the next bar's regime. */
  private regimeChain(i: number): () => number {
    const scope = this.spec.regimeScope === 'market' ? -1 : i;
    const rng = this.root.fork(scope < 0 ? 'regime:market' : `regime:${scope}`);
    let state = -1;
    return () => {
      state =
        state < 0
          ? sample(this.pi, rng.next())
          : nextState(this.spec.transitions, state, rng.next());
      return state;
    };
  }
}

function sample(p: readonly number[], u: number): number {
  let acc = 0;
  for (let j = 0; j < p.length; j++) {
    acc += p[j] as number;
    if (u < acc) return j;
  }
  return p.length - 1;
}
