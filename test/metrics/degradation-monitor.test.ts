import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import { type DegradationConfig, DegradationMonitor } from '../../src/metrics/index.ts';

const base: DegradationConfig = {
  metric: 'accuracy',
  window: 4,
  threshold: 0.45,
  minSamples: 4,
  cooldown: 0,
};

describe('DegradationMonitor', () => {
  it('doc example', () => {
    const m = new DegradationMonitor({
      metric: 'accuracy',
      window: 4,
      threshold: 0.45,
      minSamples: 4,
      cooldown: 10,
    });
    for (const y of [1, 0, 0]) expect(m.update(0.9, 0.5, y)).toBeNull();
    expect(m.update(0.9, 0.5, 0)?.severity).toBe('critical');
  });

  it('absolute rule: hand-computed windows', () => {
    const m = new DegradationMonitor({ ...base, window: 10, minSamples: 10 });
    // threshold 0.45, no skill 0.5 → d = 0.05. The champion always says up, so window accuracy is
    // the share of 1s: 5/10 (ok), then 4/10 (0.05 below: warning, not more than d), then 3/10
    // (0.15 below > d: critical)
    for (const y of [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]) m.update(0.9, 0.5, y);
    const a = m.update(0.9, 0.5, 0); // drops a 1: 4/10
    expect(a?.severity).toBe('warning');
    expect(a?.message).toBe('accuracy 0.4 below threshold 0.45 over the last 10 labels');
    const b = m.update(0.9, 0.5, 0); // 3/10
    expect(b?.severity).toBe('critical');
  });

  it('log loss threshold works on the upper side', () => {
    // threshold 0.75, no skill ln 2 → d = 0.0569; critical above 0.8069
    const m = new DegradationMonitor({
      metric: 'logLoss',
      window: 2,
      threshold: 0.75,
      minSamples: 2,
      cooldown: 0,
    });
    m.update(0.5, 0.5, 1);
    expect(m.update(0.45, 0.5, 1)).toBeNull(); // (ln 2 − ln 0.45) / 2 = 0.7458
    expect(m.update(0.45, 0.5, 1)?.severity).toBe('warning'); // −ln 0.45 = 0.7985
    expect(m.update(0.4, 0.5, 1)?.severity).toBe('critical'); // (0.7985 + 0.9163) / 2 = 0.8574
  });

  it('baseline rule: warning beyond the margin, critical beyond twice the margin', () => {
    const m = new DegradationMonitor({
      metric: 'brier',
      window: 2,
      vsBaselineMargin: 0.1,
      minSamples: 2,
      cooldown: 0,
    });
    // baseline always 0.5 → Brier 0.25. Champion: 0.9 on label 0 → 0.81; 0.4 on label 1 → 0.36
    m.update(0.1, 0.5, 0); // champion 0.01
    expect(m.update(0.4, 0.5, 1)).toBeNull(); // champion (0.01 + 0.36)/2 = 0.185: better than 0.25
    const w = m.update(0.5, 0.5, 0); // champion (0.36 + 0.25)/2 = 0.305 ≤ 0.35: gap 0.055 < 0.1 → null
    expect(w).toBeNull();
    const x = m.update(0.8, 0.5, 0); // (0.25 + 0.64)/2 = 0.445: gap 0.195 → warning
    expect(x?.severity).toBe('warning');
    expect(x?.message).toBe(
      'brier 0.445 worse than baseline 0.25 by 0.195 (margin 0.1) over the last 2 labels',
    );
    expect(m.update(0.9, 0.5, 0)?.severity).toBe('critical'); // (0.64 + 0.81)/2 = 0.725: gap 0.475 > 0.2
  });

  it('respects minSamples and cooldown', () => {
    const m = new DegradationMonitor({ ...base, window: 2, minSamples: 2, cooldown: 2 });
    expect(m.update(0.9, 0.5, 0)).toBeNull(); // 1 sample
    expect(m.update(0.9, 0.5, 0)?.severity).toBe('critical');
    expect(m.update(0.9, 0.5, 0)).toBeNull(); // cooldown
    expect(m.update(0.9, 0.5, 0)).toBeNull(); // cooldown
    expect(m.update(0.9, 0.5, 0)?.severity).toBe('critical');
  });

  it('rejects bad config with the field named', () => {
    expect(() => new DegradationMonitor({ ...base, window: 0 })).toThrow(InputError);
    expect(() => new DegradationMonitor({ ...base, minSamples: 9 })).toThrow(
      'Expected `degradation.minSamples` to be an integer in [1, window = 4], got `9` (number)',
    );
    expect(() => new DegradationMonitor({ ...base, metric: 'auc' as 'accuracy' })).toThrow(
      '`degradation.metric`',
    );
    const { threshold: _t, ...noRule } = base;
    expect(() => new DegradationMonitor(noRule)).toThrow('needs at least one rule');
  });
});
