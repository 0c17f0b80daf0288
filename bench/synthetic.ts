/**
 * Hand benchmark: streams a 1,000 × 10,000 synthetic market through SyntheticSource and prints
 * the rate and peak RSS. Run: npx tsx bench/synthetic.ts [symbols] [bars]
 */
import { SyntheticSource } from '../src/feeds/index.ts';

const symbols = Number(process.argv[2] ?? 1000);
const bars = Number(process.argv[3] ?? 10_000);
const source = new SyntheticSource({
  symbols,
  bars,
  seed: 1,
  drifts: [{ at: Math.floor(bars / 2), kind: 'flip' }],
  jumps: { probability: 0.001 },
});
const t0 = performance.now();
let n = 0;
let check = 0;
for await (const batch of source.batches()) {
  n += batch.length;
  check += batch[0]?.close ?? 0;
}
const s = (performance.now() - t0) / 1000;
console.log({
  bars: n,
  seconds: Number(s.toFixed(2)),
  barsPerSecond: Math.round(n / s),
  maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  check,
});
