import type { Bar } from '../core/index.ts';
import type { BarSource, GapHandler } from './bar-source.ts';
import { GapDetector, type GapDetectorOptions } from './gap-detector.ts';

/**
 * Wraps a source so that gaps in each symbol's bars (see {@link GapDetector}) are reported to
 * `onGap` as the bars stream by — when the first bar after the gap is replayed, as a live feed
 * would notice it. The bars themselves pass through unchanged. Each `batches()` call starts a
 * fresh detector.
 *
 * @example
 * const source = withGapDetection(loadCsv('prices.csv'), (gap) => alerts.push(gap.message));
 */
export function withGapDetection(
  source: BarSource,
  onGap: GapHandler,
  options: GapDetectorOptions = {},
): BarSource {
  new GapDetector(source.name, options); // validates the options now, not at the first batch
  return {
    name: source.name,
    symbols: source.symbols,
    async *batches(): AsyncGenerator<readonly Bar[]> {
      const detector = new GapDetector(source.name, options);
      for await (const batch of source.batches()) {
        for (const bar of batch) {
          const gap = detector.observe(bar.symbol, bar.ts);
          if (gap !== undefined) onGap(gap);
        }
        yield batch;
      }
    },
  };
}
