import { InputError, describeValue, withDefaults } from '../core/index.ts';
import type { QualityIssue } from './quality-checker.ts';

/** Configuration of a {@link QualityGate}. */
export interface QualityGateConfig {
  /** Issue score at which the symbol must leave serving for the safe state. */
  readonly level: number;
  /** Consecutive clean bars (no issue at all) after which the symbol may serve again. */
  readonly cleanBars: number;
  /** Score multiplier per bar, in [0, 1): old issues fade (default 0.9). */
  readonly decay?: number;
  /** Score added per warning (default 1). */
  readonly warningWeight?: number;
  /** Score added per critical issue (default `level`: one critical issue is enough). */
  readonly criticalWeight?: number;
}

/** What the gate says after a bar. */
export type QualityGateEvent = 'none' | 'enter_safe' | 'resume';

/**
 * Decides, from the issues a {@link QualityChecker} finds, when a symbol must stop serving and when
 * its data is clean again. A leaky score: s ← decay · s + Σ weights(issues). When s reaches
 * `level` the gate closes (`enter_safe`); once closed it reopens (`resume`, score cleared) after
 * `cleanBars` consecutive bars without any issue. Hysteresis by construction: closing needs a
 * score, reopening a clean streak. O(issues) per bar.
 *
 * @throws {InputError} when a config field is out of range.
 * @example
 * const gate = new QualityGate({ level: 3, cleanBars: 2 });
 * const nan = { kind: 'nan', severity: 'critical', message: '' } as const;
 * gate.update([nan]); // 'enter_safe'
 * gate.update([]);    // 'none'
 * gate.update([]);    // 'resume'
 */
export class QualityGate {
  readonly config: Required<QualityGateConfig>;
  private value = 0;
  private closed = false;
  private streak = 0;

  constructor(config: QualityGateConfig) {
    const c = withDefaults({ decay: 0.9, warningWeight: 1, criticalWeight: config.level }, config);
    validate(c);
    this.config = c;
  }

  /** True while the symbol must stay in the safe state. */
  get safe(): boolean {
    return this.closed;
  }

  /** Current issue score. */
  get score(): number {
    return this.value;
  }

  /** Consecutive clean bars so far. */
  get cleanStreak(): number {
    return this.streak;
  }

  /** Takes the issues of one bar (empty when clean). */
  update(issues: readonly QualityIssue[]): QualityGateEvent {
    const { decay, warningWeight, criticalWeight, level, cleanBars } = this.config;
    let added = 0;
    for (const issue of issues)
      added += issue.severity === 'critical' ? criticalWeight : warningWeight;
    this.value = decay * this.value + added;
    this.streak = issues.length === 0 ? this.streak + 1 : 0;
    if (!this.closed && this.value >= level) {
      this.closed = true;
      return 'enter_safe';
    }
    if (this.closed && this.streak >= cleanBars) {
      this.closed = false;
      this.value = 0;
      return 'resume';
    }
    return 'none';
  }
}

function validate(c: Required<QualityGateConfig>): void {
  const fail = (field: string, rule: string, value: unknown): never => {
    throw new InputError(
      `Expected \`quality.gate.${field}\` to be ${rule}, got ${describeValue(value)}`,
    );
  };
  if (!(Number.isFinite(c.level) && c.level > 0)) fail('level', 'a finite number > 0', c.level);
  if (!Number.isInteger(c.cleanBars) || c.cleanBars < 1)
    fail('cleanBars', 'an integer >= 1', c.cleanBars);
  if (!(c.decay >= 0 && c.decay < 1)) fail('decay', 'in [0, 1)', c.decay);
  if (!(Number.isFinite(c.warningWeight) && c.warningWeight >= 0))
    fail('warningWeight', 'a finite number >= 0', c.warningWeight);
  if (!(Number.isFinite(c.criticalWeight) && c.criticalWeight >= 0))
    fail('criticalWeight', 'a finite number >= 0', c.criticalWeight);
}
