import { type Bar, InputError } from '../core/index.ts';
import type { BarSource } from './bar-source.ts';

/**
 * Keeps only some symbols of a source (for sources that cannot filter as they read).
 *
 * @throws {InputError} when a requested symbol is not in the source, listing what it has.
 * @example
 * filterSymbols(new SyntheticSource({ symbols: 5 }), ['S001', 'S003']).symbols; // ['S001', 'S003']
 */
export function filterSymbols(source: BarSource, symbols: readonly string[]): BarSource {
  const have = new Set(source.symbols);
  const missing = symbols.filter((s) => !have.has(s));
  if (missing.length > 0) {
    const list =
      source.symbols.length > 12
        ? `${source.symbols.slice(0, 12).join(', ')}, … (${source.symbols.length} symbols)`
        : source.symbols.join(', ');
    throw new InputError(
      `${source.name}: symbol ${missing.join(', ')} not found; the source has ${list}`,
    );
  }
  const keep = new Set(symbols);
  return {
    name: source.name,
    symbols: source.symbols.filter((s) => keep.has(s)),
    async *batches(): AsyncGenerator<readonly Bar[]> {
      for await (const batch of source.batches()) {
        const kept = batch.filter((b) => keep.has(b.symbol));
        if (kept.length > 0) yield kept;
      }
    },
  };
}
