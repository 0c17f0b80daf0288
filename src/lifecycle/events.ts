/** Update policies a scenario can choose (DESIGN.md, issue on the lifecycle). */
export type UpdatePolicy = 'continuous' | 'periodic' | 'drift' | 'degradation' | 'none';

/** Events the lifecycle machine understands. Commands from users start with `cmd.`. */
export type LifecycleEvent =
  | { type: 'warmup.done' }
  | { type: 'drift.detected'; detector: string }
  | { type: 'metrics.degraded'; message: string }
  | { type: 'schedule.due' }
  | { type: 'candidate.ready' }
  | { type: 'candidate.failed'; reason: string }
  /** Sent when new test evidence arrived; the machine asks its guards whether it is decided. */
  | { type: 'test.check' }
  | { type: 'probation.passed' }
  | { type: 'probation.failed'; message: string }
  | { type: 'quality.failed'; message: string }
  | { type: 'quality.recovered' }
  | { type: 'cmd.update' }
  | { type: 'cmd.validate' }
  | { type: 'cmd.rollback'; version?: number }
  | { type: 'cmd.promote' };

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
