/**
 * A running sum with Neumaier's compensation — Neumaier, A. (1974), "Rundungsfehleranalyse einiger
 * Verfahren zur Summation endlicher Summen", ZAMM 54(1). The rounding error of every addition is
 * kept in a second term, so a small value added next to a large one is not lost when the large
 * one is later subtracted (a windowed sum after the large value leaves the window). O(1).
 *
 * @example
 * const s = new NeumaierSum();
 * s.add(0.0078125); s.add(5e-19); s.add(-0.0078125);
 * s.value; // 5e-19 (a plain sum gives 0)
 */
export class NeumaierSum {
  private sum = 0;
  private compensation = 0;

  /** The compensated sum. */
  get value(): number {
    return this.sum + this.compensation;
  }

  add(x: number): void {
    const t = this.sum + x;
    this.compensation += Math.abs(this.sum) >= Math.abs(x) ? this.sum - t + x : x - t + this.sum;
    this.sum = t;
  }

  /** Multiplies the sum by `factor` (a fading step). */
  scale(factor: number): void {
    this.sum *= factor;
    this.compensation *= factor;
  }

  reset(): void {
    this.sum = 0;
    this.compensation = 0;
  }
}
