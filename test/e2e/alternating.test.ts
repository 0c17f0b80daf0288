import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../helpers/cli.ts';

// A series that alternates up/down every bar. Scoring the pure forecast close(t) → close(t+1)
// gave 100 % accuracy and a −100 % return at a next-close fill (the model traded the wrong
// move); scoring the traded move close(t+1) → close(t+2) makes accuracy and P&L agree.
describe('the quickstart on an alternating series: accuracy and return agree', () => {
  it('is accurate (> 95 %) and makes money, as does the naive baseline', async () => {
    const dir = tempDir('livemodel-alt-');
    const rows = ['ts,symbol,close'];
    for (let i = 0; i < 2000; i++) {
      const day = new Date(Date.UTC(2000, 0, 3) + i * 86_400_000).toISOString().slice(0, 10);
      rows.push(`${day},ALT,${100 + (i % 2)}`);
    }
    writeFileSync(join(dir, 'alt.csv'), `${rows.join('\n')}\n`);
    const r = await runCliInProcess([
      'run',
      'scenarios/quickstart.yaml',
      '--data',
      join(dir, 'alt.csv'),
      '--out',
      join(dir, 'run'),
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(join(dir, 'run', 'summary.json'), 'utf8'));
    expect(s.models.model.overall.accuracy).toBeGreaterThan(0.95);
    expect(s.strategies.model.portfolio.total_return).toBeGreaterThan(0);
    expect(s.strategies.model.portfolio.hit_rate).toBeGreaterThan(0.95);
    expect(s.models.model.baselines.naive.accuracy).toBeGreaterThan(0.95);
    expect(s.strategies.naive.portfolio.total_return).toBeGreaterThan(0);
  });

  it('label: forecast keeps the old definition on request (its accuracy and P&L disagree)', async () => {
    const dir = tempDir('livemodel-alt-');
    const rows = ['ts,symbol,close'];
    for (let i = 0; i < 600; i++) {
      const day = new Date(Date.UTC(2000, 0, 3) + i * 86_400_000).toISOString().slice(0, 10);
      rows.push(`${day},ALT,${100 + (i % 2)}`);
    }
    writeFileSync(join(dir, 'alt.csv'), `${rows.join('\n')}\n`);
    const r = await runCliInProcess([
      'run',
      'scenarios/quickstart.yaml',
      '--data',
      join(dir, 'alt.csv'),
      '--out',
      join(dir, 'run'),
      '--quiet',
      '--set',
      'label=forecast',
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(join(dir, 'run', 'summary.json'), 'utf8'));
    expect(s.models.model.overall.accuracy).toBeGreaterThan(0.95);
    expect(s.strategies.model.portfolio.total_return).toBeLessThan(-0.9);
  });
});
