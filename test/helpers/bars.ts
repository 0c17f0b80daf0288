import type { Bar, EpochMs } from '../../src/core/index.ts';

/** A close-only bar for tests. */
export function bar(symbol: string, ts: number, close = 100): Bar {
  return {
    symbol,
    ts: ts as EpochMs,
    open: Number.NaN,
    high: Number.NaN,
    low: Number.NaN,
    close,
    volume: Number.NaN,
  };
}

/** Collects every bar of a source's batches. */
export async function collect(
  batches: AsyncIterable<readonly Bar[]> | Iterable<readonly Bar[]>,
): Promise<Bar[]> {
  const out: Bar[] = [];
  for await (const b of batches) out.push(...b);
  return out;
}
