import { InputError } from '../core/index.ts';
import { Recorder, type RecorderOptions, type RunInfo, type RunRecorder } from './recorder.ts';
import { ThreadedRecorder } from './threaded-recorder.ts';

/**
 * Where a run's DuckDB appends happen: `thread` — on a recording thread fed with column batches
 * ({@link ThreadedRecorder}), `inline` — on the engine's thread ({@link Recorder}). Both write
 * the same table contents.
 */
export type RecorderMode = 'thread' | 'inline';

/**
 * The mode when none is asked for, by kind of run (bench/run.ts measures both: README, Speed).
 * Live: the recording thread — inline, the flushes on the engine's thread delay bars by hundreds
 * of ms at p99 (1,000 symbols at 10,000 msg/s). Replay: inline — the recording thread was not
 * measurably faster end to end (`replay_ticks_per_s`, 2 shards on 2 cores: no core is free).
 */
export const DEFAULT_RECORDER_MODE: Readonly<Record<'replay' | 'live', RecorderMode>> = {
  replay: 'inline',
  live: 'thread',
};

/**
 * The recorder mode: `mode` when given, else the `LIVEMODEL_RECORDER` environment variable, else
 * {@link DEFAULT_RECORDER_MODE} for the kind of run.
 *
 * @throws {InputError} for another value.
 * @example
 * recorderModeOf('inline'); // 'inline'
 * recorderModeOf(undefined, 'live'); // 'thread' (unless LIVEMODEL_RECORDER says otherwise)
 */
export function recorderModeOf(mode?: string, kind: 'replay' | 'live' = 'replay'): RecorderMode {
  const m = mode ?? process.env['LIVEMODEL_RECORDER'] ?? DEFAULT_RECORDER_MODE[kind];
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
  options: RecorderOptions & {
    readonly mode?: RecorderMode | undefined;
    readonly kind?: 'replay' | 'live';
  } = {},
): Promise<RunRecorder> {
  const { mode, kind, ...rest } = options;
  return recorderModeOf(mode, kind) === 'thread'
    ? ThreadedRecorder.open(file, run, rest)
    : Recorder.open(file, run, rest);
}
