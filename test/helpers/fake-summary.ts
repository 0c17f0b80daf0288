import type { RunSummary } from '../../src/report/index.ts';

type Metrics = RunSummary['strategies'][string]['portfolio'];

/** Tearsheet metrics with the given return, Sharpe and drawdown (the rest fixed). */
export function metrics(
  total_return: number,
  sharpe: number | null = 1,
  max_drawdown = -0.1,
): Metrics {
  return {
    first_ts: '2020-01-02T00:00:00.000Z',
    last_ts: '2020-12-31T00:00:00.000Z',
    periods: 250,
    total_return,
    cagr: total_return,
    annual_volatility: 0.2,
    sharpe,
    sortino: 1,
    calmar: 1,
    max_drawdown,
    max_drawdown_duration: 10,
    hit_rate: 0.5,
    turnover: 10,
    costs: 0.01,
  };
}

const cls = (accuracy: number, f1: number) => ({
  predictions: 100,
  labelled: 99,
  accuracy,
  precision: 0.5,
  recall: 0.5,
  f1,
  log_loss: 0.69,
});

/** A summary of one variant `model` over `n` symbols S01…, symbol i returning i %, with buy-and-hold and frozen baselines. */
export function fakeSummary(n: number): RunSummary {
  const symbols = Array.from({ length: n }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);
  const per = (f: (i: number) => Metrics) =>
    Object.fromEntries(symbols.map((s, i) => [s, f(i + 1)]));
  return {
    warnings: [],
    run: {
      run_id: 'r1',
      scenario: 'fake',
      seed: 1,
      status: 'complete',
      status_label: 'complete',
      recorded_status: 'complete',
      started_at: '2024-01-02T03:04:05.000Z',
      finished_at: '2024-01-02T03:04:17.500Z',
      duration_s: 12.5,
      backend: 'js',
      data: 'fake.csv',
      symbols,
      bars: n * 252,
      rejects: 0,
      error: null,
      version: '0.1.0',
    },
    annualization: { periods_per_year: 252, convention: 'trading days' },
    strategies: {
      buy_and_hold: { portfolio: metrics(0.5, 1.5, -0.2), symbols: per(() => metrics(0.5)) },
      frozen: { portfolio: metrics(-0.05, -0.1, -0.3), symbols: per(() => metrics(-0.05)) },
      model: { portfolio: metrics(0.12, 0.8, -0.15), symbols: per((i) => metrics(i / 100)) },
    },
    models: {
      model: {
        overall: cls(0.52, 0.5),
        symbols: Object.fromEntries(
          symbols.map((s, i) => [
            s,
            {
              ...cls(0.5, 0.4),
              first_label_ts: '2020-01-03',
              versions: i === 0 ? 3 : 1,
              tests: 2,
              promotions: i === 0 ? 2 : 0,
              rollbacks: i === 0 ? 1 : 0,
            },
          ]),
        ),
        baselines: { frozen: cls(0.49, 0.45) },
        lifecycle: { versions: n + 2, tests: 2 * n, promotions: 2, rollbacks: 1 },
      },
    },
  };
}
