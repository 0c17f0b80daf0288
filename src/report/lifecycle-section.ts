import { groupBy } from '../core/index.ts';
import type { StateInterval, VersionInterval } from '../store/index.ts';
import type { FigureBook } from './charts/figure-book.ts';
import { type GanttBar, ganttChart } from './charts/gantt-chart.ts';
import { linesChart } from './charts/lines-chart.ts';
import { STATE_COLORS, stateColor } from './charts/palette.ts';
import { type Cell, empty, esc, int, pct, table } from './html.ts';
import type { ReportData } from './load-report-data.ts';

const VERSION_COLORS = ['#2e7d32', '#1565c0', '#6a1b9a', '#ad1457', '#00838f', '#ef6c00'];
/** At most this many (symbol, variant) rows in the all-symbols state chart; beyond, counts over time. */
export const MAX_GANTT_ROWS = 40;

/** Legend of state colours as HTML swatches. */
export function stateLegend(states: readonly string[]): string {
  const known = [
    ...new Set([...Object.keys(STATE_COLORS).filter((s) => states.includes(s)), ...states]),
  ];
  return `<p class="swatches">${known.map((s) => `<span><i style="background:${stateColor(s)}"></i>${esc(s)}</span>`).join('')}</p>`;
}

/**
 * Gantt bars of one symbol's lifecycle: per variant a row of states, a row of the serving
 * version and, when there were any, a row of challengers under test.
 */
export function lifecycleBars(
  states: readonly StateInterval[],
  versions: readonly VersionInterval[],
  variants: readonly string[],
): { rows: string[]; bars: GanttBar[] } {
  const rows: string[] = [];
  const bars: GanttBar[] = [];
  for (const v of variants) {
    const st = states.filter((s) => s.variant === v);
    const champ = versions.filter((x) => x.variant === v && x.kind === 'champion');
    const chall = versions.filter((x) => x.variant === v && x.kind === 'challenger');
    if (st.length === 0 && champ.length === 0 && chall.length === 0) continue;
    const prefix = variants.length > 1 ? `${v} · ` : '';
    const add = (
      name: string,
      list: readonly { start_ts: number; end_ts: number; color: string; label: string }[],
    ) => {
      const row = rows.push(`${prefix}${name}`) - 1;
      for (const b of list)
        bars.push({ row, start: b.start_ts, end: b.end_ts, color: b.color, label: b.label });
    };
    if (st.length > 0)
      add(
        'state',
        st.map((s) => ({ ...s, color: stateColor(s.state), label: s.state })),
      );
    if (champ.length > 0)
      add(
        'serving version',
        champ.map((c) => ({
          ...c,
          color: VERSION_COLORS[(c.version - 1) % VERSION_COLORS.length] as string,
          label: `v${c.version}`,
        })),
      );
    if (chall.length > 0)
      add(
        'challengers',
        chall.map((c) => ({ ...c, color: '#9ecae1', label: `v${c.version}` })),
      );
  }
  return { rows, bars };
}

/**
 * Number of symbols in each state other than serving, over time (step counts that change at
 * interval ends), from 0 at `from` (when given and earlier than the first change).
 *
 * @example
 * nonServingCounts([{ variant: 'm', symbol: 'A', state: 'testing', start_ts: 5, end_ts: 9 }], 0).get('testing'); // [[0, 0], [5, 1], [9, 0]]
 */
export function nonServingCounts(
  states: readonly StateInterval[],
  from?: number,
): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  for (const [state, list] of groupBy(
    states.filter((s) => s.state !== 'serving'),
    (s) => s.state,
  )) {
    const deltas = new Map<number, number>();
    for (const s of list) {
      deltas.set(s.start_ts, (deltas.get(s.start_ts) ?? 0) + 1);
      deltas.set(s.end_ts, (deltas.get(s.end_ts) ?? 0) - 1);
    }
    let n = 0;
    const steps: [number, number][] = [...deltas.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([ts, d]) => {
        n += d;
        return [ts, n];
      });
    if (from !== undefined && steps.length > 0 && from < (steps[0] as [number, number])[0])
      steps.unshift([from, 0]);
    out.set(state, steps);
  }
  return out;
}

