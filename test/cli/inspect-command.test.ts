import { describe, expect, it } from 'vitest';
import { formatRunHeader } from '../../src/cli/inspect-command.ts';
import { fakeSummary } from '../helpers/fake-summary.ts';

describe('formatRunHeader', () => {
  it('doc example', () => {
    expect(formatRunHeader(fakeSummary(2), 'reports/quickstart').split('\n')[2]).toBe(
      'status    complete',
    );
  });

  it('names the run, its status (and error), period, bars, start, duration, backend and data', () => {
    const s = fakeSummary(2);
    expect(formatRunHeader(s, 'reports/fake')).toBe(
      [
        'run       reports/fake',
        'scenario  fake (seed 1)',
        'status    complete',
        'period    2020-01-02 → 2020-12-31',
        'bars      504 · 2 symbols',
        'started   2024-01-02 03:04:05 UTC · took 13 s',
        'backend   js · livemodel 0.1.0',
        'data      fake.csv',
      ].join('\n'),
    );
    const failed = formatRunHeader(
      {
        ...s,
        run: { ...s.run, status: 'failed', error: 'disk full', finished_at: null, rejects: 3 },
      },
      'x',
    );
    expect(failed).toMatch(/^status {4}failed\nerror {5}disk full$/m);
    expect(failed).toMatch(/^bars {6}504 · 2 symbols · 3 rejected row\(s\)$/m);
    expect(failed).toMatch(/· not finished$/m);
  });
});
