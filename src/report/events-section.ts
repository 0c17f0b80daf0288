import type { AbTestRow, CountRow } from '../store/index.ts';
import { type Cell, empty, esc, int, num, pageNote, table, when } from './html.ts';
import type { ReportData } from './load-report-data.ts';

/** Empty-state sentences, also checked by the tests. */
export const EMPTY = {
  tests: 'No champion/challenger test was run: the update policy never built a challenger.',
  drift: 'No drift detected in this run.',
  alerts: 'No alert was raised in this run.',
  rejects: 'No input row was rejected.',
} as const;

function decision(d: string | null): Cell {
  if (d === null) return '—';
  const cls = d === 'promote' ? 'good' : d === 'reject' ? 'bad' : '';
  return { html: `<span class="${cls}">${esc(d)}</span>` };
}

/** A table of champion/challenger tests. */
export function abTestTable(rows: readonly AbTestRow[], note?: string): string {
  return table(
    [
      'variant',
      'symbol',
      'started',
      'ended',
      'champion',
      'challenger',
      'method',
      'n',
      'statistic',
      'p-value',
      'decision',
    ],
    rows.map((r) => [
      r.variant,
      r.symbol,
      when(r.started_ts),
      when(r.ended_ts),
      `v${r.champion_version}`,
      `v${r.challenger_version}`,
      r.method ?? '—',
      int(r.n),
      num(r.statistic, 3),
      num(r.p_value, 4),
      decision(r.decision),
    ]),
    {
      className: 'num l2',
      sortable: true,
      scroll: rows.length > 15,
      ...(note === undefined ? {} : { note }),
    },
  );
}

/** Every test's sample size, statistic, p-value and decision, after a count per variant. */
export function renderAbTests(d: ReportData): string {
  const { summary, page } = d.tests;
  if (page.total === 0) return empty(EMPTY.tests);
  const counts = table(
    ['variant', 'tests', 'promoted', 'rejected', 'median n', 'median p-value'],
    summary.map((s) => [
      { html: `<b>${esc(s.variant)}</b>` },
      int(s.tests),
      int(s.promoted),
      int(s.rejected),
      num(s.median_n, 0),
      num(s.median_p_value, 4),
    ]),
    { className: 'num' },
  );
  return `${counts}\n${abTestTable(page.rows, pageNote(page.rows.length, page.total, 'ab_tests'))}`;
}

function countTable(rows: readonly CountRow[], what: string): string {
  return table(
    ['variant', what, 'events', 'symbols'],
    rows.map((r) => [r.variant, r.key, int(r.events), int(r.symbols)]),
    { className: 'num l2' },
  );
}

/** Drift detections: counts per detector and kind, then the detections in time order. */
export function renderDrift(d: ReportData): string {
  const { summary, page } = d.drift;
  if (page.total === 0) return empty(EMPTY.drift);
  const list = table(
    ['time', 'variant', 'symbol', 'detector', 'kind', 'feature'],
    page.rows.map((r) => [
      when(r.ts),
      r.variant,
      r.symbol,
      r.detector,
      r.kind ?? '—',
      r.feature ?? '—',
    ]),
    {
      sortable: true,
      scroll: true,
      ...optNote(pageNote(page.rows.length, page.total, 'drift_events')),
    },
  );
  return `${countTable(summary, 'detector · kind')}\n${list}`;
}

/** Alerts: counts per kind and severity, then the alerts in time order. */
export function renderAlerts(d: ReportData): string {
  const { summary, page } = d.alerts;
  if (page.total === 0) return empty(EMPTY.alerts);
  const list = table(
    ['time', 'variant', 'symbol', 'kind', 'severity', 'message'],
    page.rows.map((r) => [
      when(r.ts),
      r.variant,
      r.symbol,
      r.kind,
      { html: `<span class="sev-${esc(r.severity)}">${esc(r.severity)}</span>` },
      r.message ?? '',
    ]),
    { sortable: true, scroll: true, ...optNote(pageNote(page.rows.length, page.total, 'alerts')) },
  );
  return `${countTable(summary, 'kind · severity')}\n${list}`;
}

/** Input rows rejected while loading (with `onBadRow: skip`). */
export function renderRejects(d: ReportData): string {
  const page = d.rejects;
  if (page.total === 0) return empty(EMPTY.rejects);
  return table(
    ['source', 'line', 'reason'],
    page.rows.map((r) => [r.source, int(r.line), r.reason]),
    { scroll: true, ...optNote(pageNote(page.rows.length, page.total, 'data_rejects')) },
  );
}

function optNote(note: string | undefined): { note?: string } {
  return note === undefined ? {} : { note };
}
