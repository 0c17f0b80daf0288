import { describe, expect, it } from 'vitest';
import { formatDuration, formatProgressLine } from '../../src/cli/progress-line.ts';

describe('formatProgressLine', () => {
  it('doc example: a bar, the percentage, the counts, the rate and the ETA', () => {
    expect(
      formatProgressLine({
        label: 'replay model',
        done: 5000,
        total: 20000,
        unit: 'bars',
        elapsedMs: 2000,
      }),
    ).toBe('replay model [████░░░░░░░░░░░░]  25% 5,000/20,000 bars 2.5k bars/s ETA 0:06');
  });

  it('is a spinner with the counts, the rate and the elapsed time when the total is unknown', () => {
    const line = formatProgressLine({
      label: 'replay model',
      done: 12_345,
      unit: 'bars',
      detail: '617 slices',
      elapsedMs: 65_000,
    });
    expect(line).toBe('⠋ replay model 12,345 bars · 617 slices 190 bars/s 1:05');
    // the frame follows the elapsed time: a pure function of its inputs
    expect(formatProgressLine({ label: 'x', elapsedMs: 0 })).toBe('⠋ x 0:00');
    expect(formatProgressLine({ label: 'x', elapsedMs: 100 })).toBe('⠙ x 0:00');
    expect(formatProgressLine({ label: 'x', elapsedMs: 1100 })).toBe('⠙ x 0:01');
  });

  it('measures the rate from `since`, so start-up time does not count', () => {
    const line = formatProgressLine({
      label: 'replay',
      done: 3000,
      total: 10_000,
      unit: 'bars',
      elapsedMs: 5000,
      since: { done: 1000, elapsedMs: 4000 },
    });
    expect(line).toContain('2.0k bars/s');
    expect(line).toContain('ETA 0:04');
  });

  it('handles the edges: nothing done yet, done, more than expected, a million per second', () => {
    expect(formatProgressLine({ label: 'r', done: 0, total: 10, unit: 'bars', elapsedMs: 0 })).toBe(
      'r [░░░░░░░░░░░░░░░░]   0% 0/10 bars ETA —',
    );
    expect(
      formatProgressLine({ label: 'r', done: 10, total: 10, unit: 'bars', elapsedMs: 1000 }),
    ).toBe('r [████████████████] 100% 10/10 bars 10 bars/s ETA 0:00');
    expect(
      formatProgressLine({ label: 'r', done: 12, total: 10, unit: 'bars', elapsedMs: 1000 }),
    ).toContain('100% 12/10 bars');
    expect(
      formatProgressLine({
        label: 'r',
        done: 3_000_000,
        total: 6_000_000,
        unit: 'bars',
        elapsedMs: 2000,
      }),
    ).toContain('1.5M bars/s ETA 0:02');
  });

  it('fits the terminal width (one column spare, so the line never wraps), shortening the label first', () => {
    const line = formatProgressLine(
      {
        label: 'replay a-very-long-variant-name, another-variant',
        done: 5000,
        total: 20000,
        unit: 'bars',
        elapsedMs: 2000,
      },
      80,
    );
    expect([...line]).toHaveLength(79);
    expect(line).toMatch(/^replay a-very-l.*… \[█/);
    expect(line.endsWith('ETA 0:06')).toBe(true);
    const narrow = formatProgressLine(
      { label: 'replay model', done: 5000, total: 20000, unit: 'bars', elapsedMs: 2000 },
      40,
    );
    expect([...narrow]).toHaveLength(39);
    expect(narrow.endsWith('…')).toBe(true);
  });
});

describe('formatDuration', () => {
  it('doc example', () => {
    expect(formatDuration(65_000)).toBe('1:05');
  });

  it('goes to hours', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(3_600_000 + 61_000)).toBe('1:01:01');
  });
});
