/** What one progress line shows: a phase, the count so far and, when known, the total. */
export interface ProgressState {
  /** The phase: `loading data/prices.csv`, `replay model, frozen`, `writing report`. */
  readonly label: string;
  /** Units done so far; undefined for a phase without counts (a spinner and the time only). */
  readonly done?: number | undefined;
  /** Units expected; when known the line has a bar, a percentage and an ETA. */
  readonly total?: number | undefined;
  /** Name of the unit (`bars`). */
  readonly unit?: string | undefined;
  /** Shown after the count when the total is unknown (`120 slices`). */
  readonly detail?: string | undefined;
  /** Milliseconds since the phase started. */
  readonly elapsedMs: number;
  /**
   * Where the rate is measured from (the first count reported, so that start-up time before
   * counting — workers starting, data loading — does not drag the rate down); default the
   * phase's start with a count of 0.
   */
  readonly since?: { readonly done: number; readonly elapsedMs: number } | undefined;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const BAR_CELLS = 16;

/**
 * The text of one progress line (no control characters), cut to fit `columns - 1` characters so
 * the terminal never wraps it (the label is shortened first). A pure function of its inputs: the spinner's frame comes from the
 * elapsed time, the rate is the average since `since` (default the phase's start), the ETA is
 * what remains at that rate.
 *
 * @param columns the terminal's width (default 80).
 * @example
 * formatProgressLine({ label: 'replay model', done: 5000, total: 20000, unit: 'bars', elapsedMs: 2000 });
 * // 'replay model [████░░░░░░░░░░░░]  25% 5,000/20,000 bars 2.5k bars/s ETA 0:06'
 */
export function formatProgressLine(p: ProgressState, columns = 80): string {
  const unit = p.unit ?? '';
  const since = p.since ?? { done: 0, elapsedMs: 0 };
  const span = p.elapsedMs - since.elapsedMs;
  const rate = p.done !== undefined && span > 0 ? ((p.done - since.done) * 1000) / span : undefined;
  const rateText =
    rate === undefined || p.done === 0 ? '' : ` ${compact(rate)} ${unit}/s`.replace(' /s', '/s');
  let tail: string;
  if (p.done !== undefined && p.total !== undefined && p.total > 0) {
    const fraction = Math.min(1, Math.max(0, p.done / p.total));
    const filled = Math.floor(fraction * BAR_CELLS);
    const bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR_CELLS - filled)}]`;
    const pct = `${Math.floor(fraction * 100)}%`.padStart(4);
    const left = Math.max(0, p.total - p.done);
    const eta =
      left === 0
        ? 'ETA 0:00'
        : rate === undefined || rate === 0
          ? 'ETA —'
          : `ETA ${formatDuration((left / rate) * 1000)}`;
    tail = ` ${bar} ${pct} ${count(p.done)}/${count(p.total)} ${unit}${rateText} ${eta}`;
  } else {
    const counted =
      p.done === undefined
        ? ''
        : ` ${count(p.done)} ${unit}${p.detail === undefined ? '' : ` · ${p.detail}`}${rateText}`;
    tail = `${counted} ${formatDuration(p.elapsedMs)}`;
  }
  const spin =
    p.done !== undefined && p.total !== undefined && p.total > 0
      ? ''
      : `${SPINNER[Math.floor(p.elapsedMs / 100) % SPINNER.length]} `;
  // too wide: shorten the label first, so the counts and the ETA stay visible
  const max = Math.max(10, columns - 1);
  const room = max - [...spin].length - [...tail].length;
  const label = [...p.label];
  const line = `${spin}${label.length <= room ? p.label : `${label.slice(0, Math.max(0, room - 1)).join('')}…`}${tail}`;
  const chars = [...line];
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * A duration as `m:ss`, or `h:mm:ss` from an hour.
 *
 * @example
 * formatDuration(65_000); // '1:05'
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** 12,345 */
function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** 950, 12.3k, 1.2M */
function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}
