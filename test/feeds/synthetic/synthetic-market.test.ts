import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/index.ts';
import { REGIMES, SyntheticMarket, type SyntheticOptions } from '../../../src/feeds/index.ts';

/** Log returns per symbol (rows) and bar (columns) of a market. */
function logReturns(m: SyntheticMarket): number[][] {
  const out = m.symbols.map(() => [] as number[]);
  const prev = m.symbols.map(() => m.spec.startPrice);
  for (const step of m.steps()) {
    step.bars.forEach((b, i) => {
      out[i]!.push(Math.log(b.close / prev[i]!));
      prev[i] = b.close;
    });
  }
  return out;
}

function corr(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Pooled correlation, over bars [from, to), of the return at t with the sum of the returns at
 * t−a … t−b (returns standardised by their true regime).
 */
function lagCorr(
  m: SyntheticMarket,
  rets: number[][],
  from: number,
  to: number,
  a = 1,
  b = a,
): number {
  const x: number[] = [];
  const y: number[] = [];
  rets.forEach((r, i) => {
    const path = m.regimePath(i);
    const z = r.map(
      (v, t) =>
        (v - m.spec.regimes[REGIMES[path[t]!]!].drift) /
        m.spec.regimes[REGIMES[path[t]!]!].volatility,
    );
    for (let t = Math.max(from, b); t < to; t++) {
      let past = 0;
      for (let j = a; j <= b; j++) past += z[t - j]!;
      x.push(past);
      y.push(z[t]!);
    }
  });
  return corr(x, y);
}

describe('SyntheticMarket', () => {
  it('doc example', () => {
    const market = new SyntheticMarket({
      symbols: 3,
      bars: 1000,
      seed: 7,
      drifts: [{ at: 500, kind: 'flip' }],
    });
    expect(market.symbols).toEqual(['S001', 'S002', 'S003']);
    expect(market.driftPoints()[0]?.after).toEqual([-0.3, 0]);
    expect(market.regimePath('S002')).toBeInstanceOf(Uint8Array);
    expect(market.regimePath('S002')).toHaveLength(1000);
  });

  it('is deterministic for a seed; symbol k does not depend on how many symbols there are', () => {
    const opts: SyntheticOptions = {
      symbols: 5,
      bars: 300,
      seed: 11,
      jumps: { probability: 0.02 },
    };
    const a = [...new SyntheticMarket(opts).steps()].flatMap((s) => s.bars);
    const b = [...new SyntheticMarket(opts).steps()].flatMap((s) => s.bars);
    expect(b).toEqual(a);
    const other = [...new SyntheticMarket({ ...opts, seed: 12 }).steps()].flatMap((s) => s.bars);
    expect(other[10]?.close).not.toBe(a[10]?.close);
    const fewer = [...new SyntheticMarket({ ...opts, symbols: 2 }).steps()].flatMap((s) => s.bars);
    expect(fewer).toEqual(a.filter((bar) => bar.symbol === 'S001' || bar.symbol === 'S002'));
  });

  it('regime frequencies match the stationary distribution of the chain', () => {
    const transitions = [
      [0.97, 0.01, 0.01, 0.01],
      [0.04, 0.9, 0.03, 0.03],
      [0.02, 0.02, 0.95, 0.01],
      [0.1, 0.1, 0.1, 0.7],
    ];
    const m = new SyntheticMarket({ symbols: 40, bars: 5000, seed: 3, transitions });
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40; i++) for (const r of m.regimePath(i)) counts[r]!++;
    const pi = m.stationary();
    expect(pi[0]).toBeGreaterThan(0.3); // not uniform: the test has teeth
    for (const [j, c] of counts.entries())
      expect(Math.abs(c / 200_000 - pi[j]!)).toBeLessThan(0.02);
    // transitions out of "volatile" happen at about 30 % per bar
    let stays = 0;
    let visits = 0;
    for (let i = 0; i < 40; i++) {
      const p = m.regimePath(i);
      for (let t = 1; t < p.length; t++) {
        if (p[t - 1] !== 3) continue;
        visits++;
        if (p[t] === 3) stays++;
      }
    }
    expect(Math.abs(stays / visits - 0.7)).toBeLessThan(0.03);
  });

  it('generates with the regimes of regimePath, and each regime with its own volatility', () => {
    const m = new SyntheticMarket({
      symbols: 10,
      bars: 3000,
      seed: 5,
      signal: { coefficients: [0, 0] },
    });
    const regimes = [...m.steps()].map((s) => [...s.regimes]);
    for (let i = 0; i < 10; i++) expect(regimes.map((r) => r[i])).toEqual([...m.regimePath(i)]);
    const rets = logReturns(m);
    const paths = rets.map((_, i) => m.regimePath(i));
    for (const [j, name] of REGIMES.entries()) {
      const xs = rets.flatMap((r, i) => r.filter((_, t) => paths[i]![t] === j));
      const sd = Math.sqrt(xs.reduce((a, x) => a + x * x, 0) / xs.length);
      expect(Math.abs(sd / m.spec.regimes[name].volatility - 1)).toBeLessThan(0.1);
    }
  });

  it('market scope: one regime for all symbols at each bar', () => {
    const m = new SyntheticMarket({ symbols: 4, bars: 500, regimeScope: 'market' });
    for (const s of m.steps()) expect(new Set(s.regimes).size).toBe(1);
    expect(m.regimePath(0)).toEqual(m.regimePath(3));
  });

  it('concept drift: the lag-1 relation flips sign exactly at the configured points', () => {
    const m = new SyntheticMarket({
      symbols: 20,
      bars: 3000,
      seed: 9,
      signal: { lookbacks: [1, 5], coefficients: [0.4, 0] },
      drifts: [
        { at: 1000, kind: 'flip' },
        { at: 2000, kind: 'flip' },
      ],
    });
    expect(m.driftPoints().map((d) => [d.bar, d.kind, d.after[0]])).toEqual([
      [1000, 'flip', -0.4],
      [2000, 'flip', 0.4],
    ]);
    expect(m.driftPoints()[0]?.ts).toBe(m.timestamp(1000));
    const rets = logReturns(m);
    expect(lagCorr(m, rets, 0, 1000)).toBeGreaterThan(0.3);
    expect(lagCorr(m, rets, 1000, 2000)).toBeLessThan(-0.3);
    expect(lagCorr(m, rets, 2000, 3000)).toBeGreaterThan(0.3);
  });

  it('rotation moves the signal from one lookback to another; gradual drift interpolates', () => {
    const m = new SyntheticMarket({
      symbols: 20,
      bars: 2000,
      seed: 2,
      signal: { lookbacks: [1, 20], coefficients: [0.4, 0] },
      drifts: [{ at: 1000, kind: 'rotate', angleDeg: 90, over: 200 }],
    });
    expect(m.coefficientsAt(999)).toEqual([0.4, 0]);
    expect(m.coefficientsAt(1100)[0]).toBeCloseTo(0.2, 12);
    expect(m.coefficientsAt(1100)[1]).toBeCloseTo(0.2, 12);
    expect(m.coefficientsAt(1200)[0]).toBeCloseTo(0, 12);
    expect(m.coefficientsAt(1200)[1]).toBeCloseTo(0.4, 12);
    const rets = logReturns(m);
    // before: only the last shock matters; after: the 20-bar momentum, so returns 11–20 bars back predict too
    expect(lagCorr(m, rets, 0, 1000)).toBeGreaterThan(0.3);
    expect(Math.abs(lagCorr(m, rets, 20, 1000, 11, 20))).toBeLessThan(0.05);
    expect(lagCorr(m, rets, 1200, 2000, 11, 20)).toBeGreaterThan(0.15);
  });

  it('common factor: symbols correlate through their loading', () => {
    const high = logReturns(
      new SyntheticMarket({
        symbols: 2,
        bars: 4000,
        seed: 1,
        factorLoading: 0.9,
        regimeScope: 'market',
        signal: { coefficients: [0, 0] },
      }),
    );
    const none = logReturns(
      new SyntheticMarket({
        symbols: 2,
        bars: 4000,
        seed: 1,
        factorLoading: 0,
        regimeScope: 'market',
        signal: { coefficients: [0, 0] },
      }),
    );
    expect(corr(high[0]!, high[1]!)).toBeGreaterThan(0.7); // ρ² = 0.81
    expect(Math.abs(corr(none[0]!, none[1]!))).toBeLessThan(0.06);
  });

  it('jumps come at the configured rate and are part of the truth', () => {
    const steps = [
      ...new SyntheticMarket({
        symbols: 10,
        bars: 5000,
        seed: 4,
        jumps: { probability: 0.01, mean: -0.05, volatility: 0.01 },
      }).steps(),
    ];
    const jumps = steps.flatMap((s) => [...s.jumps]).filter((j) => j !== 0);
    expect(Math.abs(jumps.length / 50_000 - 0.01)).toBeLessThan(0.002);
    expect(Math.abs(jumps.reduce((a, b) => a + b, 0) / jumps.length + 0.05)).toBeLessThan(0.005);
  });

  it('bars are valid: OHLC brackets the close, time steps by the interval, close-only when asked', () => {
    const m = new SyntheticMarket({
      symbols: 3,
      bars: 200,
      start: '2024-01-02T09:30:00Z',
      interval: '1m',
    });
    for (const s of m.steps()) {
      expect(s.ts).toBe(Date.UTC(2024, 0, 2, 9, 30) + s.t * 60_000);
      for (const b of s.bars) {
        expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
        expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
        expect(b.close).toBeGreaterThan(0);
        expect(Number.isInteger(b.volume)).toBe(true);
      }
    }
    const [first] = new SyntheticMarket({ bars: 10, ohlc: false }).steps();
    expect(first?.bars[0]?.open).toBeNaN();
  });

  it('refuses bad options, naming the field', () => {
    const bad: Array<[SyntheticOptions, RegExp]> = [
      [{ bars: 1 }, /`synthetic.bars` to be an integer >= 2, got `1`/],
      [{ symbols: 2.5 }, /`synthetic.symbols` to be an integer >= 1/],
      [{ interval: '3 fortnights' }, /`synthetic.interval`/],
      [{ start: 'someday' }, /`synthetic.start` to be a timestamp/],
      [{ persistence: 1.2 }, /`synthetic.persistence` to be a probability/],
      [{ transitions: [[1]] }, /4×4 matrix/],
      [{ factorLoading: 2 }, /`synthetic.factorLoading` to be a number in \[0, 1\]/],
      [{ signal: { lookbacks: [1, 5], coefficients: [0.3] } }, /one number per lookback/],
      [{ signal: { coefficients: [0.9, 0.9] } }, /norm below 1, got 1.273/],
      [
        { bars: 100, drifts: [{ at: 100, kind: 'flip' }] },
        /`synthetic.drifts\[0\].at` to be a bar index in 1..99, got `100`/,
      ],
      [
        {
          bars: 100,
          drifts: [
            { at: 50, kind: 'flip', over: 20 },
            { at: 60, kind: 'flip' },
          ],
        },
        /`synthetic.drifts\[1\].at` to come after the previous drift ends \(bar 70\)/,
      ],
      [
        { drifts: [{ at: 5, kind: 'set', coefficients: [1] }] },
        /`synthetic.drifts\[0\].coefficients` to have 2 numbers/,
      ],
      [
        { signal: { lookbacks: [3], coefficients: [0.2] }, drifts: [{ at: 5, kind: 'rotate' }] },
        /rotate needs at least two signal lookbacks/,
      ],
    ];
    for (const [opts, message] of bad) {
      expect(() => new SyntheticMarket(opts)).toThrow(InputError);
      expect(() => new SyntheticMarket(opts)).toThrow(message);
    }
    expect(() => new SyntheticMarket({ symbols: 2 }).regimePath('NOPE')).toThrow(
      /unknown synthetic symbol `"NOPE"`/,
    );
  });
});
