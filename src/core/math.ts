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
