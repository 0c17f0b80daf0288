import type { FigureBook } from './charts/figure-book.ts';
import { histogramChart } from './charts/histogram-chart.ts';
import { runSymbols } from './choose-detail-symbols.ts';
import { type Cell, esc, int, num, pct, table } from './html.ts';
import type { ReportData } from './load-report-data.ts';

/**
 * Cross-symbol views first: the distribution of per-symbol total returns (variants and
 * buy-and-hold) and of per-symbol accuracy, then a sortable, filterable table of every symbol
 * per variant. Symbols with a detail panel link to it.
 */
export function renderSymbols(
  d: ReportData,
  book: FigureBook,
  colors: ReadonlyMap<string, string>,
): string {
  const s = d.summary;
  const symbols = runSymbols(s);
  const bins = Math.max(5, Math.min(30, 2 * Math.ceil(Math.sqrt(symbols.length))));
  const retNames = [
    ...d.variants,
    ...(s.strategies['buy_and_hold'] === undefined ? [] : ['buy_and_hold']),
  ].filter((n) => s.strategies[n] !== undefined);
  const returns = histogramChart({
    series: retNames.map((n) => ({
      name: n,
      color: colors.get(n) ?? '#888',
      values: symbols.map((sym) => s.strategies[n]?.symbols[sym]?.total_return ?? null),
    })),
    percent: true,
    bins,
    width: 500,
    xName: 'total return of the symbol',
  });
  const accuracy = histogramChart({
    series: d.variants.map((v) => ({
      name: v,
      color: colors.get(v) ?? '#888',
      values: symbols.map((sym) => s.models[v]?.symbols[sym]?.accuracy ?? null),
    })),
    percent: true,
    bins,
    width: 500,
    xName: 'accuracy of the champion on the symbol',
  });
  const charts = `<div class="pair">${book.figure(returns, { title: `Total return per symbol (${int(symbols.length)} symbols)`, empty: 'No per-symbol returns were recorded.', width: 500 })}
${book.figure(accuracy, { title: 'Accuracy per symbol', empty: 'No prediction has a resolved label yet.', width: 500 })}</div>`;
  return `${charts}\n${symbolTables(d, symbols)}`;
}

function symbolTables(d: ReportData, symbols: readonly string[]): string {
  const s = d.summary;
  const detailed = new Set(d.details.map((x) => x.symbol));
  const variants = d.variants.length > 0 ? d.variants : Object.keys(s.strategies).slice(0, 1);
  const picker =
    variants.length > 1
      ? `<label>variant <select data-show="symtable">${variants.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('')}</select></label>`
      : '';
  const tables = variants.map((v, i) => {
    const rows: Cell[][] = symbols.map((sym) => {
      const m = s.strategies[v]?.symbols[sym];
      const c = s.models[v]?.symbols[sym];
      const name: Cell = detailed.has(sym)
        ? { html: `<a href="#sym-${esc(sym)}" data-symbol="${esc(sym)}">${esc(sym)}</a>` }
        : sym;
      return [
        name,
        pct(m?.total_return),
        num(m?.sharpe),
        pct(m?.max_drawdown),
        pct(s.strategies['buy_and_hold']?.symbols[sym]?.total_return),
        pct(c?.accuracy),
        num(c?.f1, 3),
        num(c?.log_loss, 4),
        int(c?.versions),
        int(c?.tests),
        int(c?.promotions),
        int(c?.rollbacks),
      ];
    });
    const t = table(
      [
        'symbol',
        'return',
        'Sharpe',
        'max DD',
        'buy & hold',
        'accuracy',
        'F1',
        'log loss',
        'versions',
        'tests',
        'promotions',
        'rollbacks',
      ],
      rows,
      { className: 'num symtable', sortable: true },
    );
    return `<div data-group="symtable" data-key="${esc(v)}"${i === 0 ? '' : ' hidden'}>${t}</div>`;
  });
  return `<h3>Every symbol</h3>
<div class="controls">${picker}<label>filter <input type="search" data-filter="symtable" placeholder="symbol…"></label><span class="note">click a column to sort; linked symbols have charts below</span></div>
<div class="scroll">${tables.join('\n')}</div>`;
}
