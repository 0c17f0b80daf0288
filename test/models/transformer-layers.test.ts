import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTfBackend } from '../../src/models/index.ts';
import {
  attention,
  layerNorm,
  positionalEncoding,
  positionRows,
} from '../../src/models/transformer-layers.ts';

describe('transformer layers', () => {
  beforeAll(async () => {
    await initTfBackend('cpu');
  });

  it('doc example: positional encoding shape and values', () => {
    const pe = positionalEncoding(4, 8);
    expect(pe.shape).toEqual([4, 1, 8]);
    const v = pe.dataSync();
    expect(v[0]).toBe(0); // sin(0)
    expect(v[1]).toBe(1); // cos(0)
    expect(v[8]).toBeCloseTo(Math.sin(1), 6);
    pe.dispose();
  });

  it('doc example: positionRows encodes any positions, as the window encoding does', () => {
    expect(positionRows([0, 7], 4).length).toBe(8);
    const pe = positionalEncoding(8, 4);
    const rows = positionRows([0, 7], 4);
    expect(Array.from(rows.slice(4))).toEqual(Array.from(pe.dataSync().slice(28, 32)));
    pe.dispose();
  });

  it('a −1e9 mask removes a position from the attention', () => {
    tf.tidy(() => {
      const q = tf.tensor3d([1, 0.5], [1, 1, 2]);
      const k = tf.tensor3d([0.3, -1, 2, 0.1, 0.7, 0.7], [3, 1, 2]);
      const v = tf.tensor3d([1, 2, 3, 4, 5, 6], [3, 1, 2]);
      const masked = attention(q, k, v, 1, tf.tensor3d([-1e9, 0, 0], [1, 1, 3]));
      const kept = attention(q, tf.slice(k, [1, 0, 0]), tf.slice(v, [1, 0, 0]), 1);
      const [a, b] = [masked.dataSync(), kept.dataSync()];
      expect(a[0]).toBeCloseTo(b[0] as number, 6);
      expect(a[1]).toBeCloseTo(b[1] as number, 6);
    });
  });

  it('attention equals per-model, per-head softmax(QKᵀ/√d)·V', () => {
    tf.tidy(() => {
      const [w, n, d, heads] = [3, 2, 4, 2];
      const q = tf.randomNormal([1, n, d], 0, 1, 'float32', 1);
      const k = tf.randomNormal([w, n, d], 0, 1, 'float32', 2);
      const v = tf.randomNormal([w, n, d], 0, 1, 'float32', 3);
      const got = attention(q, k, v, heads).arraySync() as number[][][];
      // element [t, m, c] of a [T, N, D] tensor's values
      const at = (a: Float32Array | Int32Array | Uint8Array, t: number, m: number, c: number) =>
        a[(t * n + m) * d + c] as number;
      const [Q, K, V] = [q.dataSync(), k.dataSync(), v.dataSync()];
      const dh = d / heads;
      for (let m = 0; m < n; m++) {
        for (let h = 0; h < heads; h++) {
          const cols = [...Array(dh).keys()].map((e) => h * dh + e);
          const scores = [...Array(w).keys()].map(
            (j) => cols.reduce((s, c) => s + at(Q, 0, m, c) * at(K, j, m, c), 0) / Math.sqrt(dh),
          );
          const max = Math.max(...scores);
          const ex = scores.map((s) => Math.exp(s - max));
          const z = ex.reduce((a, b) => a + b, 0);
          for (const c of cols) {
            const expected = ex.reduce((s, e, j) => s + (e / z) * at(V, j, m, c), 0);
            expect(got[0]?.[m]?.[c]).toBeCloseTo(expected, 5);
          }
        }
      }
    });
  });

  it('layer norm gives zero mean and unit variance per model and bar', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([2, 3, 8], 5, 3, 'float32', 7);
      const y = layerNorm(x, tf.ones([1, 3, 8]), tf.zeros([1, 3, 8]));
      const { mean, variance } = tf.moments(y, -1);
      expect(tf.max(tf.abs(mean)).dataSync()[0]).toBeLessThan(1e-5);
      expect(tf.max(tf.abs(tf.sub(variance, 1))).dataSync()[0]).toBeLessThan(1e-3);
    });
  });
});