/** Share of time each (variant) spent in each state, summed over symbols. */
export function stateShares(states: readonly StateInterval[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [variant, list] of groupBy(states, (s) => s.variant)) {
    const total = list.reduce((a, s) => a + (s.end_ts - s.start_ts), 0);
    const m = new Map<string, number>();
    for (const s of list) m.set(s.state, (m.get(s.state) ?? 0) + (s.end_ts - s.start_ts) / total);
    out.set(variant, m);
  }
  return out;
}

/**
 * The lifecycle overview: which state each symbol was in over time (a Gantt chart up to
 * {@link MAX_GANTT_ROWS} rows, else the number of symbols updating, testing or rolling back over
 * time), and per variant the counts of versions, tests, promotions, rollbacks and the time share of each state.
 */
export function renderLifecycle(d: ReportData, book: FigureBook): string {
  const { first_ts: min, last_ts: max } = d.period;
  const keys = [...groupBy(d.states, (s) => `${s.symbol}\u0000${s.variant}`).keys()].sort();
  let chart: string;
  if (keys.length <= MAX_GANTT_ROWS) {
    const rows = keys.map((k) => {
      const [symbol, variant] = k.split('\u0000') as [string, string];
      return d.variants.length > 1 ? `${symbol} · ${variant}` : symbol;
    });
    const index = new Map(keys.map((k, i) => [k, i]));
    const bars = d.states.map((s) => ({
      row: index.get(`${s.symbol}\u0000${s.variant}`) as number,
      start: s.start_ts,
      end: s.end_ts,
      color: stateColor(s.state),
      label: s.state,
    }));
    chart = book.figure(
      keys.length === 0
        ? null
        : ganttChart({ rows, bars, min: min ?? undefined, max: max ?? undefined }),
      {
        title: 'Lifecycle state of each symbol over time',
        empty: 'No state transition was recorded in this run.',
      },
    );
  } else {
    const lines = [...nonServingCounts(d.states, min ?? undefined).entries()].map(
      ([state, points]) => ({ name: state, color: stateColor(state), points }),
    );
    chart = book.figure(
      linesChart({
        lines,
        yName: 'symbols',
        step: true,
        min: min ?? undefined,
        max: max ?? undefined,
      }),
      {
        title: `Symbols not serving over time (${int(keys.length)} symbol × variant lifecycles; the rest are serving)`,
        empty: 'Every symbol was serving the whole time after warmup: no update, test or rollback.',
        note: 'All variants summed. Per-symbol state charts are in the symbol panels.',
      },
    );
  }
  const shares = stateShares(d.states);
  const stateNames = [...new Set(d.states.map((s) => s.state))].sort(
    (a, b) => Object.keys(STATE_COLORS).indexOf(a) - Object.keys(STATE_COLORS).indexOf(b),
  );
  const rows: Cell[][] = Object.entries(d.summary.models).map(([variant, m]) => [
    { html: `<b>${esc(variant)}</b>` },
    int(m.lifecycle.versions),
    int(m.lifecycle.tests),
    int(m.lifecycle.promotions),
    int(m.lifecycle.rollbacks),
    ...stateNames.map((st) => pct(shares.get(variant)?.get(st) ?? 0, 1)),
  ]);
  const counts =
    rows.length === 0
      ? empty('No model variant was recorded.')
      : table(
          [
            'variant',
            'versions',
            'tests',
            'promotions',
            'rollbacks',
            ...stateNames.map((s) => `time ${s}`),
          ],
          rows,
          { className: 'num' },
        );
  return `${stateLegend(stateNames)}\n${chart}\n${counts}`;
}
