import { describe, expect, it } from 'vitest';
import { runOutcome } from '../../src/store/index.ts';

describe('runOutcome', () => {
  it('doc example: running with no finished_at is incomplete (killed); incomplete is interrupted', () => {
    expect(runOutcome('running', null)).toEqual({
      status: 'incomplete',
      label: 'incomplete (killed)',
    });
    expect(runOutcome('incomplete', 1_700_000_000_000)).toEqual({
      status: 'incomplete',
      label: 'incomplete (interrupted)',
    });
  });

  it('keeps complete, failed and unexpected values as recorded', () => {
    expect(runOutcome('complete', 1)).toEqual({ status: 'complete', label: 'complete' });
    expect(runOutcome('failed', 1)).toEqual({ status: 'failed', label: 'failed' });
    expect(runOutcome('running', 1)).toEqual({ status: 'running', label: 'running' });
  });
});
