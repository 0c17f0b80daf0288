import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dict, InputError } from '../core/index.ts';
import { runDriftCommand } from './drift-series.ts';

/**
 * `livemodel drift --detector NAME [--param k=v]… [--column C] FILE|-`: runs one drift detector
 * over a numeric series (one number a line, or a CSV column) and prints one JSON object
 * `{detector, params, n, drifts, warnings}` (0-based indices of the values after which it fired).
 */
export function driftCli(args: string[], readStdin: () => string): string {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      detector: { type: 'string' },
      param: { type: 'string', multiple: true },
      column: { type: 'string' },
    },
  });
  if (values.detector === undefined)
    throw new InputError('drift needs --detector (adwin, page_hinkley, ddm, eddm, kswin, psi)');
  if (positionals.length !== 1)
    throw new InputError(
      `drift expects one input file (or - for stdin), got ${positionals.length}`,
    );
  const file = positionals[0] as string;
  if (file !== '-' && !existsSync(file)) throw new InputError(`input file not found: ${file}`);
  const params = dict<number>();
  for (const p of values.param ?? []) {
    const i = p.indexOf('=');
    const value = Number(p.slice(i + 1));
    if (i <= 0 || p.slice(i + 1).trim() === '' || !Number.isFinite(value))
      throw new InputError(`--param expects name=number, got \`${p}\``);
    params[p.slice(0, i)] = value;
  }
  const result = runDriftCommand({
    detector: values.detector,
    params,
    text: file === '-' ? readStdin() : readFileSync(file, 'utf8'),
    fileName: file === '-' ? 'stdin' : file,
    ...(values.column !== undefined ? { column: values.column } : {}),
  });
  return JSON.stringify(result);
}
