import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import {
  buildSummary,
  loadReportData,
  type RunSummary,
  renderReport,
  writeReport,
} from '../../src/report/index.ts';
import { chooseDetailSymbols } from '../../src/report/choose-detail-symbols.ts';
import { EMPTY } from '../../src/report/events-section.ts';
import { statusWarning } from '../../src/report/headline-section.ts';
import { openRunStore, type RunStore } from '../../src/store/index.ts';
import { createTinyRun } from './tiny-run.ts';

const SECTIONS = [
  'run',
  'performance',
  'equity',
  'symbols',
  'detail',
  'lifecycle',
  'tests',
  'drift',
  'alerts',
  'rejects',
];

/** Checks a page is self-contained: no external script, style, image or font. */
function expectSelfContained(html: string): void {
  expect(html).not.toMatch(/<script[^>]+src=/);
  expect(html).not.toMatch(/<link[^>]+href=/);
  expect(html).not.toMatch(/url\(\s*['"]?https?:/);
  expect(html.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]+"/g, '')).not.toMatch(
    /(src|href)="https?:/,
  );
}

function fakeSummary(returns: Record<string, number>): RunSummary {
  const symbols = Object.fromEntries(
    Object.entries(returns).map(([s, r]) => [s, { total_return: r }]),
  );
  return {
    run: { symbols: Object.keys(returns) },
    strategies: { m: { symbols } },
    models: { m: { symbols: {} } },
  } as unknown as RunSummary;
}

describe('choosing the symbols drawn in detail', () => {
  it('doc example: all symbols when there are few', () => {
    expect(
      chooseDetailSymbols(fakeSummary({ A: 0.1, B: 0.2, C: -0.1, D: 0 }), { max: 12 }).rule,
    ).toBe('all 4 symbols');
  });

  it('the best and the worst by return of the first variant when there are many', () => {
    const c = chooseDetailSymbols(fakeSummary({ A: 0.1, B: 0.5, C: -0.3, D: 0.2, E: -0.1, F: 0 }), {
      max: 3,
    });
    expect(c.symbols).toEqual(['B', 'D', 'C']);
    expect(c.why.get('B')).toBe('#1 by m return');
    expect(c.why.get('C')).toBe('#6 of 6 by m return');
    expect(c.rule).toMatch(/the 2 best and 1 worst of 6 symbols/);
  });

  it('the chosen ones, refusing a symbol the run does not have', () => {
    expect(
      chooseDetailSymbols(fakeSummary({ A: 0, B: 0 }), { max: 1, symbols: ['B'] }).symbols,
    ).toEqual(['B']);
    expect(() =>
      chooseDetailSymbols(fakeSummary({ A: 0, B: 0 }), { max: 1, symbols: ['Z'] }),
    ).toThrow(InputError);
    expect(() =>
      chooseDetailSymbols(fakeSummary({ A: 0, B: 0 }), { max: 1, symbols: ['Z'] }),
    ).toThrow(/got `Z` \(the run has A, B\)/);
  });
});

describe('the HTML report of a run with every table filled', () => {
  let store: RunStore;
  let html = '';
  beforeAll(async () => {
    store = await openRunStore(await createTinyRun({ events: true }));
    html = renderReport(await loadReportData(store, { rollingWindow: 2 }));
  });
  afterAll(() => store.close());

  it('has every section, the ensemble one included, and a chart in each chart container', () => {
    for (const id of [...SECTIONS, 'ensemble']) expect(html).toContain(`id="${id}"`);
    const figures = html.match(/<figure class="chart" id="c\d+"[^>]*>/g) ?? [];
    const svgs = html.match(/<figure class="chart" id="c\d+"[^>]*><h3>[^<]*<\/h3><svg /g) ?? [];
    expect(figures.length).toBeGreaterThanOrEqual(10);
    expect(svgs.length).toBe(figures.length);
    expectSelfContained(html);
  });

  it('headline: scenario, complete status, data, symbols, period, seed, backend', () => {
    expect(html).toContain('<h1>tiny <span class="status status-complete">complete</span></h1>');
    expect(html).not.toContain('role="alert"');
    for (const text of [
      'tiny.csv',
      '2: AAA, BBB',
      '2024-01-01 → 2024-01-02',
      '<dd>7</dd>',
      '<dd>js</dd>',
    ])
      expect(html).toContain(text);
  });

  it('tearsheet rows for the variant and the baseline', () => {
    expect(html).toMatch(/<td><b>m<\/b><\/td><td>variant<\/td><td>15\.50%<\/td>/); // 1.1 × 1.05 − 1
    expect(html).toMatch(/<td><b>buy_and_hold<\/b><\/td><td>baseline<\/td><td>5\.00%<\/td>/);
  });

  it('lists tests, drift detections, alerts, rejects and shows the symbol picker and regimes', () => {
    for (const text of [
      'adwin',
      'psi',
      'ret_1',
      'log loss above 0.8',
      'non-numeric close',
      '<span class="bad">reject</span>',
      '<span class="good">promote</span>',
    ])
      expect(html).toContain(text);
    expect(html).toContain(
      '<select id="symbol-picker" data-show="symbol"><option value="AAA">AAA</option><option value="BBB">BBB</option></select>',
    );
    expect(html).toContain('data-key="BBB" hidden');
    expect(html).toMatch(/regimes \(vol\): <span>.*calm<\/span><span>.*volatile<\/span>/);
    expect(html).toContain('Mean ensemble weight over all symbols');
    for (const e of Object.values(EMPTY)) expect(html).not.toContain(e);
  });

  it('is the same page when rendered twice from the same file', async () => {
    expect(renderReport(await loadReportData(store, { rollingWindow: 2 }))).toBe(html);
  });
});

describe('the HTML report of a failed run with empty event tables', () => {
  let html = '';
  beforeAll(async () => {
    const store = await openRunStore(await createTinyRun({ events: false }));
    try {
      html = renderReport(await loadReportData(store));
    } finally {
      store.close();
    }
  });

  it('makes the failure obvious', () => {
    expect(html).toContain('<span class="status status-failed">failed</span>');
    expect(html).toContain(
      '<div class="banner" role="alert"><b>FAILED.</b> This run failed: boom at line 9.',
    );
    expect(html).toContain('<title>livemodel — tiny (failed)</title>');
  });

  it('shows an empty-state sentence for every empty table and no ensemble section', () => {
    for (const id of SECTIONS) expect(html).toContain(`id="${id}"`);
    for (const e of Object.values(EMPTY)) expect(html).toContain(e);
    expect(html).not.toContain('id="ensemble"');
    expect(html).toContain('No champion/challenger test for BBB.');
  });

  it('has status sentences for every status', () => {
    const run = { status: 'complete', error: null } as RunSummary['run'];
    expect(statusWarning(run)).toBeNull();
    expect(statusWarning({ ...run, status: 'incomplete' })).toMatch(/stopped early/);
    expect(statusWarning({ ...run, status: 'running' })).toMatch(/never finished/);
    expect(
      statusWarning({ ...run, status: 'incomplete', status_label: 'incomplete (killed)' }),
    ).toMatch(/never finished: the process was killed/);
    expect(
      statusWarning({ ...run, status: 'incomplete', status_label: 'incomplete (interrupted)' }),
    ).toMatch(/stopped early/);
    expect(statusWarning({ ...run, status: 'failed', error: 'x' })).toMatch(/failed: x\./);
  });
});

describe('the HTML report of a run killed before it recorded anything', () => {
  it('still renders every section, with empty states and the incomplete (killed) banner', async () => {
    const store = await openRunStore(await createTinyRun({ events: false, empty: true }));
    try {
      const data = await loadReportData(store);
      expect(data.summary.strategies).toEqual({});
      expect(data.summary.annualization.periods_per_year).toBeNull();
      const html = renderReport(data);
      for (const id of SECTIONS) expect(html).toContain(`id="${id}"`);
      // recorded `running` with no finished_at: the process died, so the run is incomplete (killed)
      expect(data.summary.run).toMatchObject({
        status: 'incomplete',
        status_label: 'incomplete (killed)',
        recorded_status: 'running',
      });
      expect(html).toContain('<span class="status status-incomplete">incomplete (killed)</span>');
      expect(html).toContain(
        '<b>INCOMPLETE (KILLED).</b> This run never finished: the process was killed',
      );
      expect(html).toContain('No equity was recorded in this run, so there is no tearsheet.');
      expect(html).toContain('No prediction for AAA has a resolved label yet.');
      expect(html).not.toContain('<figure class="chart"');
    } finally {
      store.close();
    }
  });
});

describe('the report of a run with one bar after warmup', () => {
  it('summarises it without annualising (no bar spacing to infer P from)', async () => {
    const { summary } = await writeReport(
      dirname(await createTinyRun({ events: false, oneBar: true })),
    );
    expect(summary.annualization).toEqual({
      periods_per_year: null,
      convention: 'not enough bars to infer the spacing: metrics are not annualised',
    });
    expect(summary.strategies['m']?.portfolio.periods).toBe(1);
    expect(summary.strategies['m']?.portfolio.total_return).toBeCloseTo(0.1, 12);
    expect(summary.strategies['m']?.portfolio.cagr).toBeCloseTo(0.1, 12);
  });
});

describe('writeReport', () => {
  it('doc example: writes report.html and summary.json next to the run file, the summary being buildSummary', async () => {
    const file = await createTinyRun({ events: true });
    const { html, json, summary } = await writeReport(dirname(file), { detailSymbols: ['BBB'] });
    expect(html).toBe(join(dirname(file), 'report.html'));
    expect(existsSync(html)).toBe(true);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(readFileSync(html, 'utf8')).toContain('<option value="BBB">BBB — chosen</option>');
    const store = await openRunStore(file);
    try {
      expect(JSON.parse(JSON.stringify(await buildSummary(store)))).toEqual(
        JSON.parse(readFileSync(json, 'utf8')),
      );
    } finally {
      store.close();
    }
  });
});
