/** How the e-process groups labels and what effect it is tuned for. */
export interface EProcessConfig {
  /** Label horizon h: blocks are separated by h − 1 labels so no two share a return. */
  readonly horizon: number;
  /**
   * Standardised effect δ = E[d] / sd(d) per label that the mixture is centred on; the
   * mixture covers δ/4 … 2δ.
   */
  readonly effect: number;
}

/** Labels per block: at least 5 (so block means are close to symmetric) and at least h. */
export function blockLength(horizon: number): number {
  return Math.max(5, horizon);
}

/** Multiples of the tuned bet in the mixture (equal weights). */
const GRID = [0.25, 0.5, 1, 2];

/**
 * An anytime-valid e-process for H0: "the loss differentials d have mean ≤ 0" (the
 * challenger is no better), valid for dependent d of the kind overlapping h-bar labels make.
 *
 * Construction. Consecutive d are averaged in blocks of m = max(5, h) labels, and h − 1
 * labels are skipped between blocks, so block means X_j of h-bar labels share no return
 * (for MA(h − 1) differentials they are independent). For each bet size a in a fixed grid the
 * product M_k(a) = Π_j exp(λ_j·X_j − λ_j²·X_j²/2) with the predictable λ_j = a / σ̂_{j−1}
 * (σ̂² the mean of X² over earlier blocks; no bet on the first block) is a nonnegative
 * supermartingale under H0 whenever X_j is conditionally symmetric about a mean ≤ 0
 * (de la Peña 1999: E exp(λX − λ²X²/2) ≤ 1 for symmetric X, any λ). Their average
 * E_k = mean_a M_k(a) is too (Ramdas, Grünwald, Vovk & Shafer 2023, "Game-theoretic
 * statistics and safe anytime-valid inference"), so by Ville's inequality
 * P(sup_k E_k ≥ 1/α) ≤ α: checking after every label does not inflate the error, and
 * 1/sup E is an anytime-valid p-value. The scale-free bet needs no variance assumption.
 *
 * Tuning. The grid is a*·{¼, ½, 1, 2} with a* = δ_b / (1 + δ_b²), δ_b = δ·√m: the
 * growth-optimal bet for a block whose standardised mean is δ_b. O(1) per label, O(1) memory.
 *
 * @example
 * const e = new MixtureEProcess({ horizon: 1, effect: 0.2 });
 * for (let i = 0; i < 200; i++) e.add(0.5 + (i % 2 ? 0.3 : -0.3)); // mean 0.5, sd 0.3
 * e.value > 20; // true: strong evidence the mean is above 0
 */
export class MixtureEProcess {
  readonly block: number;
  private readonly gap: number;
  private readonly bets: Float64Array;
  private readonly logM: Float64Array;
  private inBlock = 0;
  private blockSum = 0;
  private skip = 0;
  private blocks = 0;
  private squares = 0;
  private current = 1;
  private best = 1;

  constructor(config: EProcessConfig) {
    this.block = blockLength(config.horizon);
    this.gap = config.horizon - 1;
    const db = config.effect * Math.sqrt(this.block);
    const star = db / (1 + db * db);
    this.bets = Float64Array.from(GRID, (g) => g * star);
    this.logM = new Float64Array(GRID.length);
  }

  /** Adds one loss differential (positive: the challenger did better on this label). */
  add(d: number): void {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    this.blockSum += d;
    if (++this.inBlock < this.block) return;
    const x = this.blockSum / this.block;
    this.inBlock = 0;
    this.blockSum = 0;
    this.skip = this.gap;
    if (this.blocks > 0 && this.squares > 0) {
      const sigma = Math.sqrt(this.squares / this.blocks);
      for (let i = 0; i < this.bets.length; i++) {
        const lambda = (this.bets[i] as number) / sigma;
        this.logM[i] = (this.logM[i] as number) + lambda * x - (lambda * lambda * x * x) / 2;
      }
    }
    this.blocks++;
    this.squares += x * x;
    let s = 0;
    for (let i = 0; i < this.logM.length; i++) s += Math.exp(this.logM[i] as number);
    this.current = s / this.logM.length;
    if (this.current > this.best) this.best = this.current;
  }

  /** The e-value now: mean over the grid of the products (1 before any evidence). */
  get value(): number {
    return this.current;
  }

  /** The largest e-value so far; 1 / it is an anytime-valid p-value. */
  get max(): number {
    return this.best;
  }

  /** Completed blocks. */
  get blockCount(): number {
    return this.blocks;
  }
}
