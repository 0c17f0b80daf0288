import { InputError } from '../core/index.ts';
import { Recorder, type RecorderOptions, type RunInfo, type RunRecorder } from './recorder.ts';
import { ThreadedRecorder } from './threaded-recorder.ts';

/**
 * Where a run's DuckDB appends happen: `thread` — on a recording thread fed with column batches
 * ({@link ThreadedRecorder}), `inline` — on the engine's thread ({@link Recorder}). Both write
 * the same table contents.
 */
export type RecorderMode = 'thread' | 'inline';

/** The mode when none is asked for (bench/run.ts measures both: README, Speed). */
export const DEFAULT_RECORDER_MODE: RecorderMode = 'thread';

/**
 * The recorder mode: `mode` when given, else the `LIVEMODEL_RECORDER` environment variable, else
 * {@link DEFAULT_RECORDER_MODE}.
 *
 * @throws {InputError} for another value.
 * @example
 * recorderModeOf('inline'); // 'inline'
 */
export function recorderModeOf(mode?: string): RecorderMode {
  const m = mode ?? process.env['LIVEMODEL_RECORDER'] ?? DEFAULT_RECORDER_MODE;
  if (m === 'thread' || m === 'inline') return m;
  throw new InputError(
    `Expected the recorder mode (LIVEMODEL_RECORDER) to be \`thread\` or \`inline\`, got \`${m}\``,
  );
}

/**
 * Opens a run file for recording, on a recording thread or inline (see {@link recorderModeOf}).
 *
 * @example
 * const rec = await openRecorder('out/run.duckdb', info, { mode: 'inline' });
 */
export function openRecorder(
  file: string,
  run: RunInfo,
  options: RecorderOptions & { readonly mode?: RecorderMode | undefined } = {},
): Promise<RunRecorder> {
  const { mode, ...rest } = options;
  return recorderModeOf(mode) === 'thread'
    ? ThreadedRecorder.open(file, run, rest)
    : Recorder.open(file, run, rest);
}
