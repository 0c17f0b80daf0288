/**
 * Scores a run on a synthetic market against the generator's ground truth, from the run file
 * alone (the market is rebuilt from the run's recorded scenario and seed):
 * - regime detection: per detector (rule, hmm), the share of bars whose detected regime (the last
 *   recorded change at or before the bar) equals the true regime (`SyntheticMarket.regimePath`),
 *   with the confusion matrix (`scoreRegimes`: rows truth, columns detected) and, for scale, the
 *   accuracy of always answering the most frequent true regime;
 * - drift detection delay: per variant and detector, for each drift point of the market, how many
 *   bars after it each symbol's first detection came (none before the next drift point or within
 *   `window` bars is a miss), and the false alarms: detections outside every such window, per
 *   1,000 symbol-bars.
 *
 * @example
 *   npx livemodel run scenarios/synthetic-regime-ensemble.yaml --out reports/synthetic-regime-ensemble
 *   npx tsx scripts/regime-accuracy.ts reports/synthetic-regime-ensemble              # tables
 *   npx tsx scripts/regime-accuracy.ts reports/synthetic-regime-ensemble --from 100 --window 300 --json
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { SyntheticMarket, type SyntheticOptions } from '../src/feeds/index.ts';
import { type RegimeScore, scoreRegimes } from '../src/regime/index.ts';

export interface RegimeResult extends RegimeScore {
  readonly detector: string;
  /** Accuracy of always answering the most frequent true regime over the same bars. */
  readonly majority: number;
}

export interface DriftDelay {
  readonly variant: string;
  readonly detector: string;
  readonly driftBar: number;
  readonly symbols: number;
  readonly detected: number;
  /** Delays in bars of the detected symbols, sorted. */
  readonly delays: readonly number[];
  readonly median: number | null;
}

export interface SyntheticScore {
  readonly symbols: number;
  readonly bars: number;
  readonly from: number;
  readonly regimes: readonly RegimeResult[];
  readonly drift: readonly DriftDelay[];
  /** Per variant and detector: detections outside every drift window, per 1,000 symbol-bars outside them. */
  readonly falseAlarms: readonly {
    variant: string;
    detector: string;
    count: number;
    per1000: number;
  }[];
}

