import type { ModelKernel, OnlineModel } from './model.ts';

interface Group {
  readonly kernel: ModelKernel;
  readonly index: number[];
}

function groupByKernel(models: readonly OnlineModel[]): Group[] {
  const groups = new Map<ModelKernel, Group>();
  models.forEach((m, i) => {
    let g = groups.get(m.kernel);
    if (g === undefined) {
      g = { kernel: m.kernel, index: [] };
      groups.set(m.kernel, g);
    }
    g.index.push(i);
  });
  return [...groups.values()];
}

/**
 * Predicts for models of any families: one `predictMany` call per distinct kernel, so members of
 * composite models (ensembles, frozen wrappers) stay batched with their family. Order of
 * `models` is kept within each kernel call.
 *
 * @example
 * const out = new Float64Array(2);
 * predictGrouped([logistic, lstm], [x1, xWindow], out);
 */
export function predictGrouped(
  models: readonly OnlineModel[],
  xs: readonly Float64Array[],
  out: Float64Array,
): void {
  for (const g of groupByKernel(models)) {
    const part = new Float64Array(g.index.length);
    g.kernel.predictMany(
      g.index.map((i) => models[i] as OnlineModel),
      g.index.map((i) => xs[i] as Float64Array),
      part,
    );
    g.index.forEach((i, k) => {
      out[i] = part[k] as number;
    });
  }
}

/**
 * Learns for models of any families: one `learnMany` call per distinct kernel; `predOut`
 * receives each model's prediction before its update. Repeated models keep sequential semantics
 * because every kernel does.
 */
export function learnGrouped(
  models: readonly OnlineModel[],
  xs: readonly Float64Array[],
  ys: ArrayLike<number>,
  predOut: Float64Array,
): void {
  for (const g of groupByKernel(models)) {
    const part = new Float64Array(g.index.length);
    g.kernel.learnMany(
      g.index.map((i) => models[i] as OnlineModel),
      g.index.map((i) => xs[i] as Float64Array),
      g.index.map((i) => ys[i] as number),
      part,
    );
    g.index.forEach((i, k) => {
      predOut[i] = part[k] as number;
    });
  }
}
