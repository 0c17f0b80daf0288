import { describe, expect, it } from 'vitest';
import {
  coefficientPath,
  coefficientsAt,
  parseInterval,
  resolveSyntheticSpec,
} from '../../../src/feeds/index.ts';

describe('coefficientPath and coefficientsAt', () => {
  it('doc examples', () => {
    const path = coefficientPath(
      resolveSyntheticSpec({ bars: 100, drifts: [{ at: 50, kind: 'flip' }] }),
    );
    expect(path).toEqual([{ from: 50, to: 50, before: [0.3, 0], after: [-0.3, 0] }]);
    const out = new Float64Array(2);
    coefficientsAt(path, [0.3, 0], 75, out);
    expect([...out]).toEqual([-0.3, 0]);
  });

  it('abrupt changes take effect at their bar; gradual ones interpolate; set replaces', () => {
    const spec = resolveSyntheticSpec({
      bars: 100,
      drifts: [
        { at: 10, kind: 'flip' },
        { at: 20, kind: 'set', coefficients: [0.1, 0.5], over: 10 },
      ],
    });
    const path = coefficientPath(spec);
    const at = (t: number) => {
      const out = new Float64Array(2);
      coefficientsAt(path, spec.coefficients, t, out);
      return [...out].map((x) => Math.round(x * 1e12) / 1e12);
    };
    expect(at(9)).toEqual([0.3, 0]);
    expect(at(10)).toEqual([-0.3, 0]);
    expect(at(25)).toEqual([-0.1, 0.25]);
    expect(at(30)).toEqual([0.1, 0.5]);
    expect(at(99)).toEqual([0.1, 0.5]);
  });
});

describe('resolveSyntheticSpec and parseInterval', () => {
  it('doc example', () => {
    expect(resolveSyntheticSpec({ symbols: 3, bars: 500 }).transitions[0]).toEqual(
      [0.985, 0.005, 0.005, 0.005].map((p) => expect.closeTo(p, 12)),
    );
  });

  it('fills every default', () => {
    const s = resolveSyntheticSpec();
    expect(s).toMatchObject({
      symbols: 20,
      bars: 2000,
      seed: 42,
      startMs: Date.UTC(2000, 0, 3),
      intervalMs: 86_400_000,
      regimeScope: 'symbol',
      factorLoading: 0.5,
      lookbacks: [1, 5],
      coefficients: [0.3, 0],
      drifts: [],
      ohlc: true,
    });
    expect(resolveSyntheticSpec({ persistence: 0.7 }).transitions[3]).toEqual(
      [0.1, 0.1, 0.1, 0.7].map((p) => expect.closeTo(p, 12)),
    );
  });

  it.each([
    ['1d', 86_400_000],
    ['4h', 14_400_000],
    ['15m', 900_000],
    ['15min', 900_000],
    ['30s', 30_000],
    ['250ms', 250],
    ['1w', 604_800_000],
    [60_000, 60_000],
  ])('parses the interval %j', (text, ms) => {
    expect(parseInterval(text)).toBe(ms);
  });
});
