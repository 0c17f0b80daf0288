import type { LifecycleState } from '../core/index.ts';
import type { ClassificationMetrics } from '../metrics/index.ts';

/** What the API and the CLI can read about one symbol. */
export interface SymbolStatus {
  readonly variant: string;
  readonly symbol: string;
  readonly state: LifecycleState;
  readonly championVersion: number | null;
  readonly regime: string | null;
  readonly challengerVersion: number | null;
  readonly bars: number;
  readonly metrics: ReturnType<ClassificationMetrics['summary']>;
}
