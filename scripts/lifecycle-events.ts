/**
 * The lifecycle of a run from its tables: counts of drifts, challengers, tests (with p-values),
 * promotions and rollbacks per variant, every automatic rollback with the promotion it undid
 * (when, after which test), and the full story of one symbol (drift → created → test →
 * promoted → rolled back). Times are shown as dates and, for a synthetic market, as bar indices.
 *
 * @example
 *   npx livemodel run scenarios/synthetic-lifecycle.yaml --out reports/synthetic-lifecycle
 *   npx tsx scripts/lifecycle-events.ts reports/synthetic-lifecycle            # story of the first symbol with a rollback
 *   npx tsx scripts/lifecycle-events.ts reports/synthetic-lifecycle --symbol S003 --json
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { resolveSyntheticSpec, type SyntheticOptions } from '../src/feeds/index.ts';

export interface LifecycleCounts {
  variant: string;
  drifts: number;
  created: number;
  tests: number;
  promoted: number;
  rejected: number;
  medianPromoteP: number | null;
  medianRejectP: number | null;
  promotions: number;
  rollbacks: number;
}

export interface Rollback {
  variant: string;
  symbol: string;
  /** Version rolled back and version restored. */
  from: number;
  to: number;
  promotedAt: string;
  rolledBackAt: string;
  /** The test that promoted `from`: labels, statistic and p-value. */
  test: { n: number; statistic: number; pValue: number } | null;
  /** Synthetic markets: bar indices of the promotion and rollback. */
  promotedBar: number | null;
  rolledBackBar: number | null;
}

export interface LifecycleReport {
  counts: LifecycleCounts[];
  rollbacks: Rollback[];
  story: { symbol: string; rows: { at: string; bar: number | null; what: string }[] } | null;
}

