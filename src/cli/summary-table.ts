import type { RunSummary } from '../report/index.ts';
import { headlineOf } from './run-headline.ts';

const pct = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;
const fix = (v: number | null | undefined, d: number): string =>
  v === null || v === undefined ? '—' : v.toFixed(d);

/**
 * A text table with a header and a rule; `align` has one letter per column, `l` or `r` (default:
 * the first column left-aligned, the others right-aligned).
 *
 * @example
 * textTable(['name', 'n'], [['a', '12']]); // 'name   n\n----  --\na     12'
 */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align = `l${'r'.repeat(header.length - 1)}`,
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) =>
        align[i] === 'r' ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number),
      )
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export interface SummaryTableOptions {
  /** Up to this many symbols, every symbol gets a row; beyond, the top and bottom 3 by model return (default 12). */
  readonly maxSymbols?: number;
}

/**
 * The end-of-run summary as text (also `livemodel inspect`'s): per variant a symbol table
 * (predictions, accuracy, F1, model return vs buy-and-hold, updates, promotions, rollbacks) —
 * every symbol up to `maxSymbols`, else the 3 best and 3 worst by model return — then one row per
 * variant (portfolio return, Sharpe, max drawdown, accuracy, F1, updates, promotions, rollbacks)
 * and one per baseline (return, Sharpe, max drawdown, and accuracy and F1 where it predicts).
 *
 * @example
 * console.log(formatSummaryTable(JSON.parse(readFileSync('reports/quickstart/summary.json', 'utf8'))));
 */
export function formatSummaryTable(s: RunSummary, options: SummaryTableOptions = {}): string {
  const out: string[] = [];
  const head = headlineOf(s);
  for (const [variant, m] of Object.entries(s.models))
    out.push(...symbolSection(s, variant, m, options.maxSymbols ?? 12), '');
  const vRows = Object.entries(head.variants).map(([name, v]) => [
    name,
    pct(v.total_return),
    fix(v.sharpe, 2),
    pct(v.max_drawdown),
    pct(v.accuracy),
    fix(v.f1, 3),
    String(v.updates),
    String(v.promotions),
    String(v.rollbacks),
  ]);
  out.push('portfolio (equal weight)');
  out.push(
    textTable(
      [
        'variant',
        'return',
        'Sharpe',
        'max DD',
        'accuracy',
        'F1',
        'updates',
        'promotions',
        'rollbacks',
      ],
      vRows,
    ),
  );
  const bRows = Object.entries(head.baselines).map(([name, b]) => [
    name,
    pct(b.total_return),
    fix(b.sharpe, 2),
    pct(b.max_drawdown),
    pct(b.accuracy),
    fix(b.f1, 3),
  ]);
  if (bRows.length > 0) {
    out.push('');
    out.push(textTable(['baseline', 'return', 'Sharpe', 'max DD', 'accuracy', 'F1'], bRows));
  }
  for (const w of s.warnings ?? []) out.push('', `warning: ${w}`);
  return out.join('\n');
}

function symbolSection(
  s: RunSummary,
  variant: string,
  m: RunSummary['models'][string],
  maxSymbols: number,
): string[] {
  const strat = s.strategies[variant];
  const bh = s.strategies['buy_and_hold'];
  const ret = (sym: string): number | null => strat?.symbols[sym]?.total_return ?? null;
  const all = Object.keys(m.symbols);
  const row = (sym: string): string[] => {
    const c = m.symbols[sym];
    if (c === undefined) throw new Error(`summary: variant ${variant} has no symbol ${sym}`);
    return [
      sym,
      String(c.predictions),
      pct(c.accuracy),
      fix(c.f1, 3),
      pct(ret(sym)),
      pct(bh?.symbols[sym]?.total_return),
      String(Math.max(0, c.versions - 1)),
      String(c.promotions),
      String(c.rollbacks),
    ];
  };
  let rows: string[][];
  let title = `variant ${variant}`;
  if (all.length <= maxSymbols) rows = all.map(row);
  else {
    // best first; symbols without a return (no equity) rank last
    const ranked = [...all].sort(
      (a, b) =>
        (ret(b) ?? Number.NEGATIVE_INFINITY) - (ret(a) ?? Number.NEGATIVE_INFINITY) ||
        (a < b ? -1 : 1),
    );
    rows = [
      ...ranked.slice(0, 3).map(row),
      [`… ${all.length - 6} more`],
      ...ranked.slice(-3).map(row),
    ];
    title += ` — top 3 and bottom 3 of ${all.length} symbols by model return`;
  }
  return [
    title,
    textTable(
      [
        'symbol',
        'predictions',
        'accuracy',
        'F1',
        'model return',
        'buy & hold',
        'updates',
        'promotions',
        'rollbacks',
      ],
      rows,
    ),
  ];
}
