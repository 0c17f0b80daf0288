import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openRunStore } from '../store/index.ts';
import type { RunSummary } from './build-summary.ts';
import { loadReportData, type ReportOptions } from './load-report-data.ts';
import { renderReport } from './render-report.ts';

/**
 * Writes `summary.json` and `report.html` next to a run's DuckDB file, from that file alone.
 *
 * @param dirOrFile the run folder or its `run.duckdb`.
 * @param options report settings (rolling window, detail symbols, points per line).
 * @returns the summary and the paths written.
 * @throws {InputError} when there is no run file there, or a chosen symbol is not in the run.
 * @example
 * const { html } = await writeReport('reports/quickstart'); // reports/quickstart/report.html
 */
export async function writeReport(
  dirOrFile: string,
  options: ReportOptions = {},
): Promise<{ summary: RunSummary; html: string; json: string }> {
  const store = await openRunStore(dirOrFile);
  try {
    const data = await loadReportData(store, options);
    const dir = dirname(store.file);
    const json = join(dir, 'summary.json');
    const html = join(dir, 'report.html');
    writeFileSync(json, `${JSON.stringify(data.summary, null, 2)}\n`);
    writeFileSync(html, renderReport(data));
    return { summary: data.summary, html, json };
  } finally {
    store.close();
  }
}
