import type { ActorLogic, AnyEventObject, Snapshot } from 'xstate';

export type SyncSnapshot<TOutput, TInput> = Snapshot<TOutput> & { input: TInput | undefined };

export type SyncActorLogic<TOutput, TInput> = ActorLogic<
  SyncSnapshot<TOutput, TInput>,
  AnyEventObject,
  TInput
>;

const DONE = 'lifecycle.sync.done';
const FAILED = 'lifecycle.sync.failed';

/**
 * Actor logic for work that finishes when it starts, like `fromPromise` without the microtask:
 * the actor is done (its parent's `onDone`, with the output) or failed (`onError`, with the
 * thrown error) before the event that invoked it has finished processing. A replay stays
 * deterministic and a bar's outcome is decided within the bar. `run` also gets the actor system
 * (the machine's implementations can find what they serve by it).
 *
 * @example
 * const machine = createMachine({
 *   invoke: { src: fromSync(({ input }: { input: number }) => input * 2), input: 21,
 *             onDone: { actions: ({ event }) => console.log(event.output) } }, // 42, synchronously
 * });
 */
export function fromSync<TOutput, TInput = void>(
  run: (args: { input: TInput; system: object }) => TOutput,
): SyncActorLogic<TOutput, TInput> {
  return {
    config: run,
    transition: (snapshot, event): SyncSnapshot<TOutput, TInput> => {
      if (snapshot.status !== 'active') return snapshot;
      const { input } = snapshot;
      if (event.type === DONE)
        return { status: 'done', output: event['output'] as TOutput, error: undefined, input };
      if (event.type === FAILED)
        return { status: 'error', output: undefined, error: event['error'], input };
      if (event.type === 'xstate.stop')
        return { status: 'stopped', output: undefined, error: undefined, input };
      return snapshot;
    },
    start: (snapshot, { self, system }) => {
      if (snapshot.status !== 'active') return;
      // Queued before the actor's mailbox opens, processed as the start completes.
      try {
        self.send({ type: DONE, output: run({ input: snapshot.input as TInput, system }) });
      } catch (error) {
        self.send({ type: FAILED, error });
      }
    },
    getInitialSnapshot: (_, input) => ({
      status: 'active',
      output: undefined,
      error: undefined,
      input,
    }),
    getPersistedSnapshot: (snapshot) => snapshot,
    restoreSnapshot: (snapshot) => snapshot as SyncSnapshot<TOutput, TInput>,
  };
}
