import { type Bar, InputError } from '../../core/index.ts';
import type { BarSource } from '../bar-source.ts';
import type { SyntheticOptions } from './resolve-synthetic-spec.ts';
import { type MarketStep, SyntheticMarket } from './synthetic-market.ts';

/** Bars per batch the source aims at (several bar indices per batch when symbols are few). */
const TARGET_BATCH = 2048;

/**
 * A {@link SyntheticMarket} as a bar source, generated lazily straight into the clock: nothing
 * is written or materialised, the generator keeps per-symbol state only, so 1,000 symbols ×
 * 10,000 bars stream in constant memory. Bars come in time order, symbols in name order within
 * a time. `onStep` sees each bar index's ground truth (regimes, jumps) as it is generated.
 *
 * @example
 * const source = new SyntheticSource({ symbols: 1000, bars: 10_000, seed: 1 });
 * for await (const batch of source.batches()) engineInput(batch);
 * source.market.regimePath('S0001'); // the truth for scoring regime detection
 */
export class SyntheticSource implements BarSource {
  readonly name: string;
  readonly symbols: readonly string[];
  readonly market: SyntheticMarket;
  private readonly onStep: ((step: MarketStep) => void) | undefined;

  private readonly only: number[] | undefined;

  /**
   * @param subset generate only these symbols (each exactly as in the full market); unknown
   *   names are an error.
   */
  constructor(
    options: SyntheticOptions | SyntheticMarket = {},
    onStep?: (step: MarketStep) => void,
    subset?: readonly string[],
  ) {
    this.market = options instanceof SyntheticMarket ? options : new SyntheticMarket(options);
    if (subset === undefined) {
      this.symbols = this.market.symbols;
      this.only = undefined;
    } else {
      const all = this.market.symbols;
      const position = new Map(all.map((s, i) => [s, i]));
      const missing = subset.filter((s) => !position.has(s));
      if (missing.length > 0)
        throw new InputError(
          `synthetic market: symbol ${missing.slice(0, 5).join(', ')} not found; it has ${all[0]}…${all.at(-1)}`,
        );
      this.only = [...new Set(subset.map((s) => position.get(s) as number))].sort((a, b) => a - b);
      this.symbols = this.only.map((i) => all[i] as string);
    }
    const { symbols, bars, seed } = this.market.spec;
    this.name = `synthetic(symbols=${symbols}, bars=${bars}, seed=${seed})`;
    this.onStep = onStep;
  }

  async *batches(): AsyncGenerator<readonly Bar[]> {
    let batch: Bar[] = [];
    for (const step of this.market.steps(this.only)) {
      this.onStep?.(step);
      for (const bar of step.bars) batch.push(bar);
      if (batch.length >= TARGET_BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
}
