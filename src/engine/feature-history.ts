/**
 * The last `window` feature vectors of one symbol (bounded), flattened oldest first into a new
 * array for each prediction, which then owns it until its label is learned.
 */
export class FeatureHistory {
  private readonly window: number;
  private readonly width: number;
  private readonly data: Float64Array;
  private head = 0;
  private count = 0;

  constructor(window: number, width: number) {
    this.window = window;
    this.width = width;
    this.data = new Float64Array(window * width);
  }

  get full(): boolean {
    return this.count === this.window;
  }

  push(values: Float64Array): void {
    this.data.set(values, this.head * this.width);
    this.head = (this.head + 1) % this.window;
    if (this.count < this.window) this.count++;
  }

  /** A fresh copy of the window, oldest vector first. */
  input(): Float64Array {
    const out = new Float64Array(this.window * this.width);
    if (this.window === 1) {
      out.set(this.data);
      return out;
    }
    for (let i = 0; i < this.window; i++) {
      const src = ((this.head + i) % this.window) * this.width;
      out.set(this.data.subarray(src, src + this.width), i * this.width);
    }
    return out;
  }
}
