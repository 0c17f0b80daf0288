import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openRunStore,
  type RunStore,
  regimeIntervals,
  stateIntervals,
  timelineMarkers,
  versionIntervals,
} from '../../src/store/index.ts';
import { createTinyRun, day } from './tiny-run.ts';

describe('lifecycle timeline queries on a hand-made run file', () => {
  let store: RunStore;
  let bare: RunStore;
  beforeAll(async () => {
    store = await openRunStore(await createTinyRun({ events: true }));
    bare = await openRunStore(await createTinyRun({ events: false }));
  });
  afterAll(() => {
    store.close();
    bare.close();
  });

  it('turns transitions into state intervals closed by the next transition or the last recorded time', async () => {
    // AAA: serving d1, updating and testing both at d3 (updating lasts 0 and is left out), serving again at d5;
    // its last recorded time is d20 (the second challenger test). BBB ends at d2.
    expect(await stateIntervals(store)).toEqual([
      { variant: 'm', symbol: 'AAA', state: 'serving', start_ts: day(1), end_ts: day(3) },
      { variant: 'm', symbol: 'AAA', state: 'testing', start_ts: day(3), end_ts: day(5) },
      { variant: 'm', symbol: 'AAA', state: 'serving', start_ts: day(5), end_ts: day(20) },
      { variant: 'm', symbol: 'BBB', state: 'serving', start_ts: day(1), end_ts: day(2) },
    ]);
    expect(await stateIntervals(store, ['BBB'])).toHaveLength(1);
  });

  it('knows which version served when (a rollback restores v1) and when challengers were under test', async () => {
    const rows = await versionIntervals(store, ['AAA']);
    expect(rows.map((r) => [r.kind, r.version, r.start_ts, r.end_ts])).toEqual([
      ['champion', 1, day(1), day(4)],
      ['champion', 1, day(5), day(20)],
      ['challenger', 2, day(2), day(3)],
      ['challenger', 3, day(3), day(4)],
      ['champion', 3, day(4), day(5)],
    ]);
  });

  it('marks drift detections, promotions after the first and rollbacks', async () => {
    expect(await timelineMarkers(store)).toEqual([
      { variant: 'm', symbol: 'AAA', ts: day(2), kind: 'drift', label: 'adwin · error' },
      { variant: 'm', symbol: 'AAA', ts: day(4), kind: 'promotion', label: 'v3 promoted' },
      { variant: 'm', symbol: 'AAA', ts: day(5), kind: 'rollback', label: 'v1 restored' },
      { variant: 'm', symbol: 'BBB', ts: day(3), kind: 'drift', label: 'psi · feature · ret_1' },
    ]);
    expect(await timelineMarkers(bare)).toEqual([
      { variant: 'm', symbol: 'AAA', ts: day(4), kind: 'promotion', label: 'v3 promoted' },
      { variant: 'm', symbol: 'AAA', ts: day(5), kind: 'rollback', label: 'v1 restored' },
    ]);
  });

  it('merges per-bar regime rows into bands', async () => {
    expect(await regimeIntervals(store)).toEqual([
      { symbol: 'AAA', detector: 'vol', regime: 'calm', start_ts: day(1), end_ts: day(3) },
      { symbol: 'AAA', detector: 'vol', regime: 'volatile', start_ts: day(3), end_ts: day(5) },
      { symbol: 'AAA', detector: 'vol', regime: 'calm', start_ts: day(5), end_ts: day(20) },
    ]);
    expect(await regimeIntervals(bare)).toEqual([]);
  });
});
