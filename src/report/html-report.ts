import type { RunSummary } from './build-summary.ts';

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const num = (v: number | null, d = 2): string => (v === null ? '—' : v.toFixed(d));

/**
 * A plain, self-contained HTML page of a run summary: headline, tearsheet per strategy,
 * direction metrics per symbol. No network at view time.
 */
export function renderHtmlReport(s: RunSummary): string {
  const strategies = Object.entries(s.strategies)
    .map(
      ([name, m]) =>
        `<tr><td>${esc(name)}</td><td>${pct(m.portfolio.total_return)}</td><td>${pct(m.portfolio.cagr)}</td><td>${pct(m.portfolio.annual_volatility)}</td><td>${num(m.portfolio.sharpe)}</td><td>${num(m.portfolio.sortino)}</td><td>${pct(m.portfolio.max_drawdown)}</td><td>${m.portfolio.max_drawdown_duration ?? '—'}</td><td>${pct(m.portfolio.hit_rate)}</td><td>${num(m.portfolio.turnover, 1)}</td><td>${pct(m.portfolio.costs)}</td></tr>`,
    )
    .join('\n');
  const models = Object.entries(s.models)
    .flatMap(([variant, m]) =>
      Object.entries(m.symbols).map(
        ([sym, c]) =>
          `<tr><td>${esc(variant)}</td><td>${esc(sym)}</td><td>${c.predictions}</td><td>${pct(c.accuracy)}</td><td>${num(c.f1, 3)}</td><td>${num(c.log_loss, 4)}</td><td>${c.versions}</td><td>${c.promotions}</td><td>${c.rollbacks}</td></tr>`,
      ),
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>livemodel — ${esc(s.run.scenario)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child{text-align:left}</style>
</head><body>
<h1>${esc(s.run.scenario)}</h1>
<p>Status <b>${esc(s.run.status)}</b> · seed ${s.run.seed} · data ${esc(s.run.data)} · symbols ${esc(s.run.symbols.join(', '))} · ${s.run.bars ?? '?'} bars · backend ${esc(s.run.backend)} · ${s.annualization.convention}</p>
<h2>Strategies (equal-weight portfolio)</h2>
<table><tr><th>strategy</th><th>total return</th><th>CAGR</th><th>volatility</th><th>Sharpe</th><th>Sortino</th><th>max DD</th><th>DD duration</th><th>hit rate</th><th>turnover</th><th>costs</th></tr>
${strategies}</table>
<h2>Models</h2>
<table><tr><th>variant</th><th>symbol</th><th>predictions</th><th>accuracy</th><th>F1</th><th>log loss</th><th>versions</th><th>promotions</th><th>rollbacks</th></tr>
${models}</table>
</body></html>
`;
}
