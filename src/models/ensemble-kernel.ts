import { assert } from '../core/index.ts';
import { learnGrouped, predictGrouped } from './kernel-groups.ts';
import type { ModelKernel, OnlineModel } from './model.ts';

/** What the ensemble kernel needs from an ensemble (implemented by `Ensemble`). */
export interface EnsembleLike extends OnlineModel {
  readonly members: readonly OnlineModel[];
  readonly frozen: boolean;
  /** The input of each member: the tail of `x` that fits its window. */
  memberInputs(x: Float64Array): Float64Array[];
  /** Weighted combination of the member predictions `preds[from .. from + members)`. */
  combine(preds: Float64Array, from: number): number;
  /** Updates the weights from the members' pre-update predictions and the label. */
  observe(preds: Float64Array, from: number, y: number): void;
}

function isEnsemble(m: OnlineModel): m is EnsembleLike {
  return m.kind === 'ensemble' && Array.isArray((m as Partial<EnsembleLike>).members);
}

/** Flattens the member requests of `models` (ensembles) into one list; returns each ensemble's start. */
function expand(models: readonly OnlineModel[], xs: readonly Float64Array[]) {
  const members: OnlineModel[] = [];
  const inputs: Float64Array[] = [];
  const starts: number[] = [];
  models.forEach((m, i) => {
    assert(isEnsemble(m), () => `model of kind ${m.kind} routed to the ensemble kernel`);
    starts.push(members.length);
    members.push(...m.members);
    inputs.push(...m.memberInputs(xs[i] as Float64Array));
  });
  return { members, inputs, starts };
}

/**
 * The kernel shared by all ensembles. It flattens the members of every ensemble in the call and
 * hands them to their own kernels in one call per kernel (so neural members of 1,000 symbols run
 * as one batch), then combines with each ensemble's weights. `learnMany` obtains every member's
 * pre-update prediction from the members' own `learnMany` (no extra forward pass) and feeds the
 * member losses to the weight update.
 */
export const ENSEMBLE_KERNEL: ModelKernel = {
  predictMany(models, xs, out) {
    const { members, inputs, starts } = expand(models, xs);
    const preds = new Float64Array(members.length);
    predictGrouped(members, inputs, preds);
    models.forEach((m, i) => {
      out[i] = (m as EnsembleLike).combine(preds, starts[i] as number);
    });
  },
  learnMany(models, xs, ys, predOut) {
    const frozenIdx: number[] = [];
    const liveIdx: number[] = [];
    models.forEach((m, i) => {
      ((m as EnsembleLike).frozen ? frozenIdx : liveIdx).push(i);
    });
    if (predOut !== undefined && frozenIdx.length > 0) {
      const part = new Float64Array(frozenIdx.length);
      this.predictMany(
        frozenIdx.map((i) => models[i] as OnlineModel),
        frozenIdx.map((i) => xs[i] as Float64Array),
        part,
      );
      frozenIdx.forEach((i, k) => {
        predOut[i] = part[k] as number;
      });
    }
    if (liveIdx.length === 0) return;
    const live = liveIdx.map((i) => models[i] as OnlineModel);
    const { members, inputs, starts } = expand(
      live,
      liveIdx.map((i) => xs[i] as Float64Array),
    );
    const memberYs: number[] = [];
    live.forEach((m, k) => {
      for (let j = 0; j < (m as EnsembleLike).members.length; j++)
        memberYs.push(ys[liveIdx[k] as number] as number);
    });
    const preds = new Float64Array(members.length);
    learnGrouped(members, inputs, memberYs, preds);
    // in call order, so an ensemble listed twice sees its first update before its second
    live.forEach((m, k) => {
      const e = m as EnsembleLike;
      const i = liveIdx[k] as number;
      if (predOut !== undefined) predOut[i] = e.combine(preds, starts[k] as number);
      e.observe(preds, starts[k] as number, ys[i] as number);
    });
  },
};
