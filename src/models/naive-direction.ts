import { LOOP_KERNEL, type ModelSnapshot, type OnlineModel } from './model.ts';

/**
 * Baseline: predicts the same direction as the last bar. Reads the 1-bar log return at
 * `returnIndex` of the feature vector; up → `confidence`, down → 1 - confidence, flat → 0.5.
 * Never learns.
 *
 * @example
 * const naive = new NaiveDirection(0, 0.6);
 * naive.predict(new Float64Array([0.01])); // 0.6
 */
export class NaiveDirection implements OnlineModel {
  readonly kind = 'naive';
  readonly kernel = LOOP_KERNEL;
  readonly inputWindow = 1;
  readonly updates = 0;

  private readonly returnIndex: number;
  private readonly confidence: number;

  constructor(returnIndex: number, confidence = 0.6) {
    this.returnIndex = returnIndex;
    this.confidence = confidence;
  }

  predict(x: Float64Array): number {
    const r = x[this.returnIndex] as number;
    return r > 0 ? this.confidence : r < 0 ? 1 - this.confidence : 0.5;
  }

  learn(): void {}

  snapshot(): ModelSnapshot {
    return {
      kind: this.kind,
      config: { returnIndex: this.returnIndex, confidence: this.confidence },
      arrays: [],
    };
  }

  restore(): void {}

  clone(): NaiveDirection {
    return new NaiveDirection(this.returnIndex, this.confidence);
  }
}
