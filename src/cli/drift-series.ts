import { describeValue, InputError, type Random } from '../core/index.ts';
import { BINARY_INPUT_DETECTORS, createDetector, type DetectorName } from '../drift/index.ts';
import { splitCsvLine } from '../feeds/index.ts';

/** Options of {@link runDriftCommand}: what the `livemodel drift` command passes in. */
export interface DriftCommandOptions {
  readonly detector: string;
  readonly params: Readonly<Record<string, number>>;
  /** The file's text. */
  readonly text: string;
  /** When given, the text is CSV with a header and this column is read. */
  readonly column?: string;
  /** Used in error messages only. */
  readonly fileName: string;
  /** Sampling source for `kswin`; defaults to one seeded by its `seed` param. */
  readonly random?: Random;
}

/** What `livemodel drift` prints as JSON. */
export interface DriftCommandResult {
  readonly detector: string;
  /** Effective parameters, defaults filled in. */
  readonly params: Record<string, number>;
  /** Number of values consumed. */
  readonly n: number;
  /** 0-based indices of the values right after which the detector signalled a drift. */
  readonly drifts: number[];
  /** 0-based indices of the values right after which it signalled a warning. */
  readonly warnings: number[];
}

/**
 * Runs one drift detector over a numeric series given as text: one number per line (blank lines
 * skipped), or a CSV file with a header row when `column` names one of its columns.
 *
 * @throws {InputError} for a bad detector or parameter, a missing column, a non-numeric value
 *   (naming `fileName:line`), or a value other than 0/1 for `ddm` and `eddm`.
 * @example
 * runDriftCommand({ detector: 'page_hinkley', params: { threshold: 5 }, text: '0\n0\n9\n', fileName: 'e.txt' });
 * // { detector: 'page_hinkley', params: {...}, n: 3, drifts: [], warnings: [] }
 */
export function runDriftCommand(opts: DriftCommandOptions): DriftCommandResult {
  const detector = createDetector(opts.detector, opts.params, opts.random);
  const values =
    opts.column === undefined
      ? parseLines(opts.text, opts.fileName)
      : parseCsvColumn(opts.text, opts.column, opts.fileName);
  const binary = BINARY_INPUT_DETECTORS.has(opts.detector as DetectorName);
  const drifts: number[] = [];
  const warnings: number[] = [];
  values.forEach(({ value, line }, i) => {
    if (binary && value !== 0 && value !== 1) {
      throw new InputError(
        `Expected 0 or 1 (error flags) for \`${opts.detector}\`, got ${describeValue(value)} at ${opts.fileName}:${line}`,
      );
    }
    const signal = detector.update(value);
    if (signal === 'drift') drifts.push(i);
    else if (signal === 'warning') warnings.push(i);
  });
  return {
    detector: detector.name,
    params: { ...detector.params },
    n: values.length,
    drifts,
    warnings,
  };
}

interface NumberAt {
  readonly value: number;
  readonly line: number;
}

function parseNumber(cell: string, fileName: string, line: number): number {
  const t = cell.trim();
  const v = t === '' ? Number.NaN : Number(t);
  if (!Number.isFinite(v)) {
    throw new InputError(
      `Expected a finite number at ${fileName}:${line}, got ${describeValue(t)}`,
    );
  }
  return v;
}

function parseLines(text: string, fileName: string): NumberAt[] {
  const out: NumberAt[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() !== '') out.push({ value: parseNumber(raw, fileName, i + 1), line: i + 1 });
  });
  return out;
}

function parseCsvColumn(text: string, column: string, fileName: string): NumberAt[] {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0)
    throw new InputError(`Expected a CSV header row in ${fileName}, got an empty file`);
  const header = splitCsvLine(lines[headerAt] as string).map((h) => h.trim());
  let col = header.indexOf(column);
  if (col < 0) col = header.findIndex((h) => h.toLowerCase() === column.toLowerCase());
  if (col < 0) {
    throw new InputError(
      `Expected column \`${column}\` in ${fileName}:${headerAt + 1}, got columns ${header.join(', ')}`,
    );
  }
  const out: NumberAt[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.trim() === '') continue;
    const cells = splitCsvLine(raw);
    out.push({ value: parseNumber(cells[col] ?? '', fileName, i + 1), line: i + 1 });
  }
  return out;
}
