import type { EpochMs, PredictionRowWriter } from '../core/index.ts';
import { type OnlineModel, targetLoss } from '../models/index.ts';
import type { PendingPrediction } from './pending-queue.ts';
import type { PhaseSinks } from './phase-sinks.ts';

export interface TickRecorderDeps {
  readonly variant: string;
  readonly symbol: string;
  readonly sink: PhaseSinks['predict'];
  /** What the variant's models predict (the naive baseline always predicts a direction). */
  readonly target: 'direction' | 'return';
}

/** Records what one symbol's tick produced: its predictions with their labels, ensemble weights. */
export class TickRecorder {
  private readonly deps: TickRecorderDeps;
  /** Records this symbol's prediction rows. */
  private readonly record: PredictionRowWriter;

  constructor(deps: TickRecorderDeps) {
    this.deps = deps;
    this.record = deps.sink.prediction(deps.variant, deps.symbol);
  }

  /**
   * Records the predictions of one tick with their labels: `up` (direction) for direction models
   * and the naive baseline, `y` (the log return) for return-forecast models; null labels when
   * the horizon never came.
   */
  predictions(
    p: PendingPrediction,
    up: number | null,
    y: number | null,
    horizonTs: EpochMs | null,
  ): void {
    const record = this.record;
    for (let i = 0; i < p.roles.length; i++) {
      const role = p.roles[i] as string;
      const score = p.scores[i] as number;
      const target = role === 'naive' ? 'direction' : this.deps.target;
      const label = target === 'return' ? y : up;
      const loss = label === null ? null : targetLoss(target, score, label);
      record(p.ts, horizonTs, role, p.versions[i] ?? null, score, label, loss);
    }
  }

  /** Records the champion ensemble's member weights (when it is one). */
  weights(m: OnlineModel, ts: EpochMs, regime: string | null): void {
    if (!isWeighted(m)) return;
    const w = m.weights();
    const { variant, symbol, sink } = this.deps;
    for (let i = 0; i < w.length; i++) {
      sink.write({
        type: 'weight',
        variant,
        symbol,
        ts,
        member: m.memberNames[i] ?? String(i),
        weight: w[i] as number,
        regime,
      });
    }
  }
}

function isWeighted(
  m: OnlineModel,
): m is OnlineModel & { weights(): Float64Array; readonly memberNames: readonly string[] } {
  return typeof (m as { weights?: unknown }).weights === 'function';
}
