/** One point of a sweep grid before it becomes jobs. */
export interface GridPoint {
  /** Parameter path → value, in the order of the parameter lists. */
  readonly parameters: Record<string, unknown>;
  /** The seed, or undefined for the scenario's own seed. */
  readonly seed: number | undefined;
  readonly shard: number;
}

/**
 * The grid of a sweep in a fixed order: the product of the parameter lists like nested loops —
 * the first parameter is the outermost loop, the last the innermost — then the seeds, then the
 * shards innermost. So jobs of one parameter combination are adjacent, and the order depends
 * only on the sweep file. O(product of the list lengths).
 *
 * @param parameters path → values, in file order.
 * @param seeds the seeds, or undefined for one run with the scenario's seed.
 * @param shards number of symbol shards (>= 1).
 * @example
 * expandGrid({ a: [1, 2], b: ['x', 'y'] }, undefined, 1).map((p) => p.parameters);
 * // [{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]
 */
export function expandGrid(
  parameters: Readonly<Record<string, readonly unknown[]>>,
  seeds: readonly number[] | undefined,
  shards: number,
): GridPoint[] {
  let combos: Record<string, unknown>[] = [{}];
  for (const [path, values] of Object.entries(parameters)) {
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [path]: v })));
  }
  const seedList: (number | undefined)[] = seeds === undefined ? [undefined] : [...seeds];
  const points: GridPoint[] = [];
  for (const parameters of combos) {
    for (const seed of seedList) {
      for (let shard = 0; shard < shards; shard++) points.push({ parameters, seed, shard });
    }
  }
  return points;
}
