import { describe, expect, it } from 'vitest';
import { type Bar, InputError, createRandom, epochMs } from '../../src/core/index.ts';
import { QualityChecker, type QualityCheckerConfig } from '../../src/features/index.ts';

const bar = (ts: number, close: number, extra: Partial<Bar> = {}): Bar => ({
  symbol: 'X',
  ts: epochMs(ts),
  open: Number.NaN,
  high: Number.NaN,
  low: Number.NaN,
  close,
  volume: Number.NaN,
  ...extra,
});
const config: QualityCheckerConfig = {
  staleCount: 3,
  outlierK: 5,
  outlierWindow: 20,
  gapFactor: 3,
};
const DAY = 86_400_000;

describe('QualityChecker', () => {
  it('doc example', () => {
    const q = new QualityChecker({ staleCount: 3, outlierK: 5, outlierWindow: 20, gapFactor: 3 });
    q.update(bar(0, 10));
    q.update(bar(1, 10));
    expect(q.update(bar(2, 10)).map((i) => i.kind)).toEqual(['stale']);
  });

  it('flags NaN and infinite values as critical and keeps them out of its windows', () => {
    const q = new QualityChecker(config);
    expect(q.update(bar(0, Number.NaN))).toEqual([
      { kind: 'nan', severity: 'critical', message: 'X 1970-01-01: close is NaN' },
    ]);
    expect(q.update(bar(1, Number.POSITIVE_INFINITY))[0]).toMatchObject({
      kind: 'infinite',
      severity: 'critical',
    });
    expect(q.update(bar(2, 5, { volume: Number.NEGATIVE_INFINITY }))[0]).toMatchObject({
      kind: 'infinite',
      message: 'X 1970-01-01T00:00:00.002Z: volume is -Infinity',
    });
    expect(q.update(bar(3, -1))[0]).toMatchObject({ kind: 'outlier', severity: 'critical' });
    expect(q.update(bar(4, 5, { open: Number.NaN }))).toEqual([]); // NaN open means "not provided"
  });

  it('flags stale prices from staleCount on, critical at twice as many', () => {
    const q = new QualityChecker(config);
    const sev = [100, 100, 100, 100, 100, 100, 101].map(
      (c, i) => q.update(bar(i * DAY, c)).find((x) => x.kind === 'stale')?.severity,
    );
    expect(sev).toEqual([
      undefined,
      undefined,
      'warning',
      'warning',
      'warning',
      'critical',
      undefined,
    ]);
  });

  it('flags a return beyond k robust sds (hand-computed MAD)', () => {
    const q = new QualityChecker({ ...config, outlierWindow: 4 });
    // closes giving log returns ln(1.01), ln(0.99), ln(1.01), ln(0.99): median ≈ 0, MAD ≈ 0.01
    let c = 100;
    const closes = [c];
    for (const g of [1.01, 0.99, 1.01, 0.99]) {
      c *= g;
      closes.push(c);
    }
    for (const [i, x] of closes.entries()) expect(q.update(bar(i * DAY, x))).toEqual([]);
    const r = [Math.log(1.01), Math.log(0.99), Math.log(1.01), Math.log(0.99)].sort(
      (a, b) => a - b,
    );
    const med = (r[1]! + r[2]!) / 2;
    const mad = [...r.map((x) => Math.abs(x - med))]
      .sort((a, b) => a - b)
      .slice(1, 3)
      .reduce((s, x) => s + x / 2, 0);
    const sd = 1.482602218505602 * mad;
    const jump = c * Math.exp(med + 6 * sd); // 6 sds: warning (5 < 6 ≤ 10)
    expect(q.update(bar(5 * DAY, jump))).toMatchObject([{ kind: 'outlier', severity: 'warning' }]);
    const q2 = new QualityChecker({ ...config, outlierWindow: 4 });
    for (const [i, x] of closes.entries()) q2.update(bar(i * DAY, x));
    expect(q2.update(bar(5 * DAY, c * Math.exp(med + 11 * sd)))).toMatchObject([
      { kind: 'outlier', severity: 'critical' },
    ]);
    expect(q2.update(bar(6 * DAY, c * Math.exp(med + 11 * sd) * 1.001))).toEqual([]);
  });

  it('rarely flags outliers on Gaussian returns', () => {
    const q = new QualityChecker({ ...config, outlierWindow: 100 });
    const rng = createRandom(1);
    let c = 100;
    let flagged = 0;
    for (let i = 0; i < 5000; i++) {
      c *= Math.exp(0.01 * rng.normal());
      flagged += q.update(bar(i * DAY, c)).filter((x) => x.kind === 'outlier').length;
    }
    expect(flagged).toBeLessThanOrEqual(2); // P(|z| > 5) ≈ 6e-7
  });

  it('flags a gap larger than gapFactor × the median spacing', () => {
    const q = new QualityChecker(config);
    const ts = [0, 1, 2, 3, 4, 8, 9, 16].map((d) => d * DAY);
    const out = ts.map((t, i) => q.update(bar(t, 100 + i)).find((x) => x.kind === 'gap'));
    expect(out.slice(0, 5)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(out[5]).toMatchObject({ kind: 'gap', severity: 'warning' }); // 4 days > 3 × 1
    expect(out[5]?.message).toBe(
      'X 1970-01-09: 345600000 ms since the previous bar, 4.0× the median spacing (about 3 bars missing)',
    );
    expect(out[6]).toBeUndefined();
    expect(out[7]).toMatchObject({ severity: 'critical' }); // 7 days > 6 × 1
  });

  it('rejects bad config with the field named', () => {
    expect(() => new QualityChecker({ ...config, staleCount: 1 })).toThrow(InputError);
    expect(() => new QualityChecker({ ...config, gapFactor: 0.5 })).toThrow(
      'Expected `quality.gapFactor` to be a finite number > 1, got `0.5` (number)',
    );
  });
});
