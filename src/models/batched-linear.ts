import * as tf from '@tensorflow/tfjs';

/**
 * Per-model linear maps for a batch of models, as one tensor operation:
 * `y[t, n, o] = Σᵢ x[t, i, n] · w[i, n, o]` — model `n` applies its own matrix `w[:, n, :]` to its
 * own column. Layouts: `x` [T, In, N] (model-minor), `w` [In, N, Out], `y` [T, N, Out].
 *
 * Why not `tf.matMul` on [N, T, In] × [N, In, Out]: the batched matmul of the wasm and cpu
 * backends is a plain loop over the batch (≈ 0.7 GMAC/s here), while a depthwise convolution
 * whose channels are the models — height = the input dimension, channel multiplier = the output
 * dimension — runs through XNNPACK on wasm and is 2–3× faster for these shapes. Depthwise
 * convolution has no gradient kernels on wasm, so the gradient is written here with the same
 * trick: `dx = dy · wᵀ` and `dw = Σ_t x ⊗ dy` (time as the convolution height). Each model's
 * output depends only on its own channel, so batching never changes a model's numbers.
 *
 * @example
 * const y = batchedLinear(tf.ones([1, 3, 2]), tf.ones([3, 2, 4])); // [1, 2, 4], all 3
 */
export function batchedLinear(x: tf.Tensor, w: tf.Tensor): tf.Tensor {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xa, wa, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
    save([xa, wa]);
    return {
      value: depthwiseApply(xa, wa),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor3D, tf.Tensor3D];
        const g = dy as tf.Tensor3D;
        const dyT = tf.transpose(g, [0, 2, 1]) as tf.Tensor3D; // [T, Out, N]
        const dx = tf.transpose(
          depthwiseApply(dyT, tf.transpose(ws, [2, 1, 0]) as tf.Tensor3D),
          [0, 2, 1],
        );
        return [dx, sumOverTime(xs, g)];
      },
    };
  });
  return f(x, w);
}

/**
 * y[t, n, o] = Σᵢ x[t, i, n] · w[i, n, o] for x [T, In, N], w [In, N, Out]: a depthwise
 * convolution of height In over N channels with channel multiplier Out.
 */
export function depthwiseApply(x: tf.Tensor, w: tf.Tensor): tf.Tensor3D {
  const [t, inDim, n] = x.shape as [number, number, number];
  const outDim = w.shape[2] as number;
  const input = tf.reshape(x, [t, inDim, 1, n]) as tf.Tensor4D;
  const filter = tf.reshape(w, [inDim, 1, n, outDim]) as tf.Tensor4D;
  return tf.reshape(tf.depthwiseConv2d(input, filter, 1, 'valid'), [t, n, outDim]);
}

/**
 * dw[i, n, o] = Σ_t x[t, i, n] · dy[t, n, o] for x [T, In, N], dy [T, N, Out]: time becomes the
 * convolution height, so the whole sum is one operation.
 */
export function sumOverTime(x: tf.Tensor, dy: tf.Tensor): tf.Tensor3D {
  const [t, inDim, n] = x.shape as [number, number, number];
  const outDim = dy.shape[2] as number;
  const input = tf.reshape(tf.transpose(x, [1, 0, 2]), [inDim, t, 1, n]) as tf.Tensor4D;
  const filter = tf.reshape(dy, [t, 1, n, outDim]) as tf.Tensor4D;
  return tf.reshape(tf.depthwiseConv2d(input, filter, 1, 'valid'), [inDim, n, outDim]);
}
