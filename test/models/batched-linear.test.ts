import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchedLinear } from '../../src/models/batched-linear.ts';
import { initTfBackend } from '../../src/models/index.ts';

/** The same map with a batched matmul: x [T, In, N], w [In, N, Out] → [T, N, Out]. */
function reference(x: tf.Tensor, w: tf.Tensor): tf.Tensor {
  const xb = tf.transpose(x, [2, 0, 1]); // [N, T, In]
  const wb = tf.transpose(w, [1, 0, 2]); // [N, In, Out]
  return tf.transpose(tf.matMul(xb, wb), [1, 0, 2]);
}

describe('batchedLinear', () => {
  beforeAll(async () => {
    await initTfBackend('cpu');
  });

  it('doc example: ones times ones', () => {
    const y = batchedLinear(tf.ones([1, 3, 2]), tf.ones([3, 2, 4]));
    expect(y.shape).toEqual([1, 2, 4]);
    expect(Array.from(y.dataSync())).toEqual(new Array(8).fill(3));
  });

  it('equals a per-model matmul, values and gradients', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([5, 4, 7], 0, 1, 'float32', 1);
      const w = tf.randomNormal([4, 7, 6], 0, 1, 'float32', 2);
      const c = tf.randomNormal([5, 7, 6], 0, 1, 'float32', 3);
      const close = (a: tf.Tensor, b: tf.Tensor) =>
        expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-5);
      close(batchedLinear(x, w), reference(x, w));
      const g1 = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(batchedLinear(a, b), c)))([
        x,
        w,
      ]);
      const g2 = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(reference(a, b), c)))([
        x,
        w,
      ]);
      close(g1[0] as tf.Tensor, g2[0] as tf.Tensor);
      close(g1[1] as tf.Tensor, g2[1] as tf.Tensor);
    });
  });

  it("a model's output does not depend on the other models in the batch", () => {
    tf.tidy(() => {
      const x = tf.randomNormal([3, 5, 9], 0, 1, 'float32', 4);
      const w = tf.randomNormal([5, 9, 8], 0, 1, 'float32', 5);
      const all = batchedLinear(x, w).dataSync();
      const one = batchedLinear(
        tf.slice(x, [0, 0, 4], [3, 5, 1]),
        tf.slice(w, [0, 4, 0], [5, 1, 8]),
      ).dataSync();
      for (let t = 0; t < 3; t++) {
        for (let o = 0; o < 8; o++) expect(one[t * 8 + o]).toBe(all[(t * 9 + 4) * 8 + o]);
      }
    });
  });
});
