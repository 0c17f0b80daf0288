import { InputError } from '../core/index.ts';

/**
 * Splits symbols into `n` shards deterministically, as `livemodel run --shards` does: sorted by
 * code unit, then dealt round-robin (symbol i of the sorted list goes to shard i mod n). Every
 * symbol lands in exactly one shard, whatever the input order; sizes differ by at most one.
 *
 * @throws {InputError} when there are fewer symbols than shards (a shard would be empty).
 * @example
 * splitShards(['SMI', 'DAX', 'FTSE', 'CAC', 'AEX'], 2); // [['AEX', 'DAX', 'SMI'], ['CAC', 'FTSE']]
 */
export function splitShards(symbols: readonly string[], n: number): string[][] {
  const sorted = [...new Set(symbols)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (!Number.isInteger(n) || n < 1)
    throw new InputError(`\`sweep.shards\`: expected an integer >= 1, got ${n}`);
  if (sorted.length < n)
    throw new InputError(
      `\`sweep.shards\`: ${n} shards for ${sorted.length} symbol(s) (${sorted.join(', ')}) would leave a shard empty`,
    );
  const out = Array.from({ length: n }, () => [] as string[]);
  for (const [i, s] of sorted.entries()) out[i % n]?.push(s);
  return out;
}
