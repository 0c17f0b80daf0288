/**
 * Neural benchmark (child of bench/run.ts): `tsx bench/neural-child.ts KIND SYMBOLS [KERNEL]`
 * (KERNEL, or the env var KERNEL: `auto` (default), `fused` or `tfjs`, the model's `kernel`; env
 * WARMUP: warm-up ticks, default 1, 3 for `lstm-stateful` — 27 there fills the ring of cached
 * steps, whose first writes otherwise fault pages in during the measured ticks). One clock
 * tick for SYMBOLS symbols = one batched learnMany + one batched predictMany on the wasm backend,
 * for an LSTM (hidden 32, window 32), a transformer (d 32, 4 heads, window 32) or, with KIND
 * `lstm-stateful` / `transformer-stateful`, the streaming LSTM (hidden 32, bpttSteps 16) /
 * transformer (cached keys and values): each tick every symbol's series
 * moves on by one bar, the label of its prediction two ticks earlier (horizon 1, traded) is
 * learned from the cached steps, and it predicts with one cell step. Prints the median over a
 * few ticks after warm-up ticks (the streams' cold start is one of them).
 */
import { createRandom } from '../src/core/index.ts';
import { BankRegistry, createModel, initTfBackend, type ModelSpec } from '../src/models/index.ts';

const [kind = 'lstm', symbolsText = '1000', kernelArg] = process.argv.slice(2);
const symbols = Number(symbolsText);
const kernel = (kernelArg ?? process.env['KERNEL'] ?? 'auto') as 'auto' | 'fused' | 'tfjs';
const FEATURES = 6;
const withKernel = kernel === 'auto' ? {} : { kernel };
const specs: Record<string, ModelSpec> = {
  lstm: { kind: 'lstm', hidden: 32, window: 32, ...withKernel },
  'lstm-stateful': {
    kind: 'lstm',
    hidden: 32,
    window: 32,
    bpttSteps: 16,
    stateful: true,
    ...withKernel,
  },
  transformer: { kind: 'transformer', dModel: 32, heads: 4, ffDim: 64, window: 32, ...withKernel },
  'transformer-stateful': {
    kind: 'transformer',
    dModel: 32,
    heads: 4,
    ffDim: 64,
    window: 32,
    stateful: true,
    ...withKernel,
  },
};
const spec = specs[kind];
if (spec === undefined) throw new Error(`unknown kind ${kind}: ${Object.keys(specs).join('|')}`);
const stateful = kind.endsWith('-stateful');
const backend = await initTfBackend('wasm');
const banks = new BankRegistry();
const models = Array.from({ length: symbols }, (_, i) => createModel(spec, FEATURES, i, { banks }));
const window = models[0]!.inputWindow;
const rng = createRandom(2);
const bar = () => Float64Array.from({ length: FEATURES }, () => rng.normal() * 0.01);
/** Each symbol's input windows, newest last (a window model sees the same one every tick). */
let xs = models.map(() =>
  Float64Array.from({ length: window * FEATURES }, () => rng.normal() * 0.01),
);
const history: Float64Array[][] = [xs];
const advance = () => {
  xs = xs.map((x) => {
    const next = new Float64Array(x.length);
    next.set(x.subarray(FEATURES));
    next.set(bar(), x.length - FEATURES);
    return next;
  });
  history.push(xs);
  if (history.length > 3) history.shift();
};
const ys = models.map(() => (rng.next() < 0.5 ? 1 : 0));
const kernel0 = models[0]!.kernel;
const out = new Float64Array(symbols);
const ticks: number[] = [];
const learnMs: number[] = [];
/** CPU time of this process per tick (user + system): less distorted by a loaded machine. */
const cpuMs: number[] = [];
const warmup = Number(process.env['WARMUP'] ?? (stateful ? 3 : 1));
for (let t = -warmup; t < 5; t++) {
  if (stateful) advance();
  const labelled = stateful ? history[0]! : xs;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  if (!stateful || history.length === 3) kernel0.learnMany(models, labelled, ys);
  const t1 = performance.now();
  kernel0.predictMany(models, xs, out);
  if (t >= 0) {
    ticks.push(performance.now() - t0);
    learnMs.push(t1 - t0);
    const c = process.cpuUsage(c0);
    cpuMs.push((c.user + c.system) / 1000);
  }
}
for (const m of models) m.dispose?.();
const median = (a: number[]) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)]!;
console.log(
  JSON.stringify({
    kind,
    symbols,
    backend,
    kernel: kernel0.constructor.name,
    ms_per_tick: median(ticks),
    learn_ms: median(learnMs),
    predict_ms: median(ticks.map((v, i) => v - learnMs[i]!)),
    cpu_ms_per_tick: median(cpuMs),
    ticks,
  }),
);
