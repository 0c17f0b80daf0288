import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import { Adwin, DETECTOR_DEFAULTS, createDetector } from '../../src/drift/index.ts';

const messageOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
};

describe('createDetector', () => {
  it('doc example', () => {
    const d = createDetector('adwin', { delta: 0.01 });
    expect(d).toBeInstanceOf(Adwin);
    expect(d.params['clock']).toBe(32);
    expect(d.params['delta']).toBe(0.01);
  });

  it('exports the published defaults', () => {
    expect(DETECTOR_DEFAULTS.adwin).toEqual({
      delta: 0.002,
      clock: 32,
      max_buckets: 5,
      min_window_length: 5,
      grace_period: 10,
    });
    expect(DETECTOR_DEFAULTS.page_hinkley).toEqual({
      min_instances: 30,
      delta: 0.005,
      threshold: 50,
      alpha: 1 - 0.0001,
    });
    expect(DETECTOR_DEFAULTS.ddm).toEqual({
      warm_start: 30,
      warning_threshold: 2,
      drift_threshold: 3,
    });
    expect(DETECTOR_DEFAULTS.eddm).toEqual({ warm_start: 30, alpha: 0.95, beta: 0.9 });
    expect(DETECTOR_DEFAULTS.kswin).toMatchObject({
      alpha: 0.005,
      window_size: 100,
      stat_size: 30,
    });
    expect(DETECTOR_DEFAULTS.psi).toEqual({
      reference_size: 500,
      window_size: 200,
      bins: 10,
      threshold: 0.2,
      warning_threshold: 0.1,
    });
    for (const name of Object.keys(DETECTOR_DEFAULTS)) expect(createDetector(name).name).toBe(name);
  });

  it('names the param, the range and the value with its type', () => {
    expect(messageOf(() => createDetector('adwin', { delta: 2 }))).toBe(
      'Expected `adwin.delta` to be in (0, 1), got `2` (number)',
    );
    expect(messageOf(() => createDetector('kswin', { window_size: 2.5 }))).toBe(
      'Expected `kswin.window_size` to be an integer in [2, ∞), got `2.5` (number)',
    );
    expect(messageOf(() => createDetector('page_hinkley', { threshold: Number.NaN }))).toContain(
      '`page_hinkley.threshold`',
    );
    expect(messageOf(() => createDetector('psi', { bins: '5' as unknown as number }))).toBe(
      'Expected `psi.bins` to be an integer in [2, 100], got `"5"` (string)',
    );
  });

  it('suggests a near miss for a misspelt param or detector', () => {
    expect(messageOf(() => createDetector('adwin', { detla: 0.1 }))).toMatch(
      /^Unknown parameter `adwin.detla`; did you mean `delta`\?/,
    );
    expect(messageOf(() => createDetector('kswin', { windowsize: 50 }))).toContain(
      'did you mean `window_size`?',
    );
    expect(messageOf(() => createDetector('pagehinkley'))).toContain(
      'did you mean `page_hinkley`?',
    );
    expect(messageOf(() => createDetector('zzz'))).toBe(
      'Unknown drift detector `zzz` Known detectors: adwin, page_hinkley, ddm, eddm, kswin, psi',
    );
  });

  it('checks relations between params', () => {
    expect(messageOf(() => createDetector('eddm', { alpha: 0.8, beta: 0.9 }))).toBe(
      'Expected `eddm.beta` to be <= eddm.alpha (0.8), got `0.9` (number)',
    );
    expect(messageOf(() => createDetector('kswin', { window_size: 50, stat_size: 30 }))).toContain(
      '`kswin.stat_size`',
    );
    expect(
      messageOf(() => createDetector('psi', { threshold: 0.1, warning_threshold: 0.2 })),
    ).toContain('`psi.warning_threshold`');
    expect(messageOf(() => createDetector('ddm', { warning_threshold: 4 }))).toBe(
      'Expected `ddm.warning_threshold` to be <= ddm.drift_threshold (3), got `4` (number)',
    );
  });
});
