const EPS = 1e-12;

/**
 * Binary cross-entropy of a probability `p` against a 0/1 label, with p clipped to
 * [1e-12, 1 - 1e-12] so a confident miss costs about 27.6 nats, not infinity.
 *
 * @example
 * logLoss(0.5, 1); // Math.LN2
 */
export function logLoss(p: number, y: number): number {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return y === 1 ? -Math.log(q) : -Math.log(1 - q);
}

/**
 * Logistic function, numerically stable for large |x|.
 *
 * @example
 * sigmoid(0); // 0.5
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * Standard normal cumulative distribution Φ(z), via the complementary error function
 * (W. J. Cody's rational Chebyshev approximation as in Numerical Recipes' erfc, |error| < 1.2e-7).
 *
 * @example
 * normalCdf(0); // 0.5
 * normalCdf(1.959963984540054); // ≈ 0.975
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * F1 score from confusion counts (possibly weighted): the harmonic mean of precision and recall,
 * F1 = 2·TP / (2·TP + FP + FN). The one convention of the code base (metrics, summary.json, the
 * report, the DuckDB views through the same formula in SQL): 0 when there are predicted or actual
 * positives but no true positive; undefined (NaN here, NULL in SQL and null in JSON) when
 * 2·TP + FP + FN = 0, i.e. nothing was predicted positive and nothing was positive — true
 * negatives alone say nothing about F1. Computed as 2PR/(P + R) when TP > 0, which keeps recorded
 * values bit for bit (the SQL form, `f1Sql` in store/, evaluates the same operations).
 *
 * @example
 * f1Score(2, 1, 1); // 2/3
 * f1Score(0, 3, 0); // 0
 * f1Score(0, 0, 0); // NaN
 */
export function f1Score(tp: number, fp: number, fn: number): number {
  if (tp > 0) {
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const sum = precision + recall;
    // Both underflow to 0 only for a subnormal (long-faded) tp: then F1 is 0 to double precision.
    return sum > 0 ? (2 * precision * recall) / sum : (2 * tp) / (2 * tp + fp + fn);
  }
  return 2 * tp + fp + fn > 0 ? 0 : Number.NaN;
}
