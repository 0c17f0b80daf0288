/**
 * The last `window` feature vectors of one symbol (bounded), copied oldest first into the input
 * buffer of each prediction.
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

  /** Copies the window into `out` (length window × width), oldest vector first. */
  inputInto(out: Float64Array): Float64Array {
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
