import { describe, expect, it } from 'vitest';
import { defaultLiveScenario } from '../../src/runner/index.ts';
import { parseDuration } from '../../src/core/index.ts';

describe('parseDuration', () => {
  it('doc example', () => {
    expect(parseDuration('1m', '--interval')).toBe(60_000);
    expect(parseDuration('500ms', '--x')).toBe(500);
    expect(parseDuration('1.5s', '--x')).toBe(1500);
    expect(parseDuration('250', '--x')).toBe(250);
    expect(() => parseDuration('1 week', '--interval')).toThrow(
      'Expected --interval to be a duration like 500ms, 1s, 1m or 1h, got `1 week`',
    );
  });
});

describe('defaultLiveScenario', () => {
  it('doc example: the quickstart model with a 30-bar warmup', () => {
    const s = defaultLiveScenario();
    expect(s.lifecycle.warmupBars).toBe(30);
    expect(s.model).toMatchObject({ kind: 'logistic', optimizer: 'adagrad' });
  });
});
