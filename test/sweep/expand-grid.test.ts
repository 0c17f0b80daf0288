import { describe, expect, it } from 'vitest';
import { expandGrid } from '../../src/sweep/index.ts';

describe('expandGrid', () => {
  it('doc example: the first parameter is the outermost loop', () => {
    expect(expandGrid({ a: [1, 2], b: ['x', 'y'] }, undefined, 1).map((p) => p.parameters)).toEqual(
      [
        { a: 1, b: 'x' },
        { a: 1, b: 'y' },
        { a: 2, b: 'x' },
        { a: 2, b: 'y' },
      ],
    );
  });

  it('puts seeds inside the parameter loops and shards innermost', () => {
    const grid = expandGrid({ lr: [0.1, 0.2] }, [7, 8], 2);
    expect(grid.map((p) => [p.parameters['lr'], p.seed, p.shard])).toEqual([
      [0.1, 7, 0],
      [0.1, 7, 1],
      [0.1, 8, 0],
      [0.1, 8, 1],
      [0.2, 7, 0],
      [0.2, 7, 1],
      [0.2, 8, 0],
      [0.2, 8, 1],
    ]);
  });

  it('has the product of the list lengths as size, every combination once, and a fixed order', () => {
    const params = { a: [1, 2, 3], b: [true, false], c: [{ k: 1 }, 'z'] };
    const grid = expandGrid(params, [1, 2], 1);
    expect(grid).toHaveLength(3 * 2 * 2 * 2);
    expect(new Set(grid.map((p) => JSON.stringify([p.parameters, p.seed]))).size).toBe(grid.length);
    expect(expandGrid(params, [1, 2], 1)).toEqual(grid);
    expect(Object.keys(grid[0]?.parameters ?? {})).toEqual(['a', 'b', 'c']);
  });

  it('runs a seeds-only sweep with no parameters, and keeps the scenario seed when none are given', () => {
    expect(expandGrid({}, [3, 4], 1)).toEqual([
      { parameters: {}, seed: 3, shard: 0 },
      { parameters: {}, seed: 4, shard: 0 },
    ]);
    expect(expandGrid({ a: [1] }, undefined, 1)).toEqual([
      { parameters: { a: 1 }, seed: undefined, shard: 0 },
    ]);
  });
});