/** Scores the run in `dir`; bars before `from` are not scored for regimes; a drift detection counts within `window` bars. */
export async function scoreSyntheticRun(
  dir: string,
  options: { from?: number; window?: number } = {},
): Promise<SyntheticScore> {
  const from = options.from ?? 100;
  const window = options.window ?? 300;
  const instance = await DuckDBInstance.create(join(dir, 'run.duckdb'), {
    access_mode: 'READ_ONLY',
  });
  const con = await instance.connect();
  const rows = async <T>(sql: string) =>
    (await con.runAndReadAll(sql)).getRowObjectsJson() as unknown as T[];
  try {
    const [run] = await rows<{ seed: string; config: string }>(
      `SELECT seed, config::VARCHAR AS config FROM runs LIMIT 1`,
    );
    if (run === undefined) throw new Error(`${dir}: no run recorded`);
    const config = JSON.parse(run.config) as {
      data: { synthetic?: SyntheticOptions };
      variants?: { name: string }[];
    };
    const synthetic = config.data.synthetic;
    if (synthetic === undefined)
      throw new Error(`${dir}: not a run on a synthetic market (data.synthetic is missing)`);
    const market = new SyntheticMarket({ ...synthetic, seed: synthetic.seed ?? Number(run.seed) });
    const { bars, startMs, intervalMs } = market.spec;
    const barOf = (epochMs: number) => Math.round((epochMs - startMs) / intervalMs);
    const variant = config.variants?.[0]?.name ?? 'model';
    const symbols = (
      await rows<{ s: string }>(`SELECT DISTINCT symbol::VARCHAR AS s FROM equity ORDER BY 1`)
    ).map((r) => r.s);

    // Regimes: forward-fill the recorded changes of each symbol over its bars.
    const changes = await rows<{ s: string; detector: string; t: number; regime: string }>(
      `SELECT symbol::VARCHAR AS s, detector, epoch_ms(ts) AS t, regime FROM regimes WHERE variant::VARCHAR = '${variant}' ORDER BY detector, symbol, ts`,
    );
    const detectors = [...new Set(changes.map((c) => c.detector))].sort();
    const regimes: RegimeResult[] = detectors.map((detector) => {
      const truth: string[] = [];
      const predicted: string[] = [];
      for (const symbol of symbols) {
        const path = market.regimePath(symbol);
        const own = changes.filter((c) => c.detector === detector && c.s === symbol);
        let k = -1;
        for (let t = 0; t < bars; t++) {
          while (k + 1 < own.length && barOf(Number((own[k + 1] as { t: number }).t)) <= t) k++;
          if (t < from || k < 0) continue;
          truth.push(market.regimeNames[path[t] as number] as string);
          predicted.push((own[k] as { regime: string }).regime);
        }
      }
      const score = scoreRegimes(truth, predicted);
      const counts = new Map<string, number>();
      for (const t of truth) counts.set(t, (counts.get(t) ?? 0) + 1);
      return {
        detector,
        ...score,
        majority: Math.max(...counts.values()) / Math.max(1, truth.length),
      };
    });

    // Drift delays and false alarms, per variant and detector.
    const points = market.driftPoints().map((p) => p.bar);
    const events = await rows<{ v: string; detector: string; s: string; t: number }>(
      `SELECT variant::VARCHAR AS v, detector, symbol::VARCHAR AS s, epoch_ms(ts) AS t FROM drift_events WHERE kind = 'drift' ORDER BY ts`,
    );
    const variants = config.variants?.map((v) => v.name) ?? ['model'];
    const detectorNames = [...new Set(events.map((e) => e.detector))].sort();
    const drift: DriftDelay[] = [];
    const falseAlarms: SyntheticScore['falseAlarms'][number][] = [];
    const windowEnd = (i: number) =>
      Math.min((points[i] as number) + window, points[i + 1] ?? bars);
    const inWindow = (bar: number) => points.some((p, i) => bar >= p && bar < windowEnd(i));
    const outsideBars = bars - points.reduce((a, p, i) => a + (windowEnd(i) - p), 0);
    for (const v of variants) {
      for (const detector of detectorNames) {
        const mine = events
          .filter((e) => e.v === v && e.detector === detector)
          .map((e) => ({ s: e.s, bar: barOf(Number(e.t)) }));
        points.forEach((p, i) => {
          const delays = symbols
            .map((s) => mine.find((e) => e.s === s && e.bar >= p && e.bar < windowEnd(i)))
            .filter((e): e is { s: string; bar: number } => e !== undefined)
            .map((e) => e.bar - p)
            .sort((a, b) => a - b);
          drift.push({
            variant: v,
            detector,
            driftBar: p,
            symbols: symbols.length,
            detected: delays.length,
            delays,
            median:
              delays.length === 0 ? null : (delays[Math.floor((delays.length - 1) / 2)] as number),
          });
        });
        const count = mine.filter((e) => !inWindow(e.bar)).length;
        falseAlarms.push({
          variant: v,
          detector,
          count,
          per1000: (1000 * count) / Math.max(1, outsideBars * symbols.length),
        });
      }
    }
    return { symbols: symbols.length, bars, from, regimes, drift, falseAlarms };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** The score as text: accuracy and confusion matrix per detector, then drift delays and false alarms. */
export function formatSyntheticScore(s: SyntheticScore): string {
  const out: string[] = [
    `${s.symbols} symbols × ${s.bars} bars; regimes scored from bar ${s.from}`,
  ];
  for (const r of s.regimes) {
    out.push(
      '',
      `regime detector ${r.detector}: accuracy ${(100 * r.accuracy).toFixed(1)}% over ${r.n} bars (most frequent true regime: ${(100 * r.majority).toFixed(1)}%)`,
    );
    const w = Math.max(9, ...r.labels.map((l) => l.length)) + 1;
    out.push(
      `${'truth \\ detected'.padEnd(17)}${r.labels.map((l) => l.padStart(w)).join('')}${'recall'.padStart(9)}`,
    );
    r.matrix.forEach((row, i) => {
      const total = row.reduce((a, b) => a + b, 0);
      out.push(
        `${(r.labels[i] as string).padEnd(17)}${row.map((x) => String(x).padStart(w)).join('')}${(total === 0 ? '—' : `${((100 * (row[i] as number)) / total).toFixed(1)}%`).padStart(9)}`,
      );
    });
  }
  out.push('', 'drift detection delay (bars after the drift point; first detection per symbol):');
  for (const d of s.drift) {
    const q = d.delays;
    out.push(
      `  ${d.variant.padEnd(14)} ${d.detector.padEnd(13)} drift at bar ${d.driftBar}: ${d.detected}/${d.symbols} detected${q.length === 0 ? '' : `, delay min ${q[0]} / median ${d.median} / max ${q.at(-1)}`}`,
    );
  }
  out.push('false alarms (detections outside the drift windows):');
  for (const f of s.falseAlarms)
    out.push(
      `  ${f.variant.padEnd(14)} ${f.detector.padEnd(13)} ${f.count} (${f.per1000.toFixed(2)} per 1,000 symbol-bars)`,
    );
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dir = args[0];
  const num = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  if (dir === undefined || dir.startsWith('--')) {
    console.error(
      'usage: npx tsx scripts/regime-accuracy.ts <run dir> [--from BAR] [--window BARS] [--json]',
    );
    process.exit(2);
  }
  const from = num('--from');
  const window = num('--window');
  const score = await scoreSyntheticRun(dir, {
    ...(from === undefined ? {} : { from }),
    ...(window === undefined ? {} : { window }),
  });
  console.log(
    args.includes('--json') ? JSON.stringify(score, null, 2) : formatSyntheticScore(score),
  );
}
