import type { RunSummary } from './build-summary.ts';
import { duration, esc, int, when } from './html.ts';

/** The status sentence for a run that did not complete, or null when it did. */
export function statusWarning(
  run: Pick<RunSummary['run'], 'status' | 'error'> & { status_label?: string },
): string | null {
  switch (run.status_label ?? run.status) {
    case 'complete':
      return null;
    case 'incomplete':
    case 'incomplete (interrupted)':
      return 'This run was stopped early (interrupted): the figures cover only the bars replayed before it stopped.';
    case 'incomplete (killed)':
    case 'running':
      return 'This run never finished: the process was killed (its runs row still says running). The figures cover only the rows flushed before the kill.';
    case 'failed':
      return `This run failed${run.error === null ? '' : `: ${run.error}`}. The figures cover only what was recorded before the error.`;
    default:
      return `This run has the unexpected status “${run.status}”.`;
  }
}

/** The status badge: the label (`incomplete (killed)`), coloured by the status. */
export function statusBadge(
  run: Pick<RunSummary['run'], 'status'> & { status_label?: string },
): string {
  return `<span class="status status-${esc(run.status)}">${esc(run.status_label ?? run.status)}</span>`;
}

function symbolList(symbols: readonly string[]): string {
  if (symbols.length <= 12) return symbols.join(', ');
  return `${symbols.slice(0, 8).join(', ')}, … (${int(symbols.length)} in all)`;
}

/**
 * The run's headline: scenario, status (a red banner when the run did not complete), data,
 * symbols, period, seed, backend, duration.
 *
 * @param period first and last recorded bar and how many bar times.
 */
export function renderHeadline(
  s: RunSummary,
  period: { first_ts: number | null; last_ts: number | null; bars: number },
): string {
  const run = s.run;
  const warning = statusWarning(run);
  const facts: [string, string][] = [
    ['data', run.data],
    ['symbols', `${int(run.symbols.length)}: ${symbolList(run.symbols)}`],
    [
      'period',
      `${when(period.first_ts)} → ${when(period.last_ts)} (${int(period.bars)} bar times after warmup; ${int(run.bars)} input rows)`,
    ],
    ['seed', String(run.seed)],
    ['backend', run.backend],
    ['started', run.started_at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')],
    ['duration', duration(run.duration_s)],
    ['rejected rows', int(run.rejects)],
    [
      'annualisation',
      s.annualization.periods_per_year === null
        ? s.annualization.convention
        : `${s.annualization.periods_per_year} periods a year (${s.annualization.convention})`,
    ],
    ['livemodel', run.version],
    ['run id', run.run_id],
  ];
  const badge = statusBadge(run);
  return `<header id="run">
<h1>${esc(run.scenario)} ${badge}</h1>
${warning === null ? '' : `<div class="banner" role="alert"><b>${esc((run.status_label ?? run.status).toUpperCase())}.</b> ${esc(warning)}</div>`}
<dl class="facts">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>
</header>`;
}
