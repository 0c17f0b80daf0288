import { InputError } from '../core/index.ts';
import type { RunSummary } from './build-summary.ts';

/** The symbols that get their own charts, why each was chosen, and the rule in words. */
export interface DetailChoice {
  readonly symbols: string[];
  readonly why: Map<string, string>;
  readonly rule: string;
}

/** Every symbol of a run: from the runs row, else from the recorded strategies and models. */
export function runSymbols(summary: RunSummary): string[] {
  if (summary.run.symbols.length > 0) return [...summary.run.symbols].sort();
  const seen = new Set<string>();
  for (const s of Object.values(summary.strategies))
    for (const k of Object.keys(s.symbols)) seen.add(k);
  for (const m of Object.values(summary.models))
    for (const k of Object.keys(m.symbols)) seen.add(k);
  return [...seen].sort();
}

/**
 * Picks the symbols drawn in detail: the ones asked for; all of them when there are at most
 * `max`; otherwise the best and worst `max / 2` by total return of the first model variant
 * (best first), so a 1,000-symbol report stays small and still shows both tails.
 *
 * @throws {InputError} when an asked-for symbol is not in the run.
 * @example
 * chooseDetailSymbols(summary, { max: 12 }).rule; // "all 4 symbols"
 */
export function chooseDetailSymbols(
  summary: RunSummary,
  o: { max: number; symbols?: readonly string[] | undefined },
): DetailChoice {
  const all = runSymbols(summary);
  if (o.symbols !== undefined && o.symbols.length > 0) {
    const known = new Set(all);
    const unknown = o.symbols.filter((s) => !known.has(s));
    if (unknown.length > 0) {
      const list = all.length > 10 ? `${all.slice(0, 10).join(', ')}, …` : all.join(', ');
      throw new InputError(
        `Expected --symbols to name symbols of the run, got \`${unknown.join(',')}\` (the run has ${list})`,
      );
    }
    const symbols = [...new Set(o.symbols)];
    return {
      symbols,
      why: new Map(symbols.map((s) => [s, 'chosen'])),
      rule: `${symbols.length} chosen symbol${symbols.length === 1 ? '' : 's'}`,
    };
  }
  if (all.length <= o.max)
    return {
      symbols: all,
      why: new Map(all.map((s) => [s, ''])),
      rule: `all ${all.length} symbol${all.length === 1 ? '' : 's'}`,
    };
  const variant = Object.keys(summary.models)[0] ?? Object.keys(summary.strategies)[0] ?? '';
  const perSymbol = summary.strategies[variant]?.symbols ?? {};
  const ret = (s: string): number => perSymbol[s]?.total_return ?? Number.NEGATIVE_INFINITY;
  const ranked = [...all].sort((a, b) => ret(b) - ret(a) || a.localeCompare(b));
  const nTop = Math.ceil(o.max / 2);
  const nBottom = Math.floor(o.max / 2);
  const top = ranked.slice(0, nTop);
  const bottom = ranked.slice(ranked.length - nBottom);
  const why = new Map<string, string>();
  top.forEach((s, i) => {
    why.set(s, `#${i + 1} by ${variant} return`);
  });
  bottom.forEach((s, i) => {
    why.set(s, `#${ranked.length - nBottom + i + 1} of ${ranked.length} by ${variant} return`);
  });
  return {
    symbols: [...top, ...bottom],
    why,
    rule: `the ${nTop} best and ${nBottom} worst of ${all.length} symbols by total return of ${variant} (use \`livemodel report DIR --symbols A,B\` for others)`,
  };
}
