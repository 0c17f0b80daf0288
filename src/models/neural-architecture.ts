import type * as tf from '@tensorflow/tfjs';
import type { AdaptiveLrConfig } from './adaptive-lr.ts';
import type { ModelTarget } from './model.ts';

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
}
