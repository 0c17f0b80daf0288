import { isAbsolute, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../core/index.ts';
import { type ExportFormat, exportRun } from '../store/index.ts';
import { EXPORT_USAGE } from './usage.ts';

/** Usage of `livemodel export` (its `--help`; the same line is in `livemodel --help`). */

const FORMATS: readonly ExportFormat[] = ['parquet', 'csv'];

/**
 * `livemodel export <DIR | run.duckdb> [--out DIR] [--format parquet|csv] [--views]`: writes the
 * run file's tables (and views) to Parquet or CSV files and prints each file with its row count.
 *
 * @returns the exit code (0).
 * @throws {InputError} for a missing run file or a bad option.
 */
export async function exportMain(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(EXPORT_USAGE);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, format: { type: 'string' }, views: { type: 'boolean' } },
  });
  if (positionals.length !== 1)
    throw new InputError(
      `export expects one run folder or run.duckdb file, got ${positionals.length}\n${EXPORT_USAGE}`,
    );
  const format = (values.format ?? 'parquet') as ExportFormat;
  if (!FORMATS.includes(format))
    throw new InputError(`--format expects parquet or csv, got \`${values.format}\``);
  const files = await exportRun(positionals[0] as string, {
    out: values.out,
    format,
    views: values.views ?? false,
  });
  const width = Math.max(4, ...files.map((f) => f.name.length));
  const rowsWidth = Math.max(4, ...files.map((f) => f.rows.toLocaleString('en-US').length));
  console.log(`${'name'.padEnd(width)}  ${'kind'.padEnd(5)}  ${'rows'.padStart(rowsWidth)}  file`);
  for (const f of files)
    console.log(
      `${f.name.padEnd(width)}  ${f.kind.padEnd(5)}  ${f.rows.toLocaleString('en-US').padStart(rowsWidth)}  ${shortPath(f.file)}`,
    );
  return 0;
}

/** The path relative to the working folder when it is inside it, else absolute. */
function shortPath(file: string): string {
  const r = relative(process.cwd(), file);
  return r.startsWith('..') || isAbsolute(r) ? file : r;
}
