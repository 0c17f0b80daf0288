import { formatTs } from '../core/index.ts';

/** Escapes text for HTML content and attribute values. */
export function esc(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** A fraction as a percentage with 2 decimals; `—` for null or non-finite. */
export function pct(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined || !Number.isFinite(v)
    ? '—'
    : `${(v * 100).toFixed(digits)}%`;
}

/** A number with fixed decimals; `—` for null or non-finite. */
export function num(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

/** An integer with thousands separators; `—` for null. */
export function int(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v)
    ? '—'
    : Math.round(v).toLocaleString('en-US');
}

/** A time as ISO date (or date-time when not midnight UTC); `—` for null. */
export function when(ts: number | null | undefined): string {
  return ts === null || ts === undefined ? '—' : formatTs(ts);
}

/** A duration in seconds as `1.2 s`, `3 min 4 s` or `2 h 5 min`; `—` for null. */
export function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** A cell: plain text (escaped) or already-built HTML marked `{ html }`. */
export type Cell = string | number | { readonly html: string };

function cell(c: Cell): string {
  return typeof c === 'object' ? c.html : esc(String(c));
}

export interface TableOptions {
  /** Click a header to sort by that column (inline script). */
  readonly sortable?: boolean;
  readonly id?: string;
  readonly className?: string;
  /** A caption under the table, e.g. "first 200 of 3,000 rows". */
  readonly note?: string;
  /** Scroll inside a box of limited height (long listings). */
  readonly scroll?: boolean;
}

/** An HTML table; the first column is left-aligned, the others right-aligned. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  o: TableOptions = {},
): string {
  const cls = [o.className ?? '', o.sortable === true ? 'sortable' : '']
    .filter((c) => c !== '')
    .join(' ');
  const head = `<thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`;
  const body = `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('\n')}</tbody>`;
  const attrs = `${o.id === undefined ? '' : ` id="${esc(o.id)}"`}${cls === '' ? '' : ` class="${cls}"`}`;
  const note = o.note === undefined ? '' : `<p class="note">${esc(o.note)}</p>`;
  return `<div class="${o.scroll === true ? 'scroll' : 'table-wrap'}"><table${attrs}>${head}\n${body}</table></div>${note}`;
}

/** The sentence shown in place of an empty table or chart. */
export function empty(text: string): string {
  return `<p class="empty">${esc(text)}</p>`;
}

/** A titled report section with an anchor id. */
export function section(id: string, title: string, body: string, intro?: string): string {
  const p = intro === undefined ? '' : `<p class="intro">${esc(intro)}</p>`;
  return `<section id="${esc(id)}"><h2>${esc(title)}</h2>${p}\n${body}\n</section>`;
}

/** "first N of M rows" when a listing was cut, with where to find the rest. */
export function pageNote(shown: number, total: number, table: string): string | undefined {
  return shown < total
    ? `Showing the first ${int(shown)} of ${int(total)} rows; all are in the run file: SELECT * FROM ${table}.`
    : undefined;
}
