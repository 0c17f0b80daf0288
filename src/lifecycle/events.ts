import type { PairedTestResult } from './paired-loss-test.ts';

/** Update policies a scenario can choose (DESIGN.md, issue on the lifecycle). */
export type UpdatePolicy = 'continuous' | 'periodic' | 'drift' | 'degradation' | 'none';

/** A built challenger, opaque to the machine (the engine's model). */
export type Candidate = object;

/** Why an update started (recorded as the challenger's reason). */
export type UpdateReason = 'drift' | 'degradation' | 'schedule' | 'manual';

/** Events the lifecycle machine understands. Commands from users start with `cmd.`. */
export type LifecycleEvent =
  | { type: 'warmup.done' }
  | { type: 'drift.detected'; detector: string }
  | { type: 'metrics.degraded'; message: string }
  | { type: 'schedule.due' }
  /** The bar-count latency of an update has passed (sent by its bar timer). */
  | { type: 'latency.elapsed' }
  | { type: 'candidate.ready'; candidate: Candidate }
  | { type: 'candidate.failed'; reason: string }
  /** New test evidence decided the test: the machine's guards read the result. */
  | { type: 'test.check'; result: PairedTestResult }
  | { type: 'probation.passed' }
  /** `target`: the version a rollback restores (the previous champion), null when none is kept. */
  | { type: 'probation.failed'; message: string; target: number | null }
  | { type: 'quality.failed'; message: string }
  | { type: 'quality.recovered' }
  /** Raised by the machine when an update starts (the bar schedule restarts its period). */
  | { type: 'update.started' }
  /** An action could not do its work (e.g. nothing to restore): reported, never silent. */
  | { type: 'action.failed'; action: string; reason: string }
  | { type: 'cmd.update' }
  /** `result`: the DM test on every pair so far, attached by the engine when a test runs. */
  | { type: 'cmd.validate'; result?: PairedTestResult }
  /** `target`: the version it would restore, attached by the engine (null: none is kept). */
  | { type: 'cmd.rollback'; version?: number; target?: number | null }
  | { type: 'cmd.promote' };

/** The test result an event carries (`test.check`, `cmd.validate`), if any. */
export function testResultOf(event: LifecycleEvent): PairedTestResult | undefined {
  return event.type === 'test.check' || event.type === 'cmd.validate' ? event.result : undefined;
}

/** The version a rollback event would restore (`cmd.rollback`, `probation.failed`), if known. */
export function rollbackTargetOf(event: LifecycleEvent): number | null | undefined {
  return event.type === 'cmd.rollback' || event.type === 'probation.failed'
    ? event.target
    : undefined;
}

/** The type of a user command's machine event. */
export type CommandEventType = 'cmd.update' | 'cmd.validate' | 'cmd.rollback' | 'cmd.promote';

/**
 * What one symbol's machine is configured with. Bar counts are counted on the engine's bar
 * clock, market times on the injected clock.
 */
export interface LifecycleInput {
  readonly policy: UpdatePolicy;
  /** Labels a test needs before it may decide (invariant 2). Default 30. */
  readonly minSamples?: number;
  /** Bars an update waits before its candidate is built at the next bar close. Default 0. */
  readonly updateLatencyBars?: number;
  /** Market time (ms) an update takes instead of bars; null (default) to count bars. */
  readonly updateLatencyMs?: number | null;
  /** `periodic`: bars from the start of one update to the next. Default 250. */
  readonly periodBars?: number;
  /** `periodic` on a market-time grid from the end of warmup; null (default) for bars. */
  readonly periodMs?: number | null;
}

export type LifecycleContext = Required<LifecycleInput>;

/** What an input leaves out. */
export const LIFECYCLE_DEFAULTS: Omit<LifecycleContext, 'policy'> = {
  minSamples: 30,
  updateLatencyBars: 0,
  updateLatencyMs: null,
  periodBars: 250,
  periodMs: null,
};

/** A bar-count timer the machine invokes; the engine's bar clock runs it. */
export interface BarTimerInput {
  /**
   * Bars to count: bar opens (`open`, when schedules look) or bar closes (`close`); 0 means the
   * next one, or the one under way.
   */
  readonly bars: number;
  readonly at: 'open' | 'close';
  /** What the timer sends to the machine. */
  readonly event: LifecycleEvent;
}

/** A user command, as accepted by the API and the CLI. */
export type LifecycleCommand =
  | { type: 'update' }
  | { type: 'validate' }
  | { type: 'rollback'; version?: number }
  | { type: 'promote' };

/** The answer to a command: accepted, or refused with a reason the caller sees. */
export type CommandResult =
  | { readonly accepted: true; readonly state: string }
  | { readonly accepted: false; readonly reason: string; readonly state: string };

/** Maps a user command to its machine event. */
export function commandEvent(command: LifecycleCommand): LifecycleEvent {
  switch (command.type) {
    case 'update':
      return { type: 'cmd.update' };
    case 'validate':
      return { type: 'cmd.validate' };
    case 'rollback':
      return command.version === undefined
        ? { type: 'cmd.rollback' }
        : { type: 'cmd.rollback', version: command.version };
    case 'promote':
      return { type: 'cmd.promote' };
  }
}
