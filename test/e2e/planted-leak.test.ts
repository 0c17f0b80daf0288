import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/index.ts';
import { runCliInProcess, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

// Future prices hidden in extra columns of the input — the very label (the traded move
// close(t+1) → close(t+2)), the next close, the forward return — must not reach the models: a
// random walk with them predicts exactly as without them, no better than the baselines.
const SYMBOLS = ['A', 'B', 'C', 'D'];
const BARS = 1500;

function writeMarket(file: string, leak: boolean): void {
  const rng = createRandom(17);
  const lines = [
    leak ? 'ts,symbol,close,future_close,next_close,up,fwd_return' : 'ts,symbol,close',
  ];
  const closes = SYMBOLS.map(() => {
    const c = [100];
    for (let t = 1; t < BARS + 2; t++) c.push(c[t - 1]! * Math.exp(0.01 * rng.normal()));
    return c;
  });
  for (let t = 0; t < BARS; t++) {
    const day = new Date(Date.UTC(2001, 0, 1) + t * 86_400_000).toISOString().slice(0, 10);
    SYMBOLS.forEach((s, i) => {
      const c = closes[i]!;
      const [now, next, after] = [c[t]!, c[t + 1]!, c[t + 2]!];
      lines.push(
        leak
          ? `${day},${s},${now},${after},${next},${after > next ? 1 : 0},${Math.log(after / next)}`
          : `${day},${s},${now}`,
      );
    });
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('a planted leak (future prices in extra columns) cannot raise accuracy', () => {
  const dir = tempDir('livemodel-leak-');

  beforeAll(async () => {
    writeMarket(join(dir, 'clean.csv'), false);
    writeMarket(join(dir, 'leaky.csv'), true);
    for (const name of ['clean', 'leaky']) {
      const r = await runCliInProcess([
        'run',
        'scenarios/quickstart.yaml',
        '--data',
        join(dir, `${name}.csv`),
        '--out',
        join(dir, name),
        '--quiet',
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
  }, 120_000);

  it('records exactly the predictions of the run without the leak', async () => {
    const sql = `SELECT symbol::VARCHAR AS s, ts, role::VARCHAR AS r, model_version, score, label, loss
      FROM predictions ORDER BY ALL`;
    const [clean, leaky] = [
      await queryFile(join(dir, 'clean', 'run.duckdb'), sql),
      await queryFile(join(dir, 'leaky', 'run.duckdb'), sql),
    ];
    expect(leaky.length).toBeGreaterThan(5000);
    expect(leaky).toEqual(clean);
  });

  it('the model is no more accurate than the baselines (within 3 standard errors)', async () => {
    const rows = await queryFile(
      join(dir, 'leaky', 'run.duckdb'),
      `SELECT role::VARCHAR AS role, count(*)::INT AS n,
              avg(((score > 0.5) = (label = 1))::INT) AS accuracy
       FROM predictions WHERE label IS NOT NULL GROUP BY role ORDER BY role`,
    );
    const by = new Map(rows.map((r) => [r.role as string, r]));
    const model = by.get('champion')!;
    const best = Math.max(Number(by.get('frozen')!.accuracy), Number(by.get('naive')!.accuracy));
    const se = Math.sqrt(0.25 / Number(model.n));
    expect(Number(model.accuracy)).toBeLessThanOrEqual(best + 3 * se);
    expect(Number(model.accuracy)).toBeLessThanOrEqual(0.5 + 3 * se);
  });
});
