import { assert, RingBuffer } from '../core/index.ts';

/**
 * The last `capacity` values pushed, kept both in arrival order and sorted, for rolling medians
 * and median absolute deviations. push is O(log n) search plus an O(n) memmove at most (of
 * the values between the evicted value and the new one); median O(1);
 * MAD O(n). Memory never grows past `capacity`.
 *
 * @example
 * const w = new SortedWindow(3);
 * for (const x of [5, 1, 9, 3]) w.push(x); // 5 has left
 * w.median(); // 3
 * w.mad();    // median of |1−3|, |3−3|, |9−3| = 2
 */
export class SortedWindow {
  readonly capacity: number;
  /** The values in arrival order. */
  private readonly ring: RingBuffer;
  private readonly sorted: Float64Array;
  /** Values in `sorted` (equals the ring's length between pushes). */
  private count = 0;

  constructor(capacity: number) {
    assert(
      Number.isInteger(capacity) && capacity > 0,
      `window capacity must be a positive integer, got ${capacity}`,
    );
    this.capacity = capacity;
    this.ring = new RingBuffer(capacity);
    this.sorted = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  /** Adds a (finite) value, evicting the oldest when full. */
  push(x: number): void {
    const full = this.ring.full;
    const old = this.ring.push(x);
    const s = this.sorted;
    if (full) {
      // Replace the evicted value in place, moving only the values between its slot and x's:
      // the same array as removing it and inserting x, without two O(n) moves per push (none
      // for a value equal to the evicted one, as a regular bar spacing is).
      const i = this.lowerBound(old);
      if (x > old) {
        const j = this.lowerBound(x);
        s.copyWithin(i, i + 1, j);
        s[j - 1] = x;
        return;
      }
      if (x < old) {
        const j = this.lowerBound(x);
        s.copyWithin(j + 1, j, i);
        s[j] = x;
        return;
      }
      if (x === old) {
        s[i] = x;
        return;
      }
      s.copyWithin(i, i + 1, this.count);
      this.count--;
    }
    const at = this.lowerBound(x);
    s.copyWithin(at + 1, at, this.count);
    s[at] = x;
    this.count++;
  }

  /** Median of the values held (NaN when empty). */
  median(): number {
    const n = this.count;
    if (n === 0) return Number.NaN;
    const mid = n >> 1;
    return n % 2
      ? (this.sorted[mid] as number)
      : ((this.sorted[mid - 1] as number) + (this.sorted[mid] as number)) / 2;
  }

  /**
   * A lower bound of {@link mad} in O(1): min(median − x₍⌊n/4⌋₎, x₍n−1−⌊n/4⌋₎ − median). Values
   * closer to the median than that lie strictly between those two order statistics, which are at
   * most ⌊(n−1)/2⌋ values, so the middle deviation(s) cannot be smaller. NaN when empty.
   */
  madLowerBound(): number {
    const n = this.count;
    if (n === 0) return Number.NaN;
    const med = this.median();
    const q = n >> 2;
    return Math.min(med - (this.sorted[q] as number), (this.sorted[n - 1 - q] as number) - med);
  }

  /** Median absolute deviation from the median (NaN when empty). */
  mad(): number {
    const n = this.count;
    if (n === 0) return Number.NaN;
    const med = this.median();
    // Deviations in ascending order: merge the left half walked down and the right half walked
    // up, stopping at the middle one (no allocation, n/2 steps).
    let i = this.lowerBound(med) - 1;
    let j = i + 1;
    const mid = n >> 1;
    let previous = Number.NaN;
    for (let k = 0; ; k++) {
      const left = i >= 0 ? med - (this.sorted[i] as number) : Infinity;
      const right = j < n ? (this.sorted[j] as number) - med : Infinity;
      let d: number;
      if (left <= right) {
        d = left;
        i--;
      } else {
        d = right;
        j++;
      }
      if (k === mid) return n % 2 ? d : (previous + d) / 2;
      previous = d;
    }
  }

  /** First index whose value is ≥ x. */
  private lowerBound(x: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sorted[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
