/**
 * The S&P 500 file (data/sp500-1928-1991.csv) dates its bars as consecutive weekdays, so its
 * dates run ahead of the real trading calendar (no holidays skipped, no 1928–52 Saturday
 * sessions): by October 1987 the file is 22 months ahead. This script maps file dates to
 * approximate real dates through bars identified by their return or as the extreme closes of the
 * 1973–74 bear market (the anchors below), interpolating between them (see realDateOf), and
 * lists a run's drift detections and long regime episodes with both dates.
 *
 * @example
 *   npx livemodel run scenarios/sp500-drift.yaml --out reports/sp500-drift
 *   npx tsx scripts/sp500-dates.ts reports/sp500-drift            # detections and episodes, file and real dates
 *   npx tsx scripts/sp500-dates.ts reports/sp500-drift --json
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const DATA = resolve(import.meta.dirname, '../data/sp500-1928-1991.csv');
const DAY = 86_400_000;

/** Bars recognised by their return: file date → real date (S&P composite daily moves). */
export const SP500_ANCHORS: readonly { file: string; real: string; what: string }[] = [
  { file: '1928-01-03', real: '1928-01-03', what: 'first bar' },
  { file: '1930-01-28', real: '1929-10-28', what: 'Black Monday 1929, −12.3 %' },
  { file: '1933-11-21', real: '1933-03-15', what: 'largest up day, +16.6 %' },
  { file: '1958-09-23', real: '1955-09-26', what: 'Eisenhower heart attack, −6.6 %' },
  { file: '1965-03-01', real: '1962-05-28', what: 'flash crash of 1962, −6.7 %' },
  { file: '1972-10-10', real: '1970-05-27', what: 'rebound of 1970, +5.0 %' },
  { file: '1975-04-28', real: '1973-01-11', what: 'highest close before the 1973–74 bear market' },
  { file: '1976-12-28', real: '1974-10-03', what: 'lowest close of the 1973–74 bear market' },
  { file: '1977-01-03', real: '1974-10-09', what: 'rally off the 1974 low, +4.6 %' },
  { file: '1989-08-16', real: '1987-10-19', what: 'Black Monday 1987, −20.5 %' },
  { file: '1991-07-22', real: '1989-10-13', what: 'Friday-13th mini-crash, −6.1 %' },
  { file: '1993-05-17', real: '1991-08-30', what: 'last bar' },
];

/** The three breaks the scenario is about, as file dates (first bar of each). */
export const SP500_BREAKS = {
  crash1929: { file: '1930-01-28', real: '1929-10-28' },
  bear1973: { file: '1975-04-28', real: '1973-01-11' },
  crash1987: { file: '1989-08-16', real: '1987-10-19' },
} as const;

let cached: string[] | null = null;
function fileDates(): string[] {
  cached ??= readFileSync(DATA, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.slice(0, 10));
  return cached;
}

/**
 * A model of the real trading calendar: weekdays, plus Saturdays before June 1952 (when the NYSE
 * closed on Saturdays for good). Holidays are ignored; the anchors absorb them.
 */
function tradingDays(fromMs: number, toMs: number): number[] {
  const days: number[] = [];
  for (let t = fromMs; t <= toMs; t += DAY) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && (wd !== 6 || t < Date.UTC(1952, 5, 1))) days.push(t);
  }
  return days;
}

/**
 * The approximate real date (YYYY-MM-DD) of a bar dated `file` in the S&P file: between two
 * anchors, bars are spread evenly over the modelled trading days (exact at the anchors, within a
 * few weeks between them).
 */
