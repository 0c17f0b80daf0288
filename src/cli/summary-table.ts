import type { RunSummary } from '../report/index.ts';

const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const fix = (v: number | null | undefined, d: number): string => (v === null || v === undefined ? '—' : v.toFixed(d));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The end-of-run summary as text: per symbol (predictions, accuracy, F1, model return vs
 * buy-and-hold) for each variant, then the portfolio of every strategy.
 */
export function formatSummaryTable(s: RunSummary): string {
  const out: string[] = [];
  const bh = s.strategies['buy_and_hold'];
  for (const [variant, m] of Object.entries(s.models)) {
    const strat = s.strategies[variant];
    const rows = Object.entries(m.symbols).map(([sym, c]) => [
      sym,
      String(c.predictions),
      pct(c.accuracy),
      fix(c.f1, 3),
      pct(strat?.symbols[sym]?.total_return),
      pct(bh?.symbols[sym]?.total_return),
      String(c.promotions),
      String(c.rollbacks),
    ]);
    out.push(`variant ${variant}`);
    out.push(table(['symbol', 'predictions', 'accuracy', 'F1', 'model return', 'buy & hold', 'promotions', 'rollbacks'], rows));
    out.push('');
  }
  const rows = Object.entries(s.strategies).map(([name, st]) => [name, pct(st.portfolio.total_return), fix(st.portfolio.sharpe, 2), pct(st.portfolio.max_drawdown), pct(st.portfolio.hit_rate)]);
  out.push('portfolio (equal weight)');
  out.push(table(['strategy', 'return', 'Sharpe', 'max DD', 'hit rate'], rows));
  return out.join('\n');
}
