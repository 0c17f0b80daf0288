import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { InputError } from '../core/index.ts';
import {
  openRunStore,
  portfolioReturnsByStrategy,
  type RunPeriod,
  runPeriod,
} from '../store/index.ts';
import { buildSummary, type RunSummary } from './build-summary.ts';
import { equityChart } from './charts/equity-chart.ts';
import { FigureBook } from './charts/figure-book.ts';
import { isBaseline, strategyColors } from './charts/palette.ts';
import { type Curve, curveFromReturns } from './charts/curves.ts';
import { type Cell, duration, esc, int, section, table, when } from './html.ts';
import { renderPage } from './page.ts';
import { statusBadge, statusWarning } from './headline-section.ts';
import {
  classificationCells,
  orderStrategies,
  TEARSHEET_HEADERS,
  tearsheetCells,
} from './tearsheet-section.ts';

/** One run of a comparison: its label, file, summary, period and portfolio curves. */
export interface ComparedRun {
  readonly label: string;
  readonly file: string;
  readonly summary: RunSummary;
  readonly period: RunPeriod;
  readonly curves: Curve[];
}

/** Labels runs by their folder name, numbered when two folders share a name. */
export function labelRuns(files: readonly string[]): string[] {
  const names = files.map((f) => basename(dirname(resolve(f))));
  return names.map((n, i) => (names.filter((m) => m === n).length > 1 ? `#${i + 1} ${n}` : n));
}

/** Reads the runs to compare from their DuckDB files. */
export async function loadComparedRuns(targets: readonly string[]): Promise<ComparedRun[]> {
  const runs: Omit<ComparedRun, 'label'>[] = [];
  for (const t of targets) {
    const store = await openRunStore(t);
    try {
      const summary = await buildSummary(store);
      const returns = await portfolioReturnsByStrategy(store);
      runs.push({
        file: store.file,
        summary,
        period: await runPeriod(store),
        curves: returns.map((r) => curveFromReturns(r.strategy, r.ts, r.values)),
      });
    } finally {
      store.close();
    }
  }
  const labels = labelRuns(runs.map((r) => r.file));
  return runs.map((r, i) => ({ ...r, label: labels[i] as string }));
}

/** Every run's curves named `label · strategy`; identical curves (a shared baseline) drawn once. */
export function overlayCurves(runs: readonly ComparedRun[]): {
  curves: Curve[];
  colors: Map<string, string>;
  variants: Set<string>;
} {
  const seen = new Map<string, { curve: Curve; labels: string[]; variant: boolean }>();
  for (const run of runs) {
    const own = new Set(Object.keys(run.summary.models));
    for (const c of run.curves) {
      const key = `${c.name}|${c.ts.join(',')}|${c.equity.join(',')}`;
      const hit = seen.get(key);
      if (hit !== undefined) hit.labels.push(run.label);
      else seen.set(key, { curve: c, labels: [run.label], variant: own.has(c.name) });
    }
  }
  const entries = [...seen.values()].map(({ curve, labels, variant }) => ({
    curve: {
      ...curve,
      name:
        labels.length === runs.length && isBaseline(curve.name)
          ? curve.name
          : `${labels.join(', ')} · ${curve.name}`,
    },
    variant,
  }));
  const ordered = [...entries.filter((e) => e.variant), ...entries.filter((e) => !e.variant)].map(
    (e) => e.curve,
  );
  const variants = new Set(entries.filter((e) => e.variant).map((e) => e.curve.name));
  return { curves: ordered, colors: strategyColors(ordered.map((c) => c.name)), variants };
}

function headline(runs: readonly ComparedRun[]): string {
  const rows: Cell[][] = runs.map((r) => {
    const s = r.summary.run;
    return [
      { html: `<b>${esc(r.label)}</b>` },
      s.scenario,
      { html: statusBadge(s) },
      String(s.seed),
      s.data,
      int(s.symbols.length),
      `${when(r.period.first_ts)} → ${when(r.period.last_ts)}`,
      int(r.period.bars),
      s.backend,
      duration(s.duration_s),
      r.file,
    ];
  });
  const warnings = runs.flatMap((r) => {
    const w = statusWarning(r.summary.run);
    return w === null
      ? []
      : [
          `<div class="banner" role="alert"><b>${esc(r.label)}: ${esc(r.summary.run.status_label.toUpperCase())}.</b> ${esc(w)}</div>`,
        ];
  });
  return `${warnings.join('\n')}${table(['run', 'scenario', 'status', 'seed', 'data', 'symbols', 'period', 'bars', 'backend', 'duration', 'file'], rows)}`;
}

