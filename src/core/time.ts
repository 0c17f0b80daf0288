/** Epoch milliseconds, UTC. The only representation of time inside the harness. */
export type EpochMs = number & { readonly __brand: 'EpochMs' };

/** Brands a number of epoch milliseconds. */
export function epochMs(ms: number): EpochMs {
  return ms as EpochMs;
}

/** ISO-8601 rendering for messages and reports (edges only). */
export function formatTs(ts: EpochMs | number): string {
  const iso = new Date(ts).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

export const MS_PER_DAY = 86_400_000;
