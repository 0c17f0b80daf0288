import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { InputError, MS_PER_DAY } from '../core/index.ts';
import { REGIMES, type SyntheticMarket } from '../feeds/index.ts';
import { openTableSink, type SinkColumn } from '../store/index.ts';

/** Paths of the files {@link writeSynthetic} wrote. */
export interface SyntheticFiles {
  /** The bars: ts, symbol, (open, high, low,) close(, volume). */
  readonly data: string;
  /** Ground truth per symbol and bar: ts, symbol, bar, regime, jump. */
  readonly regimes: string;
  /** Ground truth per drift point: bar, ts, kind, over_bars, before, after (JSON arrays). */
  readonly drifts: string;
  /** The resolved spec, transition matrix, stationary distribution, drift points and counts. */
  readonly truth: string;
  readonly bars: number;
}

/**
 * Writes a synthetic market to `file` (`.csv` or `.parquet`) and its ground truth next to it,
 * in the same format: `<stem>.regimes.<ext>`, `<stem>.drifts.<ext>` and `<stem>.truth.json`.
 * Streams: memory does not grow with the number of bars.
 *
 * @throws {InputError} when the extension is neither .csv nor .parquet.
 * @example
 * await writeSynthetic(new SyntheticMarket({ symbols: 5, bars: 1000 }), 'out/market.parquet');
 * // out/market.parquet, out/market.regimes.parquet, out/market.drifts.parquet, out/market.truth.json
 */
export async function writeSynthetic(
  market: SyntheticMarket,
  file: string,
): Promise<SyntheticFiles> {
  const ext = extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.parquet')
    throw new InputError(`Expected the output file to end in .csv or .parquet, got \`${file}\``);
  mkdirSync(dirname(file), { recursive: true });
  const stem = join(dirname(file), basename(file, extname(file)));
  const files = {
    data: file,
    regimes: `${stem}.regimes${ext}`,
    drifts: `${stem}.drifts${ext}`,
    truth: `${stem}.truth.json`,
  };
  const { spec } = market;
  const tsStyle =
    spec.intervalMs % MS_PER_DAY === 0 && spec.startMs % MS_PER_DAY === 0 ? 'date' : 'iso';
  const ts: SinkColumn = { name: 'ts', kind: 'ts' };
  const symbol: SinkColumn = { name: 'symbol', kind: 'text' };
  const prices: SinkColumn[] = (
    spec.ohlc ? ['open', 'high', 'low', 'close', 'volume'] : ['close']
  ).map((name) => ({ name, kind: 'double' }));
  const data = await openTableSink(files.data, [ts, symbol, ...prices], { tsStyle });
  const truth = await openTableSink(
    files.regimes,
    [
      ts,
      symbol,
      { name: 'bar', kind: 'int' },
      { name: 'regime', kind: 'text' },
      { name: 'jump', kind: 'double' },
    ],
    { tsStyle },
  );
  const counts = REGIMES.map(() => 0);
  let bars = 0;
  for (const step of market.steps()) {
    for (const [i, b] of step.bars.entries()) {
      data.append(
        spec.ohlc
          ? [b.ts, b.symbol, b.open, b.high, b.low, b.close, b.volume]
          : [b.ts, b.symbol, b.close],
      );
      const r = step.regimes[i] as number;
      truth.append([b.ts, b.symbol, step.t, REGIMES[r] as string, step.jumps[i] as number]);
      counts[r] = (counts[r] as number) + 1;
      bars++;
    }
  }
  await data.close();
  await truth.close();
  const drifts = await openTableSink(
    files.drifts,
    [
      { name: 'bar', kind: 'int' },
      ts,
      { name: 'kind', kind: 'text' },
      { name: 'over_bars', kind: 'int' },
      { name: 'before', kind: 'text' },
      { name: 'after', kind: 'text' },
    ],
    { tsStyle },
  );
  const points = market.driftPoints();
  for (const d of points)
    drifts.append([
      d.bar,
      d.ts,
      d.kind,
      d.overBars,
      JSON.stringify(d.before),
      JSON.stringify(d.after),
    ]);
  await drifts.close();
  const summary = {
    generator: 'livemodel synthetic market',
    spec,
    symbols: market.symbols,
    regimes: REGIMES,
    transitions: spec.transitions,
    stationary: market.stationary(),
    observedRegimeShare: counts.map((c) => c / bars),
    drifts: points,
    files: {
      data: basename(files.data),
      regimes: basename(files.regimes),
      drifts: basename(files.drifts),
    },
    bars,
  };
  writeFileSync(files.truth, `${JSON.stringify(summary, null, 2)}\n`);
  return { ...files, bars };
}
