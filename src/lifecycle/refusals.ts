import type { AnyMachineSnapshot } from 'xstate';
import type { CommandEventType, LifecycleContext, LifecycleEvent } from './events.ts';
import { stageOf } from './stage.ts';

/** What the engine knows that a refusal may name. */
export interface RefusalFacts {
  /** Version of the challenger under test; null when there is none. */
  readonly challenger: number | null;
  /** Earlier champions a rollback could restore (their snapshot is kept). */
  readonly restorable: readonly number[];
}

export interface RefusalArgs {
  readonly state: string;
  readonly context: LifecycleContext;
  readonly event: LifecycleEvent;
  readonly facts: RefusalFacts;
}

/** State meta: why the state refuses a command (the deepest active state naming it wins). */
export interface LifecycleMeta {
  readonly refuses: Partial<Record<CommandEventType, (args: RefusalArgs) => string>>;
}

const every = (reason: string): LifecycleMeta['refuses'] => ({
  'cmd.update': () => reason,
  'cmd.validate': () => reason,
  'cmd.rollback': () => reason,
  'cmd.promote': () => reason,
});

const noChallenger = ({ state }: RefusalArgs) => `no challenger under test (state ${state})`;

/** The refusal meta of the machine's states, in words the caller sees (API 409, CLI). */
export const REFUSALS = {
  /** Any stage, unless a deeper state says otherwise: the guards that failed. */
  stage: {
    refuses: {
      'cmd.validate': noChallenger,
      'cmd.promote': noChallenger,
      'cmd.rollback': ({ event, facts }) =>
        facts.restorable.length === 0
          ? 'no earlier champion to roll back to'
          : `version ${event.type === 'cmd.rollback' ? event.version : undefined} is not an earlier champion with a kept snapshot (restorable: ${facts.restorable.join(', ')})`,
    },
  },
  warmup: { refuses: every('still warming up: no champion serves yet') },
  safe: { refuses: every('held in the safe state until the data is clean again') },
  updating: { refuses: { 'cmd.update': () => 'an update is already running' } },
  testing: {
    refuses: {
      'cmd.update': ({ facts }) => `a challenger (v${facts.challenger}) is already under test`,
      'cmd.validate': ({ context, event }) =>
        `only ${event.type === 'cmd.validate' ? (event.result?.n ?? 0) : 0} of ${context.minSamples} labels resolved for the test`,
    },
  },
} satisfies Record<string, LifecycleMeta>;

/**
 * Why the machine refuses a command where it is (call it when `snapshot.can(event)` is false):
 * the `refuses` meta of the deepest active state that names the command.
 *
 * @example
 * refusalReason(actor.getSnapshot(), { type: 'cmd.update' }, facts); // 'still warming up: no champion serves yet'
 */
export function refusalReason(
  snapshot: AnyMachineSnapshot,
  event: LifecycleEvent,
  facts: RefusalFacts,
): string {
  const state = stageOf(snapshot);
  const metas = Object.entries(snapshot.getMeta() as Record<string, LifecycleMeta | undefined>);
  metas.sort(([a], [b]) => b.split('.').length - a.split('.').length);
  for (const [, meta] of metas) {
    const why = meta?.refuses[event.type as CommandEventType];
    if (why !== undefined)
      return why({ state, context: snapshot.context as LifecycleContext, event, facts });
  }
  return `${event.type} does not apply in state ${state}`;
}
