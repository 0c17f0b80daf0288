import { DataError, InputError } from '../core/index.ts';
import type { BadRowPolicy, RejectHandler } from './bar-source.ts';

/** Why a row is bad: `input` for unreadable fields, `data` for broken invariants (order, sign). */
export type BadRowKind = 'input' | 'data';

/** Reports one bad row at a line or row number, by the source's policy. */
export type BadRowReporter = (line: number, reason: string, kind: BadRowKind) => void;

/**
 * Applies a bad-row policy the same way for every file source. With `fail` it throws at once,
 * naming `file:line`; with `skip` it records the row through `onReject` (the CLI writes it to
 * `data_rejects`) and counts it. `unit` names what the number counts: `line` for text files,
 * `row` for Parquet and Arrow (1-based data row).
 *
 * @throws {InputError} policy `fail`, kind `input`.
 * @throws {DataError} policy `fail`, kind `data`.
 * @example
 * const bad = createBadRowReporter('a.csv', 'skip', (r) => rejects.push(r));
 * bad(3, 'close is `abc`, expected a finite positive number', 'input'); // recorded, not thrown
 */
export function createBadRowReporter(
  file: string,
  policy: BadRowPolicy,
  onReject: RejectHandler | undefined,
  unit: 'line' | 'row' = 'line',
): BadRowReporter & { readonly count: number } {
  let count = 0;
  const where = (n: number): string => (unit === 'line' ? `${file}:${n}` : `${file}: row ${n}`);
  const report = (line: number, reason: string, kind: BadRowKind): void => {
    if (policy === 'fail')
      throw kind === 'input'
        ? new InputError(`${where(line)}: ${reason}`)
        : new DataError(`${where(line)}: ${reason}`);
    count++;
    onReject?.({ type: 'reject', source: file, line, reason });
  };
  return Object.defineProperty(report, 'count', { get: () => count }) as BadRowReporter & {
    readonly count: number;
  };
}
