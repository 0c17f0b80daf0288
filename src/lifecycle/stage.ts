import type { AnyMachineSnapshot } from 'xstate';

/** The stages of a symbol's model: the names recorded in `transitions` (DESIGN.md). */
export type LifecycleStage = 'warmup' | 'serving' | 'updating' | 'testing' | 'rollback' | 'safe';

/**
 * The stage a lifecycle snapshot is in: the top state of its `stage` region, whatever sub-state
 * (probation, latency, building) it is in.
 *
 * @example
 * stageOf(actor.getSnapshot()); // 'serving' for { stage: { serving: 'probation' }, schedule: 'off' }
 */
export function stageOf(snapshot: Pick<AnyMachineSnapshot, 'value'>): LifecycleStage {
  const stage = (snapshot.value as { stage: string | Record<string, unknown> }).stage;
  return (typeof stage === 'string' ? stage : Object.keys(stage)[0]) as LifecycleStage;
}
