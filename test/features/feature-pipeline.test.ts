import { describe, expect, it } from 'vitest';
import { FeaturePipeline } from '../../src/features/index.ts';

describe('FeaturePipeline', () => {
  it('doc example', () => {
    const fp = new FeaturePipeline({
      returnLags: [1],
      volatilityWindow: 2,
      emaFast: 2,
      emaSlow: 3,
    });
    for (const c of [100, 110, 99]) fp.update(c);
    expect(fp.ready).toBe(true);
    expect(fp.values()[0]).toBeCloseTo(Math.log(99 / 110), 15);
  });

  it('matches hand-computed returns, volatility and EMA ratio', () => {
    const fp = new FeaturePipeline({
      returnLags: [1, 2],
      volatilityWindow: 3,
      emaFast: 1,
      emaSlow: 3,
    });
    const closes = [100, 102, 101, 105, 104];
    for (const c of closes) fp.update(c);
    const v = fp.values();
    expect(fp.names).toEqual(['ret_1', 'ret_2', 'vol_3', 'ema_ratio']);
    expect(v[0]).toBeCloseTo(Math.log(104 / 105), 14);
    expect(v[1]).toBeCloseTo(Math.log(104 / 101), 14);
    // last three 1-bar log returns
    const r = [Math.log(101 / 102), Math.log(105 / 101), Math.log(104 / 105)];
    const mean = (r[0]! + r[1]! + r[2]!) / 3;
    const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / 2);
    expect(v[2]).toBeCloseTo(sd, 14);
    // EMA span 1 has alpha 1 (= last close); span 3 has alpha 0.5 seeded with the first close
    let slow = 100;
    for (const c of closes.slice(1)) slow += 0.5 * (c - slow);
    expect(slow).toBeCloseTo(103.5, 12);
    expect(v[3]).toBeCloseTo(104 / 103.5 - 1, 12);
  });

  it('is not ready until the longest lag and the window are filled', () => {
    const fp = new FeaturePipeline({
      returnLags: [1, 5],
      volatilityWindow: 3,
      emaFast: 2,
      emaSlow: 4,
    });
    expect(fp.barsNeeded).toBe(6);
    for (let i = 0; i < 5; i++) {
      fp.update(100 + i);
      expect(fp.ready).toBe(false);
    }
    fp.update(106);
    expect(fp.ready).toBe(true);
  });

  it('features at bar t do not change when later bars differ (no look-ahead)', () => {
    const a = new FeaturePipeline();
    const b = new FeaturePipeline();
    const common = Array.from({ length: 40 }, (_, i) => 100 + Math.sin(i) * 3);
    for (const c of common) {
      a.update(c);
      b.update(c);
    }
    expect(Array.from(a.values())).toEqual(Array.from(b.values()));
  });

  it('keeps the rolling volatility exact over a long stream (periodic resync)', () => {
    const fp = new FeaturePipeline({
      returnLags: [1],
      volatilityWindow: 10,
      emaFast: 2,
      emaSlow: 4,
    });
    const closes: number[] = [];
    let p = 100;
    for (let i = 0; i < 10_000; i++) {
      p *= Math.exp(0.01 * Math.sin(i * 1.7));
      closes.push(p);
      fp.update(p);
    }
    const rets = closes
      .slice(-11)
      .map((c, i, a) => (i === 0 ? 0 : Math.log(c / a[i - 1]!)))
      .slice(1);
    const mean = rets.reduce((s, x) => s + x, 0) / rets.length;
    const sd = Math.sqrt(rets.reduce((s, x) => s + (x - mean) ** 2, 0) / (rets.length - 1));
    expect(fp.values()[1]).toBeCloseTo(sd, 12);
  });
});
