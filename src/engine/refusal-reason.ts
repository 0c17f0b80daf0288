import type { LifecycleCommand } from '../lifecycle/index.ts';

/** What the lifecycle driver can tell about why a command does not apply. */
export interface RefusalFacts {
  versionOf(role: string): number | null;
  readonly testSamples: number;
  readonly minSamples: number;
  restorableVersions(): number[];
}

/**
 * The reason a command is refused in a state, in words the caller sees (API 409, CLI).
 *
 * @example
 * refusalReason('warmup', { type: 'update' }, facts); // 'still warming up: no champion serves yet'
 */
export function refusalReason(state: string, cmd: LifecycleCommand, facts: RefusalFacts): string {
  if (state === 'warmup') return 'still warming up: no champion serves yet';
  if (state === 'safe') return 'held in the safe state until the data is clean again';
  switch (cmd.type) {
    case 'update':
      if (state === 'updating') return 'an update is already running';
      return `a challenger (v${facts.versionOf('challenger')}) is already under test`;
    case 'validate':
    case 'promote':
      if (state !== 'testing') return `no challenger under test (state ${state})`;
      return `only ${facts.testSamples} of ${facts.minSamples} labels resolved for the test`;
    case 'rollback': {
      const restorable = facts.restorableVersions();
      if (restorable.length === 0) return 'no earlier champion to roll back to';
      return `version ${cmd.version} is not an earlier champion with a kept snapshot (restorable: ${restorable.join(', ')})`;
    }
  }
}
