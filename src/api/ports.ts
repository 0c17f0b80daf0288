import type { z } from 'zod';
import type {
  lifecycleState,
  liveConnection,
  liveSymbolStream,
  modelMetrics,
  replayConnection,
  replaySymbolStream,
  streamSettings,
} from './response-schemas.ts';

/**
 * What the API needs from the rest of the system. The engine and the live session match these
 * structurally; the API never imports their implementations.
 */

/** A lifecycle command as the API accepts it (same shape as the engine's). */
export type ApiCommand =
  | { readonly type: 'update' }
  | { readonly type: 'validate' }
  | { readonly type: 'rollback'; readonly version?: number }
  | { readonly type: 'promote' };

/** The machine's answer. */
export type ApiCommandResult =
  | { readonly accepted: true; readonly state: string }
  | { readonly accepted: false; readonly reason: string; readonly state: string };

/** One symbol of one variant, as the engine reports it. */
export interface ModelStatus {
  readonly variant: string;
  readonly symbol: string;
  readonly state: z.input<typeof lifecycleState>;
  readonly championVersion: number | null;
  readonly challengerVersion: number | null;
  /** The engine's current regime, when it detects regimes. */
  readonly regime?: string | null;
  readonly bars: number;
  readonly metrics: z.input<typeof modelMetrics>;
}

/** The engine as the API drives it. */
export interface ModelControl {
  status(symbol?: string): ModelStatus[];
  command(
    symbol: string,
    cmd: ApiCommand,
    variant?: string,
  ): { symbol: string; variant: string; result: ApiCommandResult }[];
  symbols(): string[];
}

/** Stream settings a client may change (validated by `configureBody` in `schemas.ts`). */
export type StreamSettings = z.output<typeof streamSettings>;

/** What applying settings did: fields applied now, and fields stored but not applied, with why. */
export interface ConfigureOutcome {
  readonly applied: Record<string, unknown>;
  readonly notApplied: Record<string, string>;
}

/** The data stream (a live feed, or a paced replay) as the API sees it. */
export interface StreamControl {
  readonly mode: 'live' | 'replay';
  /** Connection-level status (state, messages, reconnects, latency…), JSON-ready. */
  connection(): z.input<typeof replayConnection> | z.input<typeof liveConnection>;
  /** Per-symbol status, JSON-ready; undefined for an unknown symbol. */
  symbolStatus(
    symbol: string,
  ): z.input<typeof replaySymbolStream> | z.input<typeof liveSymbolStream> | undefined;
  symbols(): string[];
  /** Applies what it can of `settings` to `symbol`. */
  configure(symbol: string, settings: StreamSettings): ConfigureOutcome;
  /** Market time of the stream (epoch ms). */
  now(): number;
  /** True once the source has ended and the run is recorded: commands are refused. */
  finished(): boolean;
}

/** A Prometheus text exposition (`/metrics`); {@link RunMetrics} matches it. */
export interface MetricsExposition {
  readonly contentType: string;
  render(): Promise<string>;
}
