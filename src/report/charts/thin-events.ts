import type { Marker, RegimeInterval } from '../../store/index.ts';

/**
 * Regime bands fit to draw: the bands of one detector (the one with the fewest changes, so the
 * most readable), with bands shorter than `minWidthMs` merged into the band before them and
 * touching bands of the same regime joined. A detector that flips every few bars over decades
 * would otherwise draw tens of thousands of sub-pixel rectangles.
 *
 * @example
 * mergeBands([band('calm', 0, 10), band('wild', 10, 11), band('calm', 11, 20)], 5); // [calm 0–20]
 */
export function mergeBands(
  regimes: readonly RegimeInterval[],
  minWidthMs: number,
): { detector: string; bands: RegimeInterval[] } {
  const byDetector = new Map<string, RegimeInterval[]>();
  for (const r of regimes) byDetector.set(r.detector, [...(byDetector.get(r.detector) ?? []), r]);
  const [detector, list] = [...byDetector.entries()].sort(
    (a, b) => a[1].length - b[1].length || a[0].localeCompare(b[0]),
  )[0] ?? ['', []];
  const bands: RegimeInterval[] = [];
  for (const r of [...list].sort((a, b) => a.start_ts - b.start_ts)) {
    const last = bands[bands.length - 1];
    if (last !== undefined && (r.regime === last.regime || r.end_ts - r.start_ts < minWidthMs)) {
      last.end_ts = Math.max(last.end_ts, r.end_ts);
      continue;
    }
    if (last !== undefined && last.end_ts - last.start_ts < minWidthMs && bands.length === 1) {
      bands[0] = { ...r, start_ts: last.start_ts };
      continue;
    }
    bands.push({ ...r });
  }
  return { detector, bands };
}

/**
 * Markers fit to draw: at most one per (variant, kind) and pixel column, where a column is
 * `bucketMs` wide (the first marker of a column is kept).
 *
 * @example
 * thinMarkers([drift(0), drift(1), drift(100)], 10).length; // 2
 */
export function thinMarkers(markers: readonly Marker[], bucketMs: number): Marker[] {
  const seen = new Set<string>();
  return markers.filter((m) => {
    const key = `${m.variant}\u0000${m.kind}\u0000${Math.floor(m.ts / bucketMs)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The detector whose bands are shaded and its regime names in order of first appearance. */
export function shadedRegimes(regimes: readonly RegimeInterval[]): {
  detector: string;
  names: string[];
} {
  const detector = mergeBands(regimes, 0).detector;
  return {
    detector,
    names: [...new Set(regimes.filter((r) => r.detector === detector).map((r) => r.regime))],
  };
}
