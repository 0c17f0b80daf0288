import { InputError } from '../core/index.ts';

/**
 * Splits symbols into `n` shards deterministically: sorted by code unit, then cut into contiguous
 * groups whose sizes differ by at most one (the first `len % n` shards get one more). Every symbol
 * lands in exactly one shard, whatever the input order.
 *
 * @throws {InputError} when there are fewer symbols than shards (a shard would be empty).
 * @example
 * splitShards(['SMI', 'DAX', 'FTSE', 'CAC', 'AEX'], 2); // [['AEX', 'CAC', 'DAX'], ['FTSE', 'SMI']]
 */
export function splitShards(symbols: readonly string[], n: number): string[][] {
  const sorted = [...new Set(symbols)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (!Number.isInteger(n) || n < 1) throw new InputError(`\`sweep.shards\`: expected an integer >= 1, got ${n}`);
  if (sorted.length < n) throw new InputError(`\`sweep.shards\`: ${n} shards for ${sorted.length} symbol(s) (${sorted.join(', ')}) would leave a shard empty`);
  const base = Math.floor(sorted.length / n);
  const extra = sorted.length % n;
  const out: string[][] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const size = base + (i < extra ? 1 : 0);
    out.push(sorted.slice(start, start + size));
    start += size;
  }
  return out;
}
