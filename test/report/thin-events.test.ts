import { describe, expect, it } from 'vitest';
import { mergeBands, shadedRegimes, thinMarkers } from '../../src/report/charts/thin-events.ts';
import type { Marker, RegimeInterval } from '../../src/store/index.ts';

const band = (
  regime: string,
  start_ts: number,
  end_ts: number,
  detector = 'rule',
): RegimeInterval => ({ symbol: 'A', detector, regime, start_ts, end_ts });
const drift = (ts: number, variant = 'm'): Marker => ({
  variant,
  symbol: 'A',
  ts,
  kind: 'drift',
  label: 'adwin',
});

describe('thinning events for drawing', () => {
  it('doc example: a band narrower than the minimum joins the band before it', () => {
    expect(
      mergeBands([band('calm', 0, 10), band('wild', 10, 11), band('calm', 11, 20)], 5).bands,
    ).toEqual([band('calm', 0, 20)]);
  });

  it('keeps wide bands, and a short first band takes the regime of the next', () => {
    expect(
      mergeBands([band('wild', 0, 1), band('calm', 1, 10), band('wild', 10, 30)], 5).bands,
    ).toEqual([band('calm', 0, 10), band('wild', 10, 30)]);
  });

  it('shades the detector with the fewest changes and names its regimes in order', () => {
    const regimes = [
      band('s1', 0, 5, 'hmm'),
      band('s2', 5, 6, 'hmm'),
      band('s1', 6, 9, 'hmm'),
      band('bull', 0, 9, 'rule'),
    ];
    expect(mergeBands(regimes, 0)).toEqual({ detector: 'rule', bands: [band('bull', 0, 9)] });
    expect(shadedRegimes(regimes)).toEqual({ detector: 'rule', names: ['bull'] });
    expect(mergeBands([], 1)).toEqual({ detector: '', bands: [] });
  });

  it('doc example: one mark per variant, kind and column', () => {
    expect(thinMarkers([drift(0), drift(1), drift(100)], 10)).toHaveLength(2);
    expect(thinMarkers([drift(0), drift(1, 'v')], 10)).toHaveLength(2);
  });
});
