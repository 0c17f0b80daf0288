import { describe, expect, it } from 'vitest';
import { formatSummaryTable, textTable } from '../../src/cli/summary-table.ts';
import { fakeSummary } from '../helpers/fake-summary.ts';

describe('formatSummaryTable', () => {
  it('doc example: the symbol table, one row per variant and one per baseline', () => {
    const text = formatSummaryTable(fakeSummary(2));
    expect(text).toBe(
      [
        'variant model',
        'symbol  predictions  accuracy     F1  model return  buy & hold  updates  promotions  rollbacks',
        '------  -----------  --------  -----  ------------  ----------  -------  ----------  ---------',
        'S01             100     50.0%  0.400          1.0%       50.0%        2           2          1',
        'S02             100     50.0%  0.400          2.0%       50.0%        0           0          0',
        '',
        'portfolio (equal weight)',
        'variant  return  Sharpe  max DD  accuracy     F1  updates  promotions  rollbacks',
        '-------  ------  ------  ------  --------  -----  -------  ----------  ---------',
        'model     12.0%    0.80  -15.0%     52.0%  0.500        2           2          1',
        '',
        'baseline      return  Sharpe  max DD  accuracy     F1',
        '------------  ------  ------  ------  --------  -----',
        'buy_and_hold   50.0%    1.50  -20.0%         —      —',
        'frozen         -5.0%   -0.10  -30.0%     49.0%  0.450',
      ].join('\n'),
    );
  });

  it('keeps every symbol up to 12, then only the 3 best and 3 worst by model return', () => {
    expect(formatSummaryTable(fakeSummary(12)).match(/^S\d\d /gm)).toHaveLength(12);
    const text = formatSummaryTable(fakeSummary(20));
    expect(text).toContain('variant model — top 3 and bottom 3 of 20 symbols by model return');
    expect(text.match(/^S\d\d /gm)).toEqual(['S20 ', 'S19 ', 'S18 ', 'S03 ', 'S02 ', 'S01 ']);
    expect(text).toMatch(/^… 14 more$/m);
    expect(formatSummaryTable(fakeSummary(20), { maxSymbols: 30 }).match(/^S\d\d /gm)).toHaveLength(
      20,
    );
  });
});

describe('textTable', () => {
  it('doc example', () => {
    expect(textTable(['name', 'n'], [['a', '12']])).toBe('name   n\n----  --\na     12');
  });

  it('aligns columns by the letters of `align`', () => {
    expect(textTable(['a', 'b'], [['x', 'yy']], 'rl')).toBe('a  b\n-  --\nx  yy');
  });
});
