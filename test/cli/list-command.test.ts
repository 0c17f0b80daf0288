import { describe, expect, it } from 'vitest';
import { formatRunList } from '../../src/cli/list-command.ts';
import type { ListedRun } from '../../src/cli/run-listing.ts';

const run = (over: Partial<ListedRun>): ListedRun => ({
  dir: '/x/reports/a',
  file: '/x/reports/a/run.duckdb',
  scenario: 'quickstart',
  status: 'complete',
  symbols: 4,
  bars: 7440,
  startedMs: Date.UTC(2024, 0, 2, 3, 4),
  sortMs: Date.UTC(2024, 0, 2, 3, 4),
  durationS: 2.5,
  variant: 'model',
  totalReturn: 0.13,
  sharpe: 0.273,
  note: null,
  ...over,
});

describe('formatRunList', () => {
  it('doc example: one line per run, with a note column only when a run has a note', () => {
    expect(formatRunList([run({})])).toBe(
      [
        'folder        scenario    status    symbols   bars  started (UTC)     duration  variant  return  Sharpe',
        '------------  ----------  --------  -------  -----  ----------------  --------  -------  ------  ------',
        '/x/reports/a  quickstart  complete        4  7,440  2024-01-02 03:04     2.5 s  model     13.0%    0.27',
      ].join('\n'),
    );
    const text = formatRunList([
      run({}),
      run({
        dir: '/x/reports/b',
        scenario: null,
        status: 'unreadable',
        symbols: null,
        bars: null,
        startedMs: null,
        durationS: null,
        variant: null,
        totalReturn: null,
        sharpe: null,
        note: 'not a DuckDB database file',
      }),
    ]);
    expect(text.split('\n')[0]).toMatch(/Sharpe {2}note$/);
    expect(text.split('\n')[3]).toMatch(
      /^\/x\/reports\/b {2}\? +unreadable +— +— +— +— +— +— +— {2}not a DuckDB database file$/,
    );
  });
});
