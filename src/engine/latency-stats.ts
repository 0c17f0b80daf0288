import { RingBuffer } from '../core/index.ts';

/**
 * Summary of the most recent latency samples (ms) in a bounded ring: count of all samples, and
 * mean, median, 99th percentile and maximum of the last `capacity`. O(1) per sample, O(n log n)
 * per summary.
 *
 * @example
 * const s = new LatencyStats(100);
 * s.add(1); s.add(3);
 * s.summary(); // { count: 2, meanMs: 2, p50Ms: 1, p99Ms: 3, maxMs: 3 }
 */
export class LatencyStats {
  private readonly ring: RingBuffer;
  private total = 0;

  constructor(capacity: number) {
    this.ring = new RingBuffer(capacity);
  }

  add(ms: number): void {
    this.total++;
    this.ring.push(ms);
  }

  summary(): {
    count: number;
    meanMs: number | null;
    p50Ms: number | null;
    p99Ms: number | null;
    maxMs: number | null;
  } {
    if (this.ring.length === 0)
      return { count: 0, meanMs: null, p50Ms: null, p99Ms: null, maxMs: null };
    const sorted = this.ring.stored().slice().sort();
    // nearest-rank percentile
    const q = (p: number): number =>
      sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number;
    const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    return {
      count: this.total,
      meanMs: mean,
      p50Ms: q(0.5),
      p99Ms: q(0.99),
      maxMs: sorted[sorted.length - 1] as number,
    };
  }
}
