import type * as tf from '@tensorflow/tfjs';
import type { AdaptiveLrConfig } from './adaptive-lr.ts';
import type { ModelTarget } from './model.ts';
import type { StreamCache } from './stream-cache.ts';

/** Training settings shared by the neural models (LSTM, transformer). */
export interface NeuralTraining {
  /** Features per bar (F). */
  readonly features: number;
  /** Bars the model reads (W); its input is W × F numbers, oldest bar first. */
  readonly window: number;
  /** Base learning rate of the optimiser. */
  readonly learningRate: number;
  /** `adam` (default) or plain `sgd` (used by the gradient checks). */
  readonly optimizer: 'adam' | 'sgd';
  /** L2 penalty on weight matrices (not biases or norm gains). */
  readonly l2: number;
  /** Per-model global gradient-norm clip; 0 disables. */
  readonly clipNorm: number;
  /** Standardise each feature with the model's running mean and variance. */
  readonly standardize: boolean;
  readonly adaptiveLr: AdaptiveLrConfig;
  /** `direction`: sigmoid head, log loss. `return`: linear head, squared error. */
  readonly target: ModelTarget;
  /** The streaming formulation (state carried from bar to bar); absent or false: the window one. */
  readonly stateful?: boolean;
  /** Stateful: most steps between a prediction and its label that are learned from the cache. */
  readonly labelLag?: number;
}

/** How a parameter is initialised. */
export type ParamInit = 'glorot' | 'zeros' | 'ones';

/**
 * One per-model parameter, a `rows × cols` matrix (a vector has rows = 1). Batched, it is the
 * tensor [rows, N, cols]: a bias [1, N, cols] broadcasts over a time-major [T, N, cols] tensor.
 */
export interface ParamSpec {
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  readonly init: ParamInit;
  /** Whether the L2 penalty applies. */
  readonly decay: boolean;
}

/** The numbers of one batched call, as the bank gathered them. */
export interface BatchData {
  /** Number of models in the batch (N). */
  readonly n: number;
  /** Standardised inputs, layout [W, F, N] (bar, feature, model): model-minor, as convolutions want. */
  readonly input: Float32Array;
  /** Parameters, one [rows, N, cols] array per {@link NeuralArchitecture.params} entry. */
  readonly params: readonly Float32Array[];
}

/**
 * A neural model family that a {@link NeuralBank} can run for many models at once. It only
 * describes shapes and the batched computation; the bank owns the numbers.
 */
export interface NeuralArchitecture {
  readonly kind: string;
  readonly training: NeuralTraining;
  /** Full configuration, recorded in snapshots (JSON-serialisable). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly params: readonly ParamSpec[];
  /**
   * Output (logit for direction, forecast for return) of N models, shape [N].
   * @param p batched parameters as tensors, one [rows, N, cols] tensor per {@link params} entry.
   */
  forward(p: readonly tf.Tensor[], data: BatchData): tf.Tensor;
  /**
   * The function the gradient is taken of, for a training step: it gets the same tensors as `p`
   * and returns the outputs [N]. It may compute, outside the gradient tape, parts that must not
   * receive gradient (the truncated-BPTT prefix of the LSTM) or constants for the backward pass.
   */
  trainingForward(p: readonly tf.Tensor[], data: BatchData): (params: tf.Tensor[]) => tf.Tensor;
  /** The streaming formulation (`stateful: true`); absent for window-only models. */
  readonly stream?: StreamArchitecture;
}

/** The N streams of a batched streaming call, as the bank gathered them. */
export interface StreamBatch {
  /** Number of models (N). */
  readonly n: number;
  /** Where the streams live (the bank's slots, or scratch streams). */
  readonly cache: StreamCache;
  /** Stream index of each model in `cache`. */
  readonly streams: readonly number[];
  /** `step`: the new bars, standardised, layout [F, N] (empty when learning). */
  readonly input: Float32Array;
  /** `step`: parameters, one [rows, N, cols] array per parameter (as {@link BatchData.params}). */
  readonly params: readonly Float32Array[];
  /** Each model's parameter vector (parameters in order, each row-major), a view: no copy. */
  readonly weights: readonly Float32Array[];
}

/**
 * A streaming (stateful) formulation: one step per bar from a carried state and cached records
 * of earlier steps, and learning from cached records. Its bank keeps, per model, the carry and
 * a ring of `capacity` records of `recordSize` Float32 numbers ({@link StreamCache}).
 */
export interface StreamArchitecture {
  readonly carrySize: number;
  readonly recordSize: number;
  readonly capacity: number;
  /**
   * One step of N streams whose new record (age 0) has been pushed: writes that record and the
   * carry, returns the outputs z [N] (logits for direction).
   */
  step(p: readonly tf.Tensor[], batch: StreamBatch): Float32Array;
  /**
   * The gradient, one [rows, N, cols] tensor per parameter, of each model's loss on label
   * `ys[i]` of its cached step `ages[i]` steps before its newest. `p()` makes the parameter
   * tensors, for a formulation that needs them (they cost a copy of every weight).
   */
  gradients(
    batch: StreamBatch,
    ages: readonly number[],
    ys: Float32Array,
    p: () => readonly tf.Tensor[],
  ): tf.Tensor[];
}
