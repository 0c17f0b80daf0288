import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import { QualityGate, type QualityIssue } from '../../src/features/index.ts';

const warn: QualityIssue = { kind: 'stale', severity: 'warning', message: '' };
const crit: QualityIssue = { kind: 'nan', severity: 'critical', message: '' };

describe('QualityGate', () => {
  it('doc example', () => {
    const gate = new QualityGate({ level: 3, cleanBars: 2 });
    expect(gate.update([crit])).toBe('enter_safe');
    expect(gate.update([])).toBe('none');
    expect(gate.update([])).toBe('resume');
    expect(gate.safe).toBe(false);
  });

  it('accumulates a fading score of warnings (hand-computed)', () => {
    const gate = new QualityGate({ level: 2.5, cleanBars: 3, decay: 0.5 });
    expect(gate.update([warn])).toBe('none'); // 1
    expect(gate.update([warn])).toBe('none'); // 0.5 + 1 = 1.5
    expect(gate.score).toBe(1.5);
    expect(gate.update([warn, warn])).toBe('enter_safe'); // 0.75 + 2 = 2.75
    expect(gate.safe).toBe(true);
  });

  it('scattered warnings that fade never close the gate', () => {
    const gate = new QualityGate({ level: 3, cleanBars: 5 });
    for (let i = 0; i < 1000; i++) expect(gate.update(i % 10 === 0 ? [warn] : [])).toBe('none');
  });

  it('reopens only after cleanBars consecutive clean bars', () => {
    const gate = new QualityGate({ level: 1, cleanBars: 3 });
    expect(gate.update([warn])).toBe('enter_safe');
    expect(gate.update([])).toBe('none');
    expect(gate.update([])).toBe('none');
    expect(gate.update([warn])).toBe('none'); // streak broken
    expect(gate.cleanStreak).toBe(0);
    expect([[], [], []].map((i) => gate.update(i))).toEqual(['none', 'none', 'resume']);
    expect(gate.score).toBe(0);
  });

  it('rejects bad config with the field named', () => {
    expect(() => new QualityGate({ level: 0, cleanBars: 1 })).toThrow(InputError);
    expect(() => new QualityGate({ level: 1, cleanBars: 1, decay: 1 })).toThrow(
      'Expected `quality.gate.decay` to be in [0, 1), got `1` (number)',
    );
  });
});
