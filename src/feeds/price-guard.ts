import { type Bar, DataError, formatTs } from '../core/index.ts';
import type { BadRowPolicy, BarSource, RejectHandler } from './bar-source.ts';

/** The default largest one-bar price ratio a source may hold (`data.maxPriceRatio`). */
export const DEFAULT_MAX_PRICE_RATIO = 10_000;

export interface PriceGuardOptions {
  /** A close more than this many times (or less than 1/this of) the symbol's previous close is bad. */
  readonly maxRatio?: number | undefined;
  readonly policy: BadRowPolicy;
  readonly onReject?: RejectHandler | undefined;
}

/**
 * Refuses bars whose close moved by more than `maxRatio` (up or down) from the symbol's last
 * accepted close. Every price is finite and positive by the time it gets here, but a finite
 * price can still be absurd: alternating 1e308 and 1e-308 gives per-bar returns that no double
 * holds and equity that overflows. Such a bar is bad data under the source's `onBadRow`
 * policy: `fail` stops naming the file, symbol and time; `skip` records it in `data_rejects`
 * (line 0: the guard sees bars, not lines) and compares the next bar with the last accepted one.
 *
 * @throws {DataError} policy `fail`, at the first such bar.
 * @example
 * withPriceGuard(source, { policy: 'skip', onReject: (r) => rejects.push(r) });
 */
export function withPriceGuard(source: BarSource, options: PriceGuardOptions): BarSource {
  const maxRatio = options.maxRatio ?? DEFAULT_MAX_PRICE_RATIO;
  const logMax = Math.log(maxRatio);
  return {
    name: source.name,
    symbols: source.symbols,
    async *batches(): AsyncGenerator<readonly Bar[]> {
      const last = new Map<string, number>();
      for await (const batch of source.batches()) {
        let kept: Bar[] | null = null;
        for (let i = 0; i < batch.length; i++) {
          const bar = batch[i] as Bar;
          const prev = last.get(bar.symbol);
          const move = prev === undefined ? 0 : Math.abs(Math.log(bar.close / prev));
          if (move <= logMax || prev === undefined) {
            last.set(bar.symbol, bar.close);
            kept?.push(bar);
            continue;
          }
          const reason = `symbol ${JSON.stringify(bar.symbol)} at ${formatTs(bar.ts)}: close ${bar.close} is ${ratioText(bar.close, prev as number)} × the previous close ${prev}; one-bar moves beyond ×${maxRatio} or ÷${maxRatio} are refused as bad data (data.maxPriceRatio)`;
          if (options.policy === 'fail') throw new DataError(`${source.name}: ${reason}`);
          options.onReject?.({ type: 'reject', source: source.name, line: 0, reason });
          kept ??= batch.slice(0, i);
        }
        const out = kept ?? batch;
        if (out.length > 0) yield out;
      }
    },
  };
}

/** A ratio of two positive prices for a message, also where it leaves double range. */
function ratioText(close: number, prev: number): string {
  const ratio = close / prev;
  return Number.isFinite(ratio) && ratio > 0
    ? ratio.toPrecision(3)
    : `about 1e${Math.round(Math.log10(close) - Math.log10(prev))}`;
}
