import { RingBuffer } from '../core/index.ts';

/**
 * The last `window` feature vectors of one symbol (bounded), copied oldest first into the input
 * buffer of each prediction.
 */
export class FeatureHistory {
  private readonly rows: RingBuffer;

  constructor(window: number, width: number) {
    this.rows = new RingBuffer(window, width);
  }

  get full(): boolean {
    return this.rows.full;
  }

  push(values: Float64Array): void {
    this.rows.pushRow(values);
  }

  /** Copies the window into `out` (length window × width), oldest vector first. */
  inputInto(out: Float64Array): Float64Array {
    return this.rows.copyInto(out);
  }
}
