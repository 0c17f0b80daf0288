import pino from 'pino';
import { InputError, type OutcomeEvent, type OutcomeSink } from '../core/index.ts';

export type LogFormat = 'json' | 'pretty';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Context carried by a log record: the run, and where in it (variant, symbol). */
export type LogContext = Readonly<Record<string, string | number | boolean | null>>;

/**
 * What `serve` and `live` log through: JSON lines (pino) for machines, or the plain lines a
 * terminal shows. `text` is multi-line output meant for a person (the summary table): printed as
 * is in `pretty`, one record with the text in `json`.
 */
export interface Logger {
  debug(msg: string, ctx?: LogContext): void;
  info(msg: string, ctx?: LogContext): void;
  warn(msg: string, ctx?: LogContext): void;
  error(msg: string, ctx?: LogContext): void;
  text(text: string, ctx?: LogContext): void;
  child(ctx: LogContext): Logger;
}

/** Checks `--log-format` and `--log-level`. @throws {InputError} naming the option. */
export function parseLogOptions(
  format: string | undefined,
  level: string | undefined,
): { format: LogFormat; level: LogLevel } {
  if (format !== undefined && format !== 'json' && format !== 'pretty')
    throw new InputError(`--log-format expects json or pretty, got \`${format}\``);
  if (level !== undefined && !LEVELS.includes(level as LogLevel))
    throw new InputError(`--log-level expects ${LEVELS.join(', ')}, got \`${level}\``);
  return { format: (format ?? 'pretty') as LogFormat, level: (level ?? 'info') as LogLevel };
}

/**
 * A logger writing to stdout (or `write`, for tests).
 *
 * @example
 * const log = createLogger({ format: 'json', level: 'info', base: { run: 'a1b2' } });
 * log.child({ variant: 'model', symbol: 'BTCUSDT' }).warn('disconnect');
 * // {"level":"warn","time":…,"run":"a1b2","variant":"model","symbol":"BTCUSDT","msg":"disconnect"}
 */
export function createLogger(opts: {
  readonly format: LogFormat;
  readonly level: LogLevel;
  readonly base?: LogContext;
  readonly write?: (line: string) => void;
}): Logger {
  const write = opts.write ?? ((line: string) => process.stdout.write(line));
  if (opts.format === 'json') {
    const p = pino(
      {
        level: opts.level,
        base: { ...opts.base },
        formatters: { level: (label) => ({ level: label }) },
        timestamp: pino.stdTimeFunctions.isoTime,
      },
      { write },
    );
    const wrap = (l: pino.Logger): Logger => ({
      debug: (msg, ctx) => l.debug({ ...ctx }, msg),
      info: (msg, ctx) => l.info({ ...ctx }, msg),
      warn: (msg, ctx) => l.warn({ ...ctx }, msg),
      error: (msg, ctx) => l.error({ ...ctx }, msg),
      text: (text, ctx) => l.info({ ...ctx, text }, text.split('\n')[0] ?? ''),
      child: (ctx) => wrap(l.child({ ...ctx })),
    });
    return wrap(p);
  }
  const min = LEVELS.indexOf(opts.level);
  const line = (level: LogLevel, msg: string): void => {
    if (LEVELS.indexOf(level) >= min) write(`${msg}\n`);
  };
  const pretty: Logger = {
    debug: (msg) => line('debug', msg),
    info: (msg) => line('info', msg),
    warn: (msg) => line('warn', msg),
    error: (msg) => line('error', msg),
    text: (text) => line('info', text),
    child: () => pretty,
  };
  return pretty;
}

/**
 * The lifecycle and feed outcomes worth a log line, with their variant and symbol: alerts (feed
 * disconnects, degradation, data quality) at their severity, challenger tests and promotions and
 * rollbacks at info, drift detections at info, state transitions at debug.
 */
export function outcomeLogSink(log: Logger): OutcomeSink {
  return {
    write(e: OutcomeEvent): void {
      if (e.type === 'alert') {
        const ctx = { variant: e.variant, symbol: e.symbol, kind: e.kind };
        const msg = `[${e.severity}] ${e.kind} ${e.symbol}: ${e.message}`;
        if (e.severity === 'critical') log.error(msg, ctx);
        else if (e.severity === 'warning') log.warn(msg, ctx);
        else log.info(msg, ctx);
      } else if (e.type === 'ab_test') {
        log.info(
          `${e.variant} ${e.symbol}: ${e.method} test of v${e.challengerVersion} against v${e.championVersion}: ${e.decision} (n ${e.n}, p ${e.pValue.toPrecision(3)})`,
          { variant: e.variant, symbol: e.symbol, decision: e.decision, p_value: e.pValue },
        );
      } else if (e.type === 'version_event' && (e.event === 'promoted' || e.event === 'restored')) {
        log.info(`${e.variant} ${e.symbol}: v${e.version} ${e.event} (${e.detail})`, {
          variant: e.variant,
          symbol: e.symbol,
          version: e.version,
          event: e.event,
        });
      } else if (e.type === 'drift') {
        log.info(`${e.variant} ${e.symbol}: ${e.kind} from ${e.detector}`, {
          variant: e.variant,
          symbol: e.symbol,
          detector: e.detector,
        });
      } else if (e.type === 'transition') {
        log.debug(`${e.variant} ${e.symbol}: ${e.from} → ${e.to} (${e.event})`, {
          variant: e.variant,
          symbol: e.symbol,
          from: e.from,
          to: e.to,
        });
      }
    },
  };
}
