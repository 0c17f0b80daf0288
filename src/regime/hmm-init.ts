/** Parameters of K Gaussian states, as plain arrays (index = state). */
export interface GaussianStates {
  readonly means: number[];
  readonly variances: number[];
}

/**
 * Deterministic initial states for {@link OnlineGaussianHmm} from a warm-up sample: a Gaussian
 * mixture fitted by EM from two fixed starts — (a) means at the sample's (j + ½)/K quantiles with
 * one shared variance, (b) one shared mean (the median) with variances graded from ¼ to 4 times
 * the sample's — keeping the start with the higher final log-likelihood, so both mean-separated
 * and volatility-separated regimes are found. States come back sorted by variance, then mean.
 * O(iterations · n · K).
 *
 * @example
 * const s = initialGaussianStates([-1, -1.1, -0.9, 1, 1.1, 0.9], 2, 20, 1e-6);
 * s.means; // ≈ [-1, 1] (equal variances, so sorted by mean)
 */
export function initialGaussianStates(
  xs: readonly number[],
  k: number,
  iterations: number,
  varianceFloor: number,
): GaussianStates {
  const n = xs.length;
  const sorted = [...xs].sort((a, b) => a - b);
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const variance = Math.max(varianceFloor, xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
  const median = sorted[Math.floor(n / 2)] as number;
  const quantileStart: GaussianStates = {
    means: Array.from(
      { length: k },
      (_, j) => sorted[Math.min(n - 1, Math.floor(((j + 0.5) / k) * n))] as number,
    ),
    variances: Array.from({ length: k }, () => variance / k),
  };
  const spreadStart: GaussianStates = {
    means: Array.from({ length: k }, () => median),
    variances: Array.from({ length: k }, (_, j) => variance * 0.25 * 16 ** (j / (k - 1))),
  };
  const a = fitMixture(xs, quantileStart, iterations, varianceFloor);
  const b = fitMixture(xs, spreadStart, iterations, varianceFloor);
  const best = b.logLik > a.logLik ? b.states : a.states;
  const order = best.means
    .map((_, j) => j)
    .sort(
      (i, j) =>
        (best.variances[i] as number) - (best.variances[j] as number) ||
        (best.means[i] as number) - (best.means[j] as number),
    );
  return {
    means: order.map((j) => best.means[j] as number),
    variances: order.map((j) => best.variances[j] as number),
  };
}

/** Log density of N(mean, variance) at x. */
export function logNormal(x: number, mean: number, variance: number): number {
  return -0.5 * (Math.log(2 * Math.PI * variance) + ((x - mean) * (x - mean)) / variance);
}

function fitMixture(
  xs: readonly number[],
  start: GaussianStates,
  iterations: number,
  floor: number,
): { states: GaussianStates; logLik: number } {
  const k = start.means.length;
  const means = [...start.means];
  const vars = [...start.variances];
  const weights = Array.from({ length: k }, () => 1 / k);
  const resp = new Float64Array(k);
  let logLik = -Infinity;
  for (let it = 0; it <= iterations; it++) {
    const n0 = new Float64Array(k);
    const n1 = new Float64Array(k);
    const n2 = new Float64Array(k);
    logLik = 0;
    for (const x of xs) {
      let max = -Infinity;
      for (let j = 0; j < k; j++) {
        resp[j] =
          Math.log(weights[j] as number) + logNormal(x, means[j] as number, vars[j] as number);
        max = Math.max(max, resp[j] as number);
      }
      let z = 0;
      for (let j = 0; j < k; j++) z += resp[j] = Math.exp((resp[j] as number) - max);
      logLik += max + Math.log(z);
      for (let j = 0; j < k; j++) {
        const r = (resp[j] as number) / z;
        n0[j] = (n0[j] as number) + r;
        n1[j] = (n1[j] as number) + r * x;
        n2[j] = (n2[j] as number) + r * x * x;
      }
    }
    if (it === iterations) break;
    for (let j = 0; j < k; j++) {
      const w = n0[j] as number;
      if (w < 1e-9) continue; // an empty state keeps its parameters
      weights[j] = w / xs.length;
      means[j] = (n1[j] as number) / w;
      vars[j] = Math.max(floor, (n2[j] as number) / w - (means[j] as number) ** 2);
    }
  }
  return { states: { means, variances: vars }, logLik };
}
