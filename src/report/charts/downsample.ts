/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013, "Downsampling Time Series for
 * Visual Representation", MSc thesis, University of Iceland): keeps the first and last point
 * and, from each of `threshold − 2` equal buckets in between, the point that forms the largest
 * triangle with the point kept before and the mean of the next bucket. Preserves peaks and
 * troughs far better than keeping every k-th point. O(n).
 *
 * @param xs strictly increasing x values (epoch ms).
 * @param ys the y values, same length; non-finite values are kept as they are only when chosen.
 * @param threshold the number of points to keep (all points when n <= threshold or threshold < 3).
 * @returns the indices of the kept points, increasing.
 * @example
 * lttbIndices([0, 1, 2, 3, 4], [0, 5, 0, -5, 0], 3); // [0, 1, 4]: the peak at x = 1 survives
 */
export function lttbIndices(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  threshold: number,
): number[] {
  const n = xs.length;
  if (threshold >= n || threshold < 3) return Array.from({ length: n }, (_, i) => i);
  const kept: number[] = [0];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += xs[j] as number;
      avgY += finite(ys[j] as number);
    }
    const len = nextEnd - nextStart;
    avgX /= len;
    avgY /= len;
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const ax = xs[a] as number;
    const ay = finite(ys[a] as number);
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs(
        (ax - avgX) * (finite(ys[j] as number) - ay) - (ax - (xs[j] as number)) * (avgY - ay),
      );
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    kept.push(best);
    a = best;
  }
  kept.push(n - 1);
  return kept;
}

function finite(v: number): number {
  return Number.isFinite(v) ? v : 0;
}

/**
 * Downsamples an (x, y) series to at most `threshold` [x, y] pairs with {@link lttbIndices}.
 *
 * @example
 * downsample([0, 1, 2, 3, 4], [0, 5, 0, -5, 0], 3); // [[0, 0], [1, 5], [4, 0]]
 */
export function downsample(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  threshold: number,
): [number, number][] {
  return lttbIndices(xs, ys, threshold).map((i) => [xs[i] as number, ys[i] as number]);
}