/**
 * Several runs side by side in one self-contained page: headline of each run, tearsheets of every
 * variant and baseline, direction metrics, and the portfolio equity curves overlaid with drawdowns.
 */
export function renderComparison(
  runs: readonly ComparedRun[],
  o: { maxPoints?: number } = {},
): string {
  const book = new FigureBook('k');
  const tear: Cell[][] = runs.flatMap((r) =>
    orderStrategies(r.summary).map(({ name, kind }) => [
      { html: `<b>${esc(r.label)}</b>` },
      name,
      kind,
      ...tearsheetCells((r.summary.strategies[name] as RunSummary['strategies'][string]).portfolio),
    ]),
  );
  const models: Cell[][] = runs.flatMap((r) =>
    Object.entries(r.summary.models).map(([v, m]) => [
      { html: `<b>${esc(r.label)}</b>` },
      v,
      ...classificationCells(m.overall),
      int(m.lifecycle.versions),
      int(m.lifecycle.tests),
      int(m.lifecycle.promotions),
      int(m.lifecycle.rollbacks),
    ]),
  );
  const overlay = overlayCurves(runs);
  const chart = book.figure(
    overlay.curves.length === 0
      ? null
      : equityChart({
          curves: overlay.curves,
          colors: overlay.colors,
          maxPoints: o.maxPoints ?? 500,
          emphasis: overlay.variants,
        }),
    {
      title: 'Equity and drawdown — equal-weight portfolio of each run',
      empty: 'None of these runs recorded equity.',
      note: 'Identical curves (a baseline shared by runs on the same data) are drawn once.',
    },
  );
  const body = [
    `<header id="run"><h1>Comparison of ${runs.length} runs</h1></header>`,
    section('runs', 'Runs', headline(runs)),
    section(
      'performance',
      'Performance',
      `${table(['run', 'strategy', 'kind', ...TEARSHEET_HEADERS], tear, { className: 'num l3', sortable: true })}
<h3>Direction of the next move — champions, all symbols pooled</h3>
${table(['run', 'variant', 'predictions', 'labelled', 'accuracy', 'precision', 'recall', 'F1', 'log loss', 'versions', 'tests', 'promotions', 'rollbacks'], models, { className: 'num l2', sortable: true })}`,
    ),
    section('equity', 'Portfolio over time', chart),
  ].join('\n');
  return renderPage({
    title: `livemodel — comparison of ${runs.map((r) => r.label).join(', ')}`,
    nav: [
      ['run', 'Comparison'],
      ['runs', 'Runs'],
      ['performance', 'Performance'],
      ['equity', 'Portfolio'],
    ],
    body,
    footer: `Generated by livemodel from ${runs.map((r) => `<code>${esc(r.file)}</code>`).join(', ')}.`,
  });
}

/**
 * `livemodel report DIR1 DIR2 … [--out FILE]`: writes the comparison page of two or more runs.
 *
 * @throws {InputError} with fewer than two runs, or when a run file is missing.
 * @example
 * await writeComparison(['reports/a', 'reports/b'], 'reports/compare.html');
 */
export async function writeComparison(
  targets: readonly string[],
  out: string,
  o: { maxPoints?: number } = {},
): Promise<{ html: string; runs: ComparedRun[] }> {
  if (targets.length < 2)
    throw new InputError(`Expected two or more runs to compare, got ${targets.length}`);
  const runs = await loadComparedRuns(targets);
  const html = resolve(out);
  mkdirSync(dirname(html), { recursive: true });
  writeFileSync(html, renderComparison(runs, o));
  return { html, runs };
}
