import * as echarts from 'echarts';
import type { SweepMetric } from '../scenario/index.ts';
import type { SweepHeatmap, SweepJson } from './sweep-results.ts';

const esc = (s: string): string =>
  s.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string,
  );
const PERCENT: ReadonlySet<string> = new Set([
  'total_return',
  'cagr',
  'annual_volatility',
  'max_drawdown',
  'hit_rate',
  'costs',
  'accuracy',
]);

/** A metric value as text: percentages for return-like metrics, 3 decimals otherwise. */
export function formatMetric(metric: string, v: number | null): string {
  if (v === null) return '—';
  return PERCENT.has(metric) ? `${(v * 100).toFixed(2)}%` : v.toFixed(3);
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** The heatmap as an SVG string (ECharts, server-side rendering; no script at view time). */
export function renderHeatmapSvg(h: SweepHeatmap, lowerIsBetter: boolean): string {
  const values = h.cells.map((c) => c.value).filter((v): v is number => v !== null);
  const min = values.length > 0 ? Math.min(...values) : 0;
  const max = values.length > 0 ? Math.max(...values) : 1;
  const colors = ['#d73027', '#fee08b', '#1a9850'];
  const width = Math.max(420, 140 + 90 * h.x_values.length);
  const height = Math.max(220, 150 + 48 * h.y_values.length);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      grid: { left: 110, right: 20, top: 20, bottom: 90 },
      xAxis: {
        type: 'category',
        data: h.x_values.map(show),
        name: h.x,
        nameLocation: 'middle',
        nameGap: 28,
        splitArea: { show: true },
      },
      yAxis: {
        type: 'category',
        data: h.y_values.map((v) => (h.y === null ? '' : show(v))),
        name: h.y ?? '',
        nameLocation: 'middle',
        nameGap: 80,
        splitArea: { show: true },
      },
      visualMap: {
        min,
        max: max === min ? min + 1e-9 : max,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 160,
        text: [formatMetric(h.metric, max), formatMetric(h.metric, min)],
        inRange: { color: lowerIsBetter ? [...colors].reverse() : colors },
      },
      series: [
        {
          type: 'heatmap',
          data: h.cells.map((c) => [
            h.x_values.findIndex((v) => show(v) === show(c.x)),
            h.y_values.findIndex((v) => show(v) === show(c.y)),
            c.value ?? '-',
          ]),
          label: {
            show: true,
            formatter: (p: { value: [number, number, number | string] }) =>
              typeof p.value[2] === 'number' ? formatMetric(h.metric, p.value[2]) : '—',
          },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * The sweep's comparison page: the heatmap of the chosen metric over two parameters (others
 * averaged, said under the chart), the grid points when shards or seeds group jobs, and a
 * table of every job with its parameters, status and headline metrics. Self-contained HTML.
 *
 * @example
 * writeFileSync('out/sweep.html', renderSweepHtml(json));
 */
export function renderSweepHtml(s: SweepJson): string {
  const { sweep } = s;
  const metric = sweep.metric;
  const paths = Object.keys(sweep.parameters);
  const headline: string[] = [
    ...new Set<string>([metric, 'sharpe', 'total_return', 'max_drawdown']),
  ];
  const heatmap =
    s.heatmap === null
      ? '<p>No parameters: no heatmap.</p>'
      : `${renderHeatmapSvg(s.heatmap, sweep.lower_is_better)}
<p class="note">${esc(metric)} of the first variant’s equal-weight portfolio${sweep.shards > 1 ? ' (all shards combined)' : ''}, ${esc(s.heatmap.x)} across${s.heatmap.y === null ? '' : `, ${esc(s.heatmap.y)} down`}. ${s.heatmap.aggregated_over.length > 0 ? `Each cell is the <b>mean</b> over ${s.heatmap.aggregated_over.map(esc).join(', ')} (n in the table below).` : 'One grid point per cell.'}</p>`;
  const pointRows = s.points
    .map(
      (p) =>
        `<tr>${paths.map((k) => `<td>${esc(show(p.parameters[k]))}</td>`).join('')}<td>${p.seed}</td><td>${esc(p.jobs.join(', '))}</td><td>${esc(p.status)}</td>${headline.map((m) => `<td>${formatMetric(m, p.metrics[m as SweepMetric])}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const jobRows = s.jobs
    .map(
      (j) =>
        `<tr class="${esc(j.status)}"><td>${esc(j.job_id)}</td>${paths.map((k) => `<td>${esc(show(j.parameters[k]))}</td>`).join('')}<td>${j.seed}</td>${sweep.shards > 1 ? `<td>${j.shard}: ${esc((j.symbols ?? []).join(' '))}</td>` : ''}<td>${esc(j.status)}</td><td>${esc(j.worker ?? '—')}</td><td>${j.duration_s === null ? '—' : j.duration_s.toFixed(1)}</td>${headline.map((m) => `<td>${formatMetric(m, j.metrics[m as SweepMetric])}</td>`).join('')}<td>${formatMetric('accuracy', j.accuracy)}</td><td class="err">${esc(j.error ?? '')}</td></tr>`,
    )
    .join('\n');
  const head = (extra: string[]): string =>
    [...paths, ...extra].map((h) => `<th>${esc(h)}</th>`).join('');
  const best =
    s.best === null
      ? 'none (no completed point)'
      : `${paths.map((k) => `${esc(k)} = ${esc(show(s.best?.parameters[k]))}`).join(', ')}${paths.length > 0 ? ', ' : ''}seed ${s.best.seed}: ${esc(metric)} ${formatMetric(metric, s.best.value)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>livemodel sweep — ${esc(sweep.name)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap}th{background:#f6f6f6}tr.failed td{background:#fde8e8}tr.cancelled td,tr.incomplete td{color:#888}td.err{text-align:left;color:#a00;white-space:normal}.note{color:#555;max-width:60em}</style>
</head><body>
<h1>Sweep ${esc(sweep.name)}</h1>
<p>Status <b>${esc(sweep.status)}</b> · ${sweep.counts.jobs} jobs: ${sweep.counts.complete} complete, ${sweep.counts.failed} failed, ${sweep.counts.incomplete + sweep.counts.cancelled} not finished · ${sweep.mode === 'local' ? `${sweep.workers} worker thread(s)` : `queue ${esc(sweep.queue ?? '')}`} · ${sweep.duration_s.toFixed(1)} s · ${sweep.seeds === null ? 'the scenario’s seed' : `seeds ${esc(sweep.seeds.join(', '))}`} · ${sweep.shards} shard(s) · file ${esc(sweep.file)}</p>
<p>Best (${sweep.lower_is_better ? 'lowest' : 'highest'} ${esc(metric)}): <b>${best}</b></p>
<h2>${esc(metric)}</h2>
${heatmap}
${s.points.length !== s.jobs.length ? `<h2>Grid points (shards combined)</h2>\n<table><tr>${head(['seed', 'jobs', 'status', ...headline])}</tr>\n${pointRows}</table>` : ''}
<h2>Jobs</h2>
<table><tr><th>job</th>${head(['seed', ...(sweep.shards > 1 ? ['shard'] : []), 'status', 'worker', 'seconds', ...headline, 'accuracy', 'error'])}</tr>
${jobRows}</table>
<p class="note">Every job’s rows are in sweep.duckdb (tables of run.duckdb with a job_id column, plus jobs); each job folder has its own run.duckdb, report.html, summary.json, scenario.yaml and job.json.</p>
</body></html>
`;
}
