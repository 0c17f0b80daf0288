import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openRunStore } from '../store/index.ts';
import { buildSummary, type RunSummary } from './build-summary.ts';
import { renderHtmlReport } from './html-report.ts';

/**
 * Writes `summary.json` and `report.html` next to a run's DuckDB file, from that file alone.
 *
 * @returns the summary and the paths written.
 */
export async function writeReport(dirOrFile: string): Promise<{ summary: RunSummary; html: string; json: string }> {
  const store = await openRunStore(dirOrFile);
  try {
    const summary = await buildSummary(store);
    const dir = dirname(store.file);
    const json = join(dir, 'summary.json');
    const html = join(dir, 'report.html');
    writeFileSync(json, `${JSON.stringify(summary, null, 2)}\n`);
    writeFileSync(html, renderHtmlReport(summary));
    return { summary, html, json };
  } finally {
    store.close();
  }
}