export function realDateOf(file: string): string {
  const dates = fileDates();
  const found = dates.findIndex((d) => d >= file);
  const at = found < 0 ? dates.length - 1 : found;
  const anchors = SP500_ANCHORS.map((x) => ({
    bar: dates.indexOf(x.file),
    real: Date.parse(`${x.real}T00:00:00Z`),
  }));
  let k = 0;
  while (k + 2 < anchors.length && (anchors[k + 1] as { bar: number }).bar <= at) k++;
  const lo = anchors[k] as { bar: number; real: number };
  const hi = anchors[k + 1] as { bar: number; real: number };
  const days = tradingDays(lo.real, hi.real);
  const f = (at - lo.bar) / (hi.bar - lo.bar);
  const day = days[
    Math.min(days.length - 1, Math.max(0, Math.round(f * (days.length - 1))))
  ] as number;
  return new Date(day).toISOString().slice(0, 10);
}

/** Bars between two file dates (positive when `b` is later). */
export function barsBetween(a: string, b: string): number {
  const dates = fileDates();
  return dates.findIndex((d) => d >= b) - dates.findIndex((d) => d >= a);
}

export interface DatedEvent {
  detector: string;
  kind: string;
  file: string;
  real: string;
  /** Regime episodes: the regime and its length in bars. */
  regime?: string;
  bars?: number;
}

/** Drift detections (first variant; feature detectors fire alike in every variant) and regime episodes of at least `minBars`. */
export async function sp500Events(
  dir: string,
  minBars = 40,
): Promise<{ drifts: DatedEvent[]; episodes: DatedEvent[] }> {
  const instance = await DuckDBInstance.create(join(dir, 'run.duckdb'), {
    access_mode: 'READ_ONLY',
  });
  const con = await instance.connect();
  const rows = async <T>(sql: string) =>
    (await con.runAndReadAll(sql)).getRowObjectsJson() as unknown as T[];
  try {
    const variant = `coalesce((SELECT config->'variants'->0->>'name' FROM runs LIMIT 1), 'model')`;
    const drifts = await rows<{ detector: string; on: string; d: string }>(
      `SELECT detector, coalesce(feature, 'loss/error') AS on, strftime(ts, '%Y-%m-%d') AS d FROM drift_events WHERE kind = 'drift' AND variant::VARCHAR = ${variant} ORDER BY ts, detector`,
    );
    // Regime rows are changes only: an episode lasts until the detector's next change.
    const episodes = await rows<{ detector: string; regime: string; d: string; n: string }>(`
      WITH bars AS (SELECT DISTINCT ts FROM equity),
      r AS (SELECT detector, regime, ts, lead(ts) OVER (PARTITION BY detector ORDER BY ts) AS next_ts FROM regimes WHERE variant::VARCHAR = ${variant})
      SELECT r.detector, r.regime, strftime(r.ts, '%Y-%m-%d') AS d, (SELECT count(*) FROM bars WHERE bars.ts >= r.ts AND (r.next_ts IS NULL OR bars.ts < r.next_ts)) AS n
      FROM r WHERE r.regime IN ('volatile', 'bear') ORDER BY r.ts`);
    return {
      drifts: drifts.map((d) => ({
        detector: `${d.detector} (${d.on})`,
        kind: 'drift',
        file: d.d,
        real: realDateOf(d.d),
      })),
      episodes: episodes
        .filter((e) => Number(e.n) >= minBars)
        .map((e) => ({
          detector: e.detector,
          kind: 'regime',
          regime: e.regime,
          bars: Number(e.n),
          file: e.d,
          real: realDateOf(e.d),
        })),
    };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (dir === undefined) {
    console.error('usage: npx tsx scripts/sp500-dates.ts <run dir> [--json]');
    process.exit(2);
  }
  const events = await sp500Events(dir);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(events, null, 2));
  } else {
    console.log('drift detections (file date → approx. real date):');
    for (const e of events.drifts) console.log(`  ${e.file} → ${e.real}  ${e.detector}`);
    console.log('volatile and bear episodes of ≥ 40 bars (start, file date → approx. real date):');
    for (const e of events.episodes)
      console.log(
        `  ${e.file} → ${e.real}  ${e.detector.padEnd(4)} ${e.regime?.padEnd(8)} ${e.bars} bars`,
      );
  }
}
