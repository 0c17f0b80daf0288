import { type EpochMs, formatTs, InputError } from '../core/index.ts';
import type { Gap } from './bar-source.ts';

export interface GapDetectorOptions {
  /** A spacing above `factor` × the symbol's median spacing is a gap. Default 5; > 1. */
  readonly factor?: number;
  /** Spacings seen before gaps are reported (the median needs a history). Default 8. */
  readonly minHistory?: number;
  /** Recent spacings the median is taken over. Default 32. */
  readonly window?: number;
}

interface SymbolState {
  lastTs: number;
  readonly spacings: Float64Array;
  seen: number;
  median: number;
}

/**
 * Finds missing bars from the timing of each symbol's bars: a spacing much larger than the
 * symbol's median spacing (over its last `window` spacings) is a gap. Streaming, with state per
 * symbol only (a few dozen numbers); the median is refreshed every `window / 4` bars, so the cost
 * per bar is O(1) amortised. With daily data and the default factor 5, weekends (3 days) and
 * holidays are not gaps, a missing week is; intraday data flags every overnight close.
 *
 * @example
 * const gaps = new GapDetector('demo', { factor: 3, minHistory: 3 });
 * for (const t of [0, 1, 2, 3, 4, 20]) gaps.observe('A', t as EpochMs);
 * // the last call returned { symbol: 'A', fromTs: 4, toTs: 20, medianSpacingMs: 1, … }
 */
export class GapDetector {
  readonly source: string;
  private readonly factor: number;
  private readonly minHistory: number;
  private readonly window: number;
  private readonly states = new Map<string, SymbolState>();

  constructor(source: string, options: GapDetectorOptions = {}) {
    this.source = source;
    this.factor = options.factor ?? 5;
    this.minHistory = options.minHistory ?? 8;
    this.window = options.window ?? 32;
    if (!(this.factor > 1))
      throw new InputError(
        `Expected the gap factor to be a number > 1, got \`${this.factor}\` (${typeof this.factor})`,
      );
    if (!Number.isInteger(this.window) || this.window < 4)
      throw new InputError(`Expected the gap window to be an integer >= 4, got \`${this.window}\``);
  }

  /** Records a bar's time; returns the gap that ends at it, if any. Times must increase per symbol. */
  observe(symbol: string, ts: EpochMs): Gap | undefined {
    let s = this.states.get(symbol);
    if (s === undefined) {
      s = { lastTs: ts, spacings: new Float64Array(this.window), seen: 0, median: Number.NaN };
      this.states.set(symbol, s);
      return undefined;
    }
    const spacing = ts - s.lastTs;
    const from = s.lastTs;
    s.lastTs = ts;
    const gap =
      s.seen >= this.minHistory && spacing > this.factor * s.median
        ? this.gap(symbol, from, ts, s.median)
        : undefined;
    s.spacings[s.seen % this.window] = spacing;
    s.seen++;
    if (s.seen <= this.minHistory || s.seen % Math.max(1, this.window >> 2) === 0)
      s.median = median(s.spacings, Math.min(s.seen, this.window));
    return gap;
  }

  /** Symbols seen so far. */
  get size(): number {
    return this.states.size;
  }

  private gap(symbol: string, fromTs: number, toTs: number, medianMs: number): Gap {
    return {
      source: this.source,
      symbol,
      fromTs: fromTs as EpochMs,
      toTs: toTs as EpochMs,
      missingRows: null,
      medianSpacingMs: medianMs,
      message: `${symbol}: no bar between ${formatTs(fromTs)} and ${formatTs(toTs)} (${formatSpan(toTs - fromTs)}; usual spacing ${formatSpan(medianMs)})`,
    };
  }
}

function median(values: Float64Array, n: number): number {
  const sorted = values.slice(0, n).sort();
  return n % 2 === 1
    ? (sorted[n >> 1] as number)
    : ((sorted[(n >> 1) - 1] as number) + (sorted[n >> 1] as number)) / 2;
}

/** Human span: `3 days`, `90 min`, `15 s`, `250 ms`. */
export function formatSpan(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, 'day'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  for (const [size, name] of units) {
    if (ms >= size) {
      const v = Math.round((ms / size) * 10) / 10;
      return name === 'day' ? `${v} day${v === 1 ? '' : 's'}` : `${v} ${name}`;
    }
  }
  return `${ms} ms`;
}
