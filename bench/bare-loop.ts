/**
 * The harness's per-tick math as a bare loop (run as a child by bench/run.ts):
 * `tsx bench/bare-loop.ts SYMBOLS BARS`. The same synthetic market, features, logistic champion
 * (learning test-then-train), frozen and naive predictions, ADWIN on the error stream, regime rule,
 * data-quality checks, prequential metrics and four books per symbol — with no actors, no machine,
 * no clock, no outcome events and no recording. Prints one JSON line.
 */
import { join } from 'node:path';
import { Book, targetPosition } from '../src/backtest/index.ts';
import { createRandom, type Bar } from '../src/core/index.ts';
import { createDetector } from '../src/drift/index.ts';
import { FeaturePipeline, QualityChecker } from '../src/features/index.ts';
import { SyntheticSource } from '../src/feeds/index.ts';
import { ClassificationMetrics } from '../src/metrics/index.ts';
import {
  createModel,
  createFrozenBaseline,
  NaiveDirection,
  type OnlineModel,
} from '../src/models/index.ts';
import { RuleRegimeDetector } from '../src/regime/index.ts';
import { planRun } from '../src/runner/index.ts';

const [symbols = 1000, bars = 1000] = process.argv.slice(2).map(Number);
const plan = await planRun({
  scenario: join(import.meta.dirname, 'bench-replay.yaml'),
  set: [
    ['data.synthetic.symbols', String(symbols)],
    ['data.synthetic.bars', String(bars)],
  ],
});
const { config } = plan;
const variant = config.variants[0]!;
const quality = config.monitoring.quality!;

interface State {
  features: FeaturePipeline;
  champion: OnlineModel;
  frozen: OnlineModel | null;
  naive: NaiveDirection;
  adwin: ReturnType<typeof createDetector>;
  regime: RuleRegimeDetector;
  quality: QualityChecker;
  metrics: ClassificationMetrics;
  books: Book[];
  bars: number;
  prevX: Float64Array | null;
  prevClose: number;
  prevScores: number[];
}

const states = new Map<string, State>();
const stateOf = (symbol: string): State => {
  let s = states.get(symbol);
  if (s === undefined) {
    const features = new FeaturePipeline(config.features);
    s = {
      features,
      champion: createModel(variant.model, features.size, 1),
      frozen: null,
      naive: new NaiveDirection(0),
      adwin: createDetector('adwin', {}, createRandom(1)),
      regime: new RuleRegimeDetector(),
      quality: new QualityChecker(quality),
      metrics: new ClassificationMetrics(),
      books: [0, 1, 2, 3].map(() => new Book(config.book)),
      bars: 0,
      prevX: null,
      prevClose: Number.NaN,
      prevScores: [],
    };
    states.set(symbol, s);
  }
  return s;
};

function step(bar: Bar): void {
  const s = stateOf(bar.symbol);
  s.bars++;
  if (s.prevX !== null) {
    const y = bar.close > s.prevClose ? 1 : 0;
    const p = s.prevScores[0] as number;
    s.metrics.update(p, y);
    s.adwin.update(p > 0.5 === (y === 1) ? 0 : 1);
    s.champion.learn(s.prevX, y);
  }
  s.quality.update(bar);
  if (!Number.isNaN(s.prevClose)) s.regime.update(Math.log(bar.close / s.prevClose));
  s.features.update(bar.close);
  s.prevClose = bar.close;
  if (!s.features.ready) return;
  const x = Float64Array.from(s.features.values());
  if (s.bars >= variant.lifecycle.warmupBars && s.frozen === null)
    s.frozen = createFrozenBaseline(s.champion);
  const scores =
    s.frozen === null
      ? [s.champion.predict(x)]
      : [s.champion.predict(x), s.frozen.predict(x), s.naive.predict(x)];
  if (s.frozen !== null) {
    for (let i = 0; i < 4; i++) {
      const b = s.books[i] as Book;
      b.onBar(bar.open, bar.close);
      b.order(i === 3 ? 1 : targetPosition(scores[i] as number, config.position));
    }
  }
  s.prevX = x;
  s.prevScores = scores;
}

const source = new SyntheticSource(
  plan.data.synthetic === undefined ? {} : { ...plan.data.synthetic, seed: plan.scenario.seed },
);
const t0 = performance.now();
let ticks = 0;
for await (const batch of source.batches()) {
  for (const bar of batch) step(bar);
  ticks += batch.length;
}
const seconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    symbols,
    bars,
    ticks,
    seconds,
    ticks_per_s: ticks / seconds,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  }),
);
