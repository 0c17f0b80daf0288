import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planRun } from '../../src/runner/index.ts';
import type { RunProgressSink } from '../../src/cli/run-progress.ts';
import { executeSharded, splitSymbols } from '../../src/runner/index.ts';
import { tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';
import { tinyScenario } from '../helpers/tiny-scenario.ts';

describe('executeSharded', () => {
  it('doc example of splitSymbols', () => {
    expect(splitSymbols(['A', 'B', 'C'], 2)).toEqual([['A', 'C'], ['B']]);
  });

  it('reports the overall progress of its shards from their workers’ messages', async () => {
    const dir = tempDir();
    const plan = await planRun({ scenario: tinyScenario(dir, 'sharded', 4, 1500) });
    const calls: string[] = [];
    const counts: number[] = [];
    const progress: RunProgressSink = {
      loading: (what) => calls.push(`loading ${what}`),
      replaying: (expected, variants) => calls.push(`replaying ${expected} ${variants.join(',')}`),
      advanced: (bars) => counts.push(bars),
      closing: () => calls.push('closing'),
    };
    const file = join(dir, 'out', 'run.duckdb');
    const result = await executeSharded(plan, {
      file,
      outDir: join(dir, 'out'),
      runId: 'r',
      shards: 2,
      progress,
    });
    expect(result).toMatchObject({ status: 'complete', bars: 6000 });
    expect(calls).toEqual(['loading synthetic market', 'replaying 6000 model', 'closing']);
    // the sum of each shard's latest count: never decreasing, ending at every bar
    expect(counts.length).toBeGreaterThan(2);
    for (let i = 1; i < counts.length; i++)
      expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1]!);
    expect(counts.at(-1)).toBe(6000);
    const [row] = await queryFile(file, 'SELECT status, bars FROM runs');
    expect(row).toEqual({ status: 'complete', bars: '6000' });
  });
});
