import { type Bar, type EpochMs, InputError, logLoss, type Random } from '../core/index.ts';
import { createDetector, type DriftDetector } from '../drift/index.ts';
import { QualityChecker, QualityGate } from '../features/index.ts';
import { DegradationMonitor } from '../metrics/index.ts';
import type { PhaseSink } from './phase-sinks.ts';
import { OnlineGaussianHmm, type Regime, RuleRegimeDetector } from '../regime/index.ts';
import type { DriftMonitorSpec, MonitoringConfig } from './config.ts';

/** A monitoring outcome the symbol's machine must hear about. */
export type MonitorSignal =
  | { type: 'drift.detected'; detector: string }
  | { type: 'metrics.degraded'; message: string }
  | { type: 'quality.failed'; message: string }
  | { type: 'quality.recovered' };

interface WatchedDetector {
  readonly spec: DriftMonitorSpec;
  readonly detector: DriftDetector;
  readonly featureIndex: number;
  inWarning: boolean;
}

/**
 * The monitors of one symbol: drift detectors on the champion's error stream or on features,
 * the degradation rules, the data-quality checker and gate, and the regime detectors. Each
 * records what it sees (drift_events, alerts, regimes) and returns the signals for the machine.
 * `changeTs` is when the current change began: the first warning before a drift, else the drift.
 */
export class SymbolMonitors {
  private readonly symbol: string;
  private readonly variant: string;
  private readonly sink: PhaseSink<'monitor'>;
  private drift: WatchedDetector[];
  private readonly featureNames: readonly string[];
  private readonly random: Random;
  private generation = 0;
  private readonly degradation: DegradationMonitor | null;
  private readonly quality: QualityChecker | null;
  private readonly gate: QualityGate | null;
  private readonly rule: RuleRegimeDetector | null;
  private readonly hmm: OnlineGaussianHmm | null;
  private lastRegime: Regime | null = null;
  private lastHmm: Regime | null = null;
  private lastClose = Number.NaN;
  private warningTs: EpochMs | null = null;
  changeTs: EpochMs | null = null;

  constructor(
    config: MonitoringConfig,
    featureNames: readonly string[],
    symbol: string,
    variant: string,
    sink: PhaseSink<'monitor'>,
    random: Random,
  ) {
    this.symbol = symbol;
    this.variant = variant;
    this.sink = sink;
    this.featureNames = featureNames;
    this.random = random;
    this.drift = this.watch(config.drift);
    this.degradation =
      config.degradation === null ? null : new DegradationMonitor(config.degradation);
    this.quality = config.quality === null ? null : new QualityChecker(config.quality);
    this.gate = config.quality === null ? null : new QualityGate(config.quality);
    const r = config.regime;
    this.rule = r !== null && r.detector !== 'hmm' ? new RuleRegimeDetector(r.rule) : null;
    this.hmm = r !== null && r.detector !== 'rule' ? new OnlineGaussianHmm(r.hmm) : null;
  }

  /** The drift detectors being fed, as specs. */
  get driftSpecs(): DriftMonitorSpec[] {
    return this.drift.map((d) => d.spec);
  }

  /**
   * Replaces the drift detectors (fresh state) — the control API's `detectors` setting.
   *
   * @throws {InputError} for an unknown detector, parameter or feature.
   */
  replaceDrift(specs: readonly DriftMonitorSpec[]): void {
    this.generation++;
    this.drift = this.watch(specs);
    this.warningTs = null;
  }

  private watch(specs: readonly DriftMonitorSpec[]): WatchedDetector[] {
    return specs.map((spec, i) => {
      const featureIndex =
        spec.on === 'feature' ? this.featureNames.indexOf(spec.feature ?? '') : -1;
      if (spec.on === 'feature' && featureIndex < 0)
        throw new InputError(
          `Expected a feature among ${this.featureNames.join(', ')}, got \`${spec.feature ?? ''}\``,
        );
      const random = this.random.fork(
        this.generation === 0 ? `drift${i}` : `drift${i}:g${this.generation}`,
      );
      return {
        spec,
        detector: createDetector(spec.detector as 'adwin', spec.params, random),
        featureIndex,
        inWarning: false,
      };
    });
  }

