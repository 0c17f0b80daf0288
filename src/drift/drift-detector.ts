/** What a detector says after consuming one value. */
export type DriftSignal = 'none' | 'warning' | 'drift';

/**
 * The consumer interface of every drift detector: one value in, one signal out. Detectors on the
 * error stream take 0/1 errors (or losses), detectors on feature distributions take raw values.
 * After signalling `'drift'` a detector resets itself as its reference implementation does, so the
 * next value starts a fresh concept.
 *
 * @example
 * const d: DriftDetector = new PageHinkley();
 * d.update(0); // 'none'
 */
export interface DriftDetector {
  /** Registry name, e.g. `adwin`. */
  readonly name: string;
  /** Effective parameters, defaults filled in. */
  readonly params: Readonly<Record<string, number>>;
  /** Consumes the next value and returns the signal for it. */
  update(x: number): DriftSignal;
  /** Returns to the state of a freshly built detector with the same parameters. */
  reset(): void;
}
