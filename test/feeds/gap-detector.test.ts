import { describe, expect, it } from 'vitest';
import { type EpochMs, InputError, MS_PER_DAY } from '../../src/core/index.ts';
import {
  type Gap,
  GapDetector,
  InMemorySource,
  loadCsv,
  SeriesBuilder,
  withGapDetection,
} from '../../src/feeds/index.ts';
import { collect } from '../helpers/bars.ts';

function weekdays(start: number, n: number, skip: (i: number) => boolean = () => false): number[] {
  const out: number[] = [];
  for (let t = start, i = 0; out.length < n; t += MS_PER_DAY) {
    const dow = new Date(t).getUTCDay();
    if (dow === 0 || dow === 6) continue;
    if (!skip(i++)) out.push(t);
  }
  return out;
}

function series(symbol: string, ts: number[]) {
  const b = new SeriesBuilder(symbol);
  for (const t of ts) b.push(t, Number.NaN, Number.NaN, Number.NaN, 100, Number.NaN);
  return b.build();
}

describe('GapDetector', () => {
  it('doc example', () => {
    const gaps = new GapDetector('demo', { factor: 3, minHistory: 3 });
    const out = [0, 1, 2, 3, 4, 20].map((t) => gaps.observe('A', t as EpochMs));
    expect(out.slice(0, 5)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(out[5]).toMatchObject({ symbol: 'A', fromTs: 4, toTs: 20, medianSpacingMs: 1 });
  });

  it('does not flag weekends in daily data, flags a missing fortnight, per symbol', () => {
    const d = new GapDetector('daily');
    const found: Gap[] = [];
    // A misses weekdays 40..49 (two weeks); B has none missing
    const a = weekdays(Date.UTC(2024, 0, 1), 120, (i) => i >= 40 && i < 50);
    const b = weekdays(Date.UTC(2024, 0, 1), 120);
    for (let i = 0; i < 120; i++) {
      for (const [sym, ts] of [
        ['A', a[i]],
        ['B', b[i]],
      ] as const) {
        const g = d.observe(sym, ts as EpochMs);
        if (g) found.push(g);
      }
    }
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ symbol: 'A', medianSpacingMs: MS_PER_DAY, missingRows: null });
    expect(found[0]?.message).toBe(
      'A: no bar between 2024-02-23 and 2024-03-11 (17 days; usual spacing 1 day)',
    );
  });

  it('waits for a history before judging, and refuses bad options', () => {
    const d = new GapDetector('x');
    expect([0, 1, 1000].map((t) => d.observe('A', t as EpochMs))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(() => new GapDetector('x', { factor: 1 })).toThrow(InputError);
    expect(() => new GapDetector('x', { window: 2 })).toThrow(InputError);
  });

  it('keeps only per-symbol state however long the stream', () => {
    const d = new GapDetector('x');
    for (let i = 0; i < 100_000; i++) d.observe(i % 2 === 0 ? 'A' : 'B', i as EpochMs);
    expect(d.size).toBe(2);
  });
});

describe('withGapDetection', () => {
  it('reports gaps while the bars stream by and passes the bars through unchanged', async () => {
    const minutes = Array.from({ length: 60 }, (_, i) => i * 60_000).filter(
      (t) => t < 20 * 60_000 || t >= 45 * 60_000,
    );
    const inner = new InMemorySource('mem', [
      series('X', minutes),
      series('Y', minutes.slice(0, 10)),
    ]);
    const gaps: Gap[] = [];
    const src = withGapDetection(inner, (g) => gaps.push(g));
    expect(src.symbols).toEqual(['X', 'Y']);
    expect(await collect(src.batches())).toEqual(await collect(inner.batches()));
    expect(gaps.map((g) => g.message)).toEqual([
      'X: no bar between 1970-01-01T00:19:00.000Z and 1970-01-01T00:45:00.000Z (26 min; usual spacing 1 min)',
    ]);
  });

  it('finds missing rows of a wide file from spacing too (a date absent for every symbol)', async () => {
    const { tempFile } = await import('../helpers/files.ts');
    const days = weekdays(Date.UTC(2024, 0, 1), 40, (i) => i >= 20 && i < 30);
    const f = tempFile(
      'w.csv',
      `date,A,B\n${days.map((t, i) => `${new Date(t).toISOString().slice(0, 10)},${100 + i},${50 + i}`).join('\n')}\n`,
    );
    const gaps: Gap[] = [];
    await collect(withGapDetection(await loadCsv(f), (g) => gaps.push(g)).batches());
    expect(gaps.map((g) => g.symbol)).toEqual(['A', 'B']);
  });
});