  /** The current regime (rule detector first), or null before any. */
  get regime(): Regime | null {
    return this.lastRegime ?? this.lastHmm;
  }

  /** A new bar before features: data quality and regimes. */
  onBar(bar: Bar, out: MonitorSignal[]): void {
    if (this.quality !== null && this.gate !== null) {
      const issues = this.quality.update(bar);
      for (const i of issues) this.alert(bar.ts, i.kind, i.severity, i.message);
      const g = this.gate.update(issues);
      if (g === 'enter_safe')
        out.push({
          type: 'quality.failed',
          message: issues.map((i) => i.kind).join(', ') || 'quality score',
        });
      else if (g === 'resume') out.push({ type: 'quality.recovered' });
    }
    const r = Number.isNaN(this.lastClose) ? Number.NaN : Math.log(bar.close / this.lastClose);
    this.lastClose = bar.close;
    if (!Number.isFinite(r)) return;
    if (this.rule !== null)
      this.lastRegime = this.regimeChange(bar.ts, this.rule.update(r), this.lastRegime, 'rule');
    if (this.hmm !== null)
      this.lastHmm = this.regimeChange(bar.ts, this.hmm.update(r), this.lastHmm, 'hmm');
  }

  /** Features of a bar: feature-drift detectors. */
  onFeatures(ts: EpochMs, x: Float64Array, out: MonitorSignal[]): void {
    for (const d of this.drift)
      if (d.featureIndex >= 0) this.feed(d, x[d.featureIndex] as number, ts, out);
  }

  /** A resolved champion label: error-drift detectors and degradation rules. */
  onLabel(
    ts: EpochMs,
    championScore: number,
    baselineScore: number | null,
    label: number,
    out: MonitorSignal[],
  ): void {
    const wrong = championScore > 0.5 !== (label === 1) ? 1 : 0;
    for (const d of this.drift) {
      if (d.spec.on === 'error') this.feed(d, wrong, ts, out);
      else if (d.spec.on === 'loss') this.feed(d, logLoss(championScore, label), ts, out);
    }
    if (this.degradation !== null) {
      const a = this.degradation.update(championScore, baselineScore ?? 0.5, label);
      if (a !== null) {
        this.alert(ts, a.kind, a.severity, a.message);
        out.push({ type: 'metrics.degraded', message: a.message });
      }
    }
  }

  private feed(d: WatchedDetector, value: number, ts: EpochMs, out: MonitorSignal[]): void {
    if (!Number.isFinite(value)) return;
    const signal = d.detector.update(value);
    if (signal === 'none') {
      d.inWarning = false;
      return;
    }
    const feature = d.spec.on === 'feature' ? (d.spec.feature ?? null) : null;
    if (signal === 'warning') {
      if (!d.inWarning) {
        this.sink.write({
          type: 'drift',
          variant: this.variant,
          symbol: this.symbol,
          ts,
          detector: d.spec.detector,
          kind: 'warning',
          feature,
        });
        this.warningTs ??= ts;
      }
      d.inWarning = true;
      return;
    }
    d.inWarning = false;
    this.sink.write({
      type: 'drift',
      variant: this.variant,
      symbol: this.symbol,
      ts,
      detector: d.spec.detector,
      kind: 'drift',
      feature,
    });
    this.changeTs = this.warningTs ?? ts;
    this.warningTs = null;
    out.push({ type: 'drift.detected', detector: d.spec.detector });
  }

  private regimeChange(ts: EpochMs, next: Regime, last: Regime | null, detector: string): Regime {
    if (next !== last)
      this.sink.write({
        type: 'regime',
        variant: this.variant,
        symbol: this.symbol,
        ts,
        regime: next,
        detector,
      });
    return next;
  }

  private alert(
    ts: EpochMs,
    kind: string,
    severity: 'info' | 'warning' | 'critical',
    message: string,
  ): void {
    this.sink.write({
      type: 'alert',
      variant: this.variant,
      symbol: this.symbol,
      ts,
      kind,
      severity,
      message,
    });
  }
}