/** Reads the lifecycle of the run in `dir`; `symbol` picks the story (default: the first symbol with a rollback). */
export async function lifecycleEvents(dir: string, symbol?: string): Promise<LifecycleReport> {
  const instance = await DuckDBInstance.create(join(dir, 'run.duckdb'), {
    access_mode: 'READ_ONLY',
  });
  const con = await instance.connect();
  const rows = async <T>(sql: string) =>
    (await con.runAndReadAll(sql)).getRowObjectsJson() as unknown as T[];
  try {
    await con.run("SET TimeZone = 'UTC'");
    const [run] = await rows<{ config: string }>(
      `SELECT config::VARCHAR AS config FROM runs LIMIT 1`,
    );
    const synthetic = (
      JSON.parse(run?.config ?? '{}') as { data?: { synthetic?: SyntheticOptions } }
    ).data?.synthetic;
    const spec = synthetic === undefined ? null : resolveSyntheticSpec(synthetic);
    const barOf = (text: string): number | null =>
      spec === null
        ? null
        : Math.round((Date.parse(`${text.replace(' ', 'T')}Z`) - spec.startMs) / spec.intervalMs);
    const counts = await rows<
      Record<
        | 'variant'
        | 'drifts'
        | 'created'
        | 'tests'
        | 'promoted'
        | 'rejected'
        | 'p_promote'
        | 'p_reject'
        | 'promotions'
        | 'rollbacks',
        string | number | null
      >
    >(`
      SELECT v.variant::VARCHAR AS variant,
        (SELECT count(*) FROM drift_events d WHERE d.variant = v.variant AND d.kind = 'drift') AS drifts,
        (SELECT count(*) FROM version_events e WHERE e.variant = v.variant AND e.event = 'created' AND e.detail <> 'initial') AS created,
        (SELECT count(*) FROM ab_tests a WHERE a.variant = v.variant) AS tests,
        (SELECT count(*) FROM ab_tests a WHERE a.variant = v.variant AND a.decision = 'promote') AS promoted,
        (SELECT count(*) FROM ab_tests a WHERE a.variant = v.variant AND a.decision = 'reject') AS rejected,
        (SELECT median(p_value) FROM ab_tests a WHERE a.variant = v.variant AND a.decision = 'promote') AS p_promote,
        (SELECT median(p_value) FROM ab_tests a WHERE a.variant = v.variant AND a.decision = 'reject') AS p_reject,
        (SELECT count(*) FROM version_events e WHERE e.variant = v.variant AND e.event = 'promoted' AND e.detail <> 'end of warmup') AS promotions,
        (SELECT count(*) FROM version_events e WHERE e.variant = v.variant AND e.event = 'restored') AS rollbacks
      FROM (SELECT DISTINCT variant FROM transitions) v ORDER BY 1`);
    const rb = await rows<
      Record<
        | 'variant'
        | 'symbol'
        | 'to_v'
        | 'from_v'
        | 'rolled'
        | 'promoted'
        | 'n'
        | 'statistic'
        | 'p_value',
        string | number | null
      >
    >(`
      SELECT r.variant::VARCHAR AS variant, r.symbol::VARCHAR AS symbol, r.version AS to_v, o.version AS from_v,
        strftime(r.ts, '%Y-%m-%d %H:%M:%S') AS rolled, strftime(p.ts, '%Y-%m-%d %H:%M:%S') AS promoted, a.n, a.statistic, a.p_value
      FROM version_events r
      JOIN version_events o ON o.variant = r.variant AND o.symbol = r.symbol AND o.ts = r.ts AND o.event = 'retired' AND o.detail LIKE 'rolled back%'
      LEFT JOIN version_events p ON p.variant = o.variant AND p.symbol = o.symbol AND p.version = o.version AND p.event = 'promoted'
      LEFT JOIN ab_tests a ON a.variant = o.variant AND a.symbol = o.symbol AND a.challenger_version = o.version AND a.decision = 'promote'
      WHERE r.event = 'restored' ORDER BY r.ts, r.symbol`);
    const rollbacks: Rollback[] = rb.map((r) => ({
      variant: String(r.variant),
      symbol: String(r.symbol),
      from: Number(r.from_v),
      to: Number(r.to_v),
      promotedAt: String(r.promoted).slice(0, 10),
      rolledBackAt: String(r.rolled).slice(0, 10),
      test:
        r.n === null
          ? null
          : { n: Number(r.n), statistic: Number(r.statistic), pValue: Number(r.p_value) },
      promotedBar: r.promoted === null ? null : barOf(String(r.promoted)),
      rolledBackBar: barOf(String(r.rolled)),
    }));
    const pick = symbol ?? rollbacks[0]?.symbol;
    let story: LifecycleReport['story'] = null;
    if (pick !== undefined) {
      const q = pick.replaceAll("'", "''");
      const events = await rows<{ t_at: string; what: string }>(`
        SELECT * FROM (
          SELECT strftime(ts, '%Y-%m-%d %H:%M:%S') AS t_at, 0 AS k, 'drift: ' || detector || coalesce(' on ' || feature, '') AS what FROM drift_events WHERE symbol::VARCHAR = '${q}' AND kind = 'drift' AND variant::VARCHAR = (SELECT min(variant::VARCHAR) FROM transitions)
          UNION ALL SELECT strftime(ts, '%Y-%m-%d %H:%M:%S'), 1, 'v' || version || ' ' || event || ' (' || detail || ')' FROM version_events WHERE symbol::VARCHAR = '${q}' AND variant::VARCHAR = (SELECT min(variant::VARCHAR) FROM transitions)
          UNION ALL SELECT strftime(ended_ts, '%Y-%m-%d %H:%M:%S'), 2, 'test v' || challenger_version || ' vs v' || champion_version || ': n ' || n || ', DM ' || round(statistic, 2) || ', p ' || round(p_value, 4) || ' → ' || decision FROM ab_tests WHERE symbol::VARCHAR = '${q}' AND variant::VARCHAR = (SELECT min(variant::VARCHAR) FROM transitions)
        ) ORDER BY t_at, k`);
      story = {
        symbol: pick,
        rows: events.map((e) => ({ at: e.t_at.slice(0, 10), bar: barOf(e.t_at), what: e.what })),
      };
    }
    const num = (x: string | number | null) => (x === null ? null : Number(x));
    return {
      counts: counts.map((c) => ({
        variant: String(c.variant),
        drifts: Number(c.drifts),
        created: Number(c.created),
        tests: Number(c.tests),
        promoted: Number(c.promoted),
        rejected: Number(c.rejected),
        medianPromoteP: num(c.p_promote),
        medianRejectP: num(c.p_reject),
        promotions: Number(c.promotions),
        rollbacks: Number(c.rollbacks),
      })),
      rollbacks,
      story,
    };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dir = args[0];
  if (dir === undefined || dir.startsWith('--')) {
    console.error('usage: npx tsx scripts/lifecycle-events.ts <run dir> [--symbol S] [--json]');
    process.exit(2);
  }
  const at = args.indexOf('--symbol');
  const r = await lifecycleEvents(dir, at >= 0 ? args[at + 1] : undefined);
  if (args.includes('--json')) {
    console.log(JSON.stringify(r, null, 2));
  } else {
    const p = (x: number | null) => (x === null ? '—' : x.toFixed(4));
    for (const c of r.counts) {
      console.log(
        `${c.variant}: ${c.drifts} drifts, ${c.created} challengers, ${c.tests} tests (${c.promoted} promote, median p ${p(c.medianPromoteP)}; ${c.rejected} reject, median p ${p(c.medianRejectP)}), ${c.promotions} promotions, ${c.rollbacks} rollbacks`,
      );
    }
    console.log(`\nautomatic rollbacks (${r.rollbacks.length}):`);
    for (const b of r.rollbacks) {
      const bars = b.promotedBar === null ? '' : ` (bars ${b.promotedBar} → ${b.rolledBackBar})`;
      const test =
        b.test === null
          ? ''
          : `, promoted after n ${b.test.n}, DM ${b.test.statistic.toFixed(2)}, p ${b.test.pValue.toFixed(4)}`;
      console.log(
        `  ${b.variant} ${b.symbol}: v${b.from} promoted ${b.promotedAt}, rolled back to v${b.to} ${b.rolledBackAt}${bars}${test}`,
      );
    }
    if (r.story !== null) {
      console.log(`\n${r.story.symbol}, step by step:`);
      for (const e of r.story.rows)
        console.log(
          `  ${e.at}${e.bar === null ? '' : ` bar ${String(e.bar).padStart(5)}`}  ${e.what}`,
        );
    }
  }
}
