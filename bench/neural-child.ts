/**
 * Neural benchmark (child of bench/run.ts): `tsx bench/neural-child.ts KIND SYMBOLS`. One clock
 * tick for SYMBOLS symbols = one batched learnMany + one batched predictMany on the wasm backend,
 * for an LSTM (hidden 32, window 32) or a transformer (d 32, 4 heads, window 32). Prints the
 * median over a few ticks after a warm-up tick.
 */
import { createRandom } from '../src/core/index.ts';
import { BankRegistry, createModel, initTfBackend, type ModelSpec } from '../src/models/index.ts';

const [kind = 'lstm', symbolsText = '1000'] = process.argv.slice(2);
const symbols = Number(symbolsText);
const FEATURES = 6;
const spec: ModelSpec =
  kind === 'lstm'
    ? { kind: 'lstm', hidden: 32, window: 32 }
    : { kind: 'transformer', dModel: 32, heads: 4, ffDim: 64, window: 32 };
const backend = await initTfBackend('wasm');
const banks = new BankRegistry();
const models = Array.from({ length: symbols }, (_, i) => createModel(spec, FEATURES, i, { banks }));
const window = models[0]!.inputWindow;
const rng = createRandom(2);
const xs = models.map(() =>
  Float64Array.from({ length: window * FEATURES }, () => rng.normal() * 0.01),
);
const ys = models.map(() => (rng.next() < 0.5 ? 1 : 0));
const kernel = models[0]!.kernel;
const out = new Float64Array(symbols);
const ticks: number[] = [];
for (let t = -1; t < 4; t++) {
  const t0 = performance.now();
  kernel.learnMany(models, xs, ys);
  kernel.predictMany(models, xs, out);
  if (t >= 0) ticks.push(performance.now() - t0);
}
for (const m of models) m.dispose?.();
ticks.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    kind,
    symbols,
    backend,
    ms_per_tick: ticks[Math.floor(ticks.length / 2)],
    ticks,
  }),
);
