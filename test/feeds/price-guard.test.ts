import { describe, expect, it } from 'vitest';
import { type Bar, DataError, type EpochMs, type RejectOutcome } from '../../src/core/index.ts';
import type { BarSource } from '../../src/feeds/bar-source.ts';
import { withPriceGuard } from '../../src/feeds/price-guard.ts';

const bar = (symbol: string, t: number, close: number): Bar =>
  ({ symbol, ts: (t * 60_000) as EpochMs, close }) as Bar;

function source(batches: Bar[][]): BarSource {
  return {
    name: 'f.csv',
    symbols: ['A', 'B'],
    async *batches() {
      yield* batches;
    },
  };
}

async function collect(s: BarSource): Promise<Bar[][]> {
  const out: Bar[][] = [];
  for await (const b of s.batches()) out.push([...b]);
  return out;
}

describe('withPriceGuard', () => {
  it('keeps moves up to the ratio, each symbol against its own last accepted close', async () => {
    const batches = [
      [bar('A', 0, 1), bar('B', 0, 1e6)],
      [bar('A', 1, 10_000), bar('B', 1, 100)], // ×10,000 and ÷10,000: exactly at the bound
    ];
    const kept = await collect(withPriceGuard(source(batches), { policy: 'fail' }));
    expect(kept).toEqual(batches);
  });

  it('skip drops a bar beyond the ratio, records why, and compares the next with the last kept', async () => {
    const rejects: RejectOutcome[] = [];
    const guarded = withPriceGuard(
      source([
        [bar('A', 0, 2)],
        [bar('A', 1, 3), bar('B', 1, 5)],
        [bar('A', 2, 100)],
        [bar('A', 3, 4)],
      ]),
      { policy: 'skip', maxRatio: 10, onReject: (r) => rejects.push(r) },
    );
    const kept = await collect(guarded);
    // 3/2 = 1.5 kept; 100/3 = 33.3 > 10 refused (its batch had only it: nothing yielded);
    // 4/3 = 1.33 against the last kept close 3: kept
    expect(kept.map((b) => b.map((x) => `${x.symbol}${x.close}`))).toEqual([
      ['A2'],
      ['A3', 'B5'],
      ['A4'],
    ]);
    expect(rejects).toEqual([
      {
        type: 'reject',
        source: 'f.csv',
        line: 0,
        reason:
          'symbol "A" at 1970-01-01T00:02:00.000Z: close 100 is 33.3 × the previous close 3; one-bar moves beyond ×10 or ÷10 are refused as bad data (data.maxPriceRatio)',
      },
    ]);
  });

  it('fail stops at the first such bar with a DataError naming the source', async () => {
    const guarded = withPriceGuard(source([[bar('A', 0, 1e-308)], [bar('A', 1, 1e308)]]), {
      policy: 'fail',
    });
    const error = await collect(guarded).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toBe(
      'f.csv: symbol "A" at 1970-01-01T00:01:00.000Z: close 1e+308 is about 1e616 × the previous close 1e-308; one-bar moves beyond ×10000 or ÷10000 are refused as bad data (data.maxPriceRatio)',
    );
  });
});
