import type { RunStore } from './read-store.ts';
import { symbolFilter } from './sql-text.ts';

/** A time interval [start_ts, end_ts) in epoch ms. */
export interface Interval {
  variant: string;
  symbol: string;
  start_ts: number;
  end_ts: number;
}

/** Each symbol's last recorded time, which closes the intervals still open at the end. */
const ENDS = `ends AS (
  SELECT symbol, max(ts) AS end_ts FROM (
    SELECT symbol, ts FROM equity UNION ALL SELECT symbol, ts FROM predictions
    UNION ALL SELECT symbol, ts FROM transitions UNION ALL SELECT symbol, ts FROM version_events)
  GROUP BY symbol)`;

export interface StateInterval extends Interval {
  state: string;
}

/**
 * The lifecycle state of each (variant, symbol) over time, from `transitions`: each transition
 * opens an interval of its `to_state` that lasts until the next transition (in recording order
 * for equal times) or the symbol's last recorded time. Zero-length intervals are left out.
 */
export async function stateIntervals(
  store: RunStore,
  symbols?: readonly string[],
): Promise<StateInterval[]> {
  return store.rows<StateInterval>(`
    WITH ${ENDS},
    t AS (SELECT variant, symbol, to_state AS state, ts AS start_ts,
      lead(ts) OVER (PARTITION BY variant, symbol ORDER BY ts, rowid) AS next_ts
      FROM transitions WHERE TRUE${symbolFilter(symbols)})
    SELECT variant, symbol, state, epoch_ms(start_ts) AS start_ts, epoch_ms(coalesce(next_ts, e.end_ts)) AS end_ts
    FROM t JOIN ends e USING (symbol)
    WHERE coalesce(next_ts, e.end_ts) > start_ts
    ORDER BY variant, symbol, start_ts`);
}

export interface VersionInterval extends Interval {
  version: number;
  /** `champion`: served (promoted or restored until replaced); `challenger`: built and under test. */
  kind: 'champion' | 'challenger';
}

/**
 * Which version served when, and when each challenger was under test, from `version_events`.
 * A `promoted` or `restored` event makes its version the champion until the next such event of
 * the same (variant, symbol); a `created` version is a challenger until it is promoted or
 * discarded (the end of the run when neither came). Zero-length intervals are left out.
 */
export async function versionIntervals(
  store: RunStore,
  symbols?: readonly string[],
): Promise<VersionInterval[]> {
  return store.rows<VersionInterval>(`
    WITH ${ENDS},
    v AS (SELECT variant, symbol, ts, version, event, rowid AS rid FROM version_events WHERE TRUE${symbolFilter(symbols)}),
    served AS (SELECT variant, symbol, version, 'champion' AS kind, ts AS start_ts,
        lead(ts) OVER (PARTITION BY variant, symbol ORDER BY ts, rid) AS next_ts
      FROM v WHERE event IN ('promoted', 'restored')),
    tested AS (SELECT c.variant, c.symbol, c.version, 'challenger' AS kind, c.ts AS start_ts,
        (SELECT min(e.ts) FROM v e WHERE e.variant = c.variant AND e.symbol = c.symbol AND e.version = c.version
          AND e.event IN ('promoted', 'discarded') AND e.ts >= c.ts) AS next_ts
      FROM v c WHERE c.event = 'created'),
    iv AS (SELECT * FROM served UNION ALL SELECT * FROM tested)
    SELECT variant, symbol, version, kind, epoch_ms(start_ts) AS start_ts, epoch_ms(coalesce(next_ts, e.end_ts)) AS end_ts
    FROM iv JOIN ends e USING (symbol)
    WHERE coalesce(next_ts, e.end_ts) > start_ts
    ORDER BY variant, symbol, version, start_ts`);
}

/** A point event drawn on the time axis. */
export interface Marker {
  variant: string;
  symbol: string;
  ts: number;
  kind: 'drift' | 'promotion' | 'rollback';
  label: string;
}

/**
 * Drift detections, promotions (every `promoted` event but the first, end-of-warmup one, of each
 * (variant, symbol)) and rollbacks (`restored` events), in time order.
 */
export async function timelineMarkers(
  store: RunStore,
  symbols?: readonly string[],
): Promise<Marker[]> {
  const f = symbolFilter(symbols);
  return store.rows<Marker>(`
    SELECT variant, symbol, epoch_ms(ts) AS ts, kind, label FROM (
      SELECT d.variant, d.symbol, d.ts, 'drift' AS kind, concat_ws(' · ', d.detector, d.kind, d.feature) AS label, 0 AS rid
        FROM drift_events d WHERE TRUE${f}
      UNION ALL
      SELECT variant, symbol, ts, 'promotion', 'v' || version || ' promoted', rid FROM (
        SELECT *, rowid AS rid, row_number() OVER (PARTITION BY variant, symbol ORDER BY ts, rowid) AS k
        FROM version_events WHERE event = 'promoted'${f}) WHERE k > 1
      UNION ALL
      SELECT variant, symbol, ts, 'rollback', 'v' || version || ' restored', rowid FROM version_events WHERE event = 'restored'${f})
    ORDER BY variant, symbol, ts, kind, rid`);
}

export interface RegimeInterval {
  symbol: string;
  detector: string;
  regime: string;
  start_ts: number;
  end_ts: number;
}

/**
 * Market regimes as bands: consecutive rows with the same regime (per symbol and detector,
 * whatever the variant) merge into one interval that lasts until the next change or the
 * symbol's last recorded time. Works whether the detector records every bar or only changes.
 */
export async function regimeIntervals(
  store: RunStore,
  symbols?: readonly string[],
): Promise<RegimeInterval[]> {
  return store.rows<RegimeInterval>(`
    WITH ${ENDS},
    r AS (SELECT DISTINCT symbol, coalesce(detector, '') AS detector, ts, regime FROM regimes WHERE TRUE${symbolFilter(symbols)}),
    c AS (SELECT *, lag(regime) OVER (PARTITION BY symbol, detector ORDER BY ts, regime) AS prev FROM r),
    s AS (SELECT symbol, detector, regime, ts AS start_ts,
        lead(ts) OVER (PARTITION BY symbol, detector ORDER BY ts, regime) AS next_ts
      FROM c WHERE prev IS DISTINCT FROM regime)
    SELECT symbol, detector, regime, epoch_ms(start_ts) AS start_ts, epoch_ms(coalesce(next_ts, e.end_ts)) AS end_ts
    FROM s JOIN ends e USING (symbol)
    WHERE coalesce(next_ts, e.end_ts) > start_ts
    ORDER BY symbol, detector, start_ts`);
}
