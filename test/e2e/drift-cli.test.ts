import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/index.ts';
import { runCli, runCliInProcess, tempDir } from '../helpers/cli.ts';

const dir = tempDir('livemodel-drift-');

describe('livemodel drift', () => {
  const rng = createRandom(5);
  const errors = Array.from({ length: 2000 }, (_, i) =>
    rng.next() < (i < 1000 ? 0.1 : 0.7) ? 1 : 0,
  );
  const file = join(dir, 'errors.txt');
  writeFileSync(file, `${errors.join('\n')}\n`);

  it('prints one JSON object with the indices after which the detector fired', () => {
    const r = runCli(['drift', '--detector', 'adwin', file]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['detector', 'params', 'n', 'drifts', 'warnings']);
    expect(out.detector).toBe('adwin');
    expect(out.params.delta).toBe(0.002);
    expect(out.n).toBe(2000);
    expect(out.drifts.length).toBeGreaterThanOrEqual(1);
    expect(out.drifts[0]).toBeGreaterThan(1000);
    expect(out.drifts[0]).toBeLessThan(1150);
  });

  it('reads a CSV column and takes parameters', async () => {
    const csv = join(dir, 'errors.csv');
    writeFileSync(csv, `i,err\n${errors.map((e, i) => `${i},${e}`).join('\n')}\n`);
    const r = await runCliInProcess([
      'drift',
      '--detector',
      'ddm',
      '--column',
      'err',
      '--param',
      'drift_threshold=3',
      csv,
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.params.drift_threshold).toBe(3);
    expect(out.drifts[0]).toBeGreaterThan(1000);
  });

  it('names the file and line of a bad value, and a misspelt parameter', async () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '0\n1\nx\n');
    const r = await runCliInProcess(['drift', '--detector', 'adwin', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.txt:3/);
    const p = await runCliInProcess(['drift', '--detector', 'adwin', '--param', 'delt=0.1', file]);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/did you mean `delta`/);
  });
});
