import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Book, type BookConfig, type PeriodResult } from '../../src/backtest/index.ts';
import { fcParams } from './fc-params.ts';

/** One bar as generated: close-to-close return, the open's gap from the previous close. */
interface BarSpec {
  readonly ret: number;
  readonly gap: number;
  readonly hasOpen: boolean;
}

const barArb: fc.Arbitrary<BarSpec> = fc.record({
  ret: fc.double({ min: -0.2, max: 0.2, noNaN: true }),
  gap: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
  hasOpen: fc.boolean(),
});

const configArb: fc.Arbitrary<BookConfig> = fc.record({
  costBps: fc.constantFrom(0, 1, 10),
  slippageBps: fc.constantFrom(0, 5),
  slippageVolMultiplier: fc.constantFrom(0, 0.5),
  fill: fc.constantFrom('next_close' as const, 'next_open' as const),
});

const targetArb = fc.double({ min: -2, max: 2, noNaN: true });

function toPrices(specs: readonly BarSpec[]): Array<{ open: number; close: number }> {
  let prev = 100;
  return specs.map((s, i) => {
    const open = i > 0 && s.hasOpen ? prev * (1 + s.gap) : Number.NaN;
    prev *= 1 + s.ret;
    return { open, close: prev };
  });
}

/**
 * Runs a causal strategy: at bar t it orders `base[t]` plus a momentum tilt from the closes up
 * to t, and passes a trailing volatility (|return of bar t−1|, known before bar t).
 */
function run(
  config: BookConfig,
  specs: readonly BarSpec[],
  base: readonly number[],
): PeriodResult[] {
  const book = new Book(config);
  const prices = toPrices(specs);
  return prices.map(({ open, close }, t) => {
    const c1 = prices[t - 1]?.close ?? Number.NaN;
    const c2 = prices[t - 2]?.close ?? Number.NaN;
    const result = book.onBar(open, close, Math.abs(c1 / c2 - 1));
    const tilt = Number.isNaN(c1) ? 0 : Math.sign(close - c1) * 0.5;
    book.order((base[t % base.length] as number) + tilt);
    return result;
  });
}

describe('Book properties (no look-ahead)', () => {
  it('the results up to bar t are identical whatever prices come after t', () => {
    const arb = fc.record({
      config: configArb,
      path: fc.array(barArb, { minLength: 2, maxLength: 30 }),
      suffix: fc.array(barArb, { minLength: 1, maxLength: 10 }),
      base: fc.array(targetArb, { minLength: 1, maxLength: 30 }),
      cut: fc.nat(),
    });
    fc.assert(
      fc.property(arb, ({ config, path, suffix, base, cut }) => {
        const t = cut % path.length;
        const other = [...path.slice(0, t + 1), ...suffix];
        const a = run(config, path, base).slice(0, t + 1);
        const b = run(config, other, base).slice(0, t + 1);
        expect(b).toEqual(a);
      }),
      fcParams(300),
    );
  });

  it('changing the order decided at bar t changes nothing at bars <= t, nor bar t+1 gross of a close fill', () => {
    const arb = fc.record({
      config: configArb,
      path: fc.array(barArb, { minLength: 3, maxLength: 25 }),
      base: fc.array(targetArb, { minLength: 1, maxLength: 25 }),
      cut: fc.nat(),
      other: targetArb,
    });
    fc.assert(
      fc.property(arb, ({ config, path, base, cut, other }) => {
        const n = path.length;
        const t = cut % (n - 1);
        // Base targets spelled out per bar, then the order at t replaced.
        const baseA = Array.from({ length: n }, (_, i) => base[i % base.length] as number);
        const baseB = baseA.map((x, i) => (i === t ? other : x));
        const a = run(config, path, baseA);
        const b = run(config, path, baseB);
        expect(b.slice(0, t + 1)).toEqual(a.slice(0, t + 1));
        const fill = a[t + 1]?.fill;
        if (config.fill === 'next_close' || fill === 'close') {
          // Filled at bar t+1's close: the new position earns nothing in bar t+1.
          const ga = (a[t + 1] as PeriodResult).pnl + (a[t + 1] as PeriodResult).cost;
          const gb = (b[t + 1] as PeriodResult).pnl + (b[t + 1] as PeriodResult).cost;
          expect(gb).toBeCloseTo(ga, 12);
        }
      }),
      fcParams(300),
    );
  });

  it('matches a reference with explicit lags: an order decided at t earns from t+2 (close) or t+1 open (open)', () => {
    const arb = fc.record({
      fill: fc.constantFrom('next_close' as const, 'next_open' as const),
      specs: fc.array(
        barArb.map((b) => ({ ...b, hasOpen: true })),
        { minLength: 2, maxLength: 30 },
      ),
      targets: fc.array(targetArb, { minLength: 30, maxLength: 30 }),
    });
    fc.assert(
      fc.property(arb, ({ fill, specs, targets }) => {
        const book = new Book({ costBps: 0, slippageBps: 0, fill });
        const prices = toPrices(specs);
        prices.forEach(({ open, close }, s) => {
          const got = book.onBar(open, close).pnl;
          book.order(targets[s] as number);
          if (s === 0) {
            expect(got).toBe(0);
            return;
          }
          const prev = (prices[s - 1] as { close: number }).close;
          const h = s >= 2 ? (targets[s - 2] as number) : 0; // held since bar s−1's fill
          const q = targets[s - 1] as number; // decided at s−1, filled in bar s
          const want =
            fill === 'next_close' || q === h
              ? h * (close / prev - 1)
              : (1 + h * (open / prev - 1)) * (1 + q * (close / open - 1)) - 1;
          expect(got).toBeCloseTo(want, 12);
        });
      }),
      fcParams(200),
    );
  });
});
