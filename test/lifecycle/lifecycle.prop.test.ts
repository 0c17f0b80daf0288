import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bar, OutcomeEvent } from '../../src/core/index.ts';
import type { LifecycleConfig } from '../../src/engine/index.ts';
import type { ModelSnapshot } from '../../src/models/index.ts';
import { type CollectingSink, engineConfig, Harness, randomWalk } from '../helpers/engine.ts';

/**
 * Model-based property test of the lifecycle: random sequences of bars (ticks and labels), drift
 * signals, degradations, data-quality failures and manual commands run against the real engine
 * (real XState machine, real logistic models, real registry); the eight invariants of DESIGN.md
 * are checked after every step and at the end. Runs: PROP_RUNS (default 10,000); replay a failure
 * with FC_SEED=<seed> (and FC_PATH).
 */

type Step =
  | { k: 'bars'; n: number }
  | { k: 'drift' }
  | { k: 'degrade' }
  | { k: 'qfail' }
  | { k: 'qok' }
  | { k: 'update' }
  | { k: 'validate' }
  | { k: 'rollback'; v: number | undefined }
  | { k: 'promote' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 15 }).map((n) => ({ k: 'bars' as const, n })) },
  { weight: 2, arbitrary: fc.constant({ k: 'drift' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'degrade' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'qfail' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'qok' as const }) },
  { weight: 2, arbitrary: fc.constant({ k: 'update' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'validate' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .option(fc.integer({ min: 1, max: 6 }), { nil: undefined })
      .map((v) => ({ k: 'rollback' as const, v })),
  },
  { weight: 1, arbitrary: fc.constant({ k: 'promote' as const }) },
);

const configArb = fc
  .record({
    policy: fc.constantFrom('continuous', 'periodic', 'drift', 'degradation', 'none'),
    onlineLearning: fc.boolean(),
    periodBars: fc.integer({ min: 3, max: 30 }),
    builder: fc.constantFrom('refit', 'clone_adapt', 'reset'),
    updateLatency: fc.integer({ min: 0, max: 3 }),
    minSamples: fc.integer({ min: 2, max: 10 }),
    method: fc.constantFrom('dm', 'sprt'),
    familywise: fc.boolean(),
    probationBars: fc.integer({ min: 0, max: 8 }),
    keepSnapshots: fc.integer({ min: 1, max: 4 }),
  })
  .map(
    (c): Partial<LifecycleConfig> => ({
      policy: c.policy,
      onlineLearning: c.onlineLearning,
      periodBars: c.periodBars,
      builder: c.builder,
      updateLatency: c.updateLatency,
      warmupBars: 25,
      recentWindow: 40,
      probationBars: c.probationBars,
      probationMargin: 0.01,
      keepSnapshots: c.keepSnapshots,
      test: {
        method: c.method,
        alpha: 0.05,
        minSamples: c.minSamples,
        maxSamples: 3 * c.minSamples,
        effect: 0.2,
        beta: 0.2,
        familywise: c.familywise,
      },
    }),
  );

const PRICES: Bar[][] = randomWalk(['A'], 6000, 11);
const CLOSE = new Map(PRICES.map((s) => [s[0]!.ts as number, s[0]!.close]));
/** Bar index of each timestamp (one symbol, one bar per timestamp). */
const INDEX = new Map(PRICES.map((s, i) => [s[0]!.ts as number, i]));
const RUNS = Number(process.env['PROP_RUNS'] ?? 10_000);
const SEED = process.env['FC_SEED'] === undefined ? undefined : Number(process.env['FC_SEED']);
const PATH = process.env['FC_PATH'];

class Run {
  readonly h: Harness;
  readonly life: LifecycleConfig;
  private next = 0;
  /** Exact state of each champion at its retirement, taken when the retirement is announced. */
  private readonly retired = new Map<number, ModelSnapshot>();
  readonly problems: string[] = [];

  constructor(lifecycle: Partial<LifecycleConfig>) {
    const config = engineConfig(lifecycle);
    this.life = config.variants[0]!.lifecycle;
    this.h = new Harness(config);
    const sink = this.h.sink;
    const write = sink.write.bind(sink);
    sink.write = (e: OutcomeEvent) => {
      write(e);
      this.watch(e);
    };
  }

  get actor() {
    return this.h.engine.actor('A');
  }

  bars(n: number): void {
    for (let i = 0; i < n && this.next < PRICES.length; i++) {
      this.h.step(PRICES[this.next++]!);
      this.checkStep();
    }
  }

  apply(step: Step): void {
    const a = this.actor;
    if (step.k === 'bars') {
      this.bars(step.n);
      return;
    }
    if (a === undefined) return;
    const before = a.state;
    if (step.k === 'drift') a.signal({ type: 'drift.detected', detector: 'prop' });
    else if (step.k === 'degrade') a.signal({ type: 'metrics.degraded', message: 'prop' });
    else if (step.k === 'qfail') a.signal({ type: 'quality.failed', message: 'prop' });
    else if (step.k === 'qok') a.signal({ type: 'quality.recovered' });
    else {
      const cmd =
        step.k === 'rollback'
          ? step.v === undefined
            ? { type: 'rollback' as const }
            : { type: 'rollback' as const, version: step.v }
          : { type: step.k };
      const r = a.command(cmd);
      if (!r.accepted && (r.reason.length === 0 || a.state !== before))
        this.problems.push(`refused ${step.k} silently or changed state`);
    }
    this.checkStep();
  }

  /** Invariants after every step: 1 (a champion after warmup), 7 (bounded buffers). */
  checkStep(): void {
    const a = this.actor;
    if (a === undefined) return;
    const s = a.status();
    if (s.state !== 'warmup' && s.championVersion === null)
      this.problems.push(`no champion in ${s.state}`);
    if (s.state === 'warmup' && s.championVersion !== null)
      this.problems.push('champion during warmup');
    const z = a.sizes();
    if (z.pending > 2) this.problems.push(`pending ${z.pending} > horizon + 1`);
    if (z.recent > this.life.recentWindow)
      this.problems.push(`recent ${z.recent} > ${this.life.recentWindow}`);
    if (z.snapshots > this.life.keepSnapshots)
      this.problems.push(`snapshots ${z.snapshots} > ${this.life.keepSnapshots}`);
  }

  /** Invariant 3, at the moment it happens: a rollback restores exactly the retired state. */
  private watch(e: OutcomeEvent): void {
    if (e.type !== 'version_event') return;
    const a = this.actor;
    if (a === undefined) return;
    if (e.event === 'retired') this.retired.set(e.version, a.champion.snapshot());
    if (e.event === 'restored') {
      const want = this.retired.get(e.version);
      if (want === undefined) this.problems.push(`restored v${e.version} that never retired`);
      else if (!sameSnapshot(a.champion.snapshot(), want))
        this.problems.push(`rollback to v${e.version} is not exact`);
    }
  }

  /**
   * Invariant 8: with clean data and no commands, the machine returns to serving within a bounded
   * number of bars (it may leave again at once, e.g. a periodic schedule shorter than a test).
   */
  liveness(): void {
    const a = this.actor;
    if (a === undefined) return;
    if (a.state === 'safe') a.signal({ type: 'quality.recovered' });
    const bound =
      this.life.warmupBars +
      this.life.updateLatency +
      this.life.test.maxSamples +
      this.life.probationBars +
      4;
    const servingEntries = () =>
      this.h.sink.of('transition').filter((t) => t.to === 'serving').length;
    const before = servingEntries();
    for (let i = 0; i < bound && a.state !== 'serving' && servingEntries() === before; i++)
      this.bars(1);
    if (a.state !== 'serving' && servingEntries() === before)
      this.problems.push(`not back to serving after ${bound} bars (state ${a.state})`);
  }

  /** Invariants 1, 2, 4 and 5 over everything recorded. */
  final(): void {
    this.h.engine.finish();
    const sink: CollectingSink = this.h.sink;
    const preds = sink.of('prediction');
    const serveTs = sink.of('transition').find((t) => t.to === 'serving')?.ts;
    const champPerTs = new Map<number, number>();
    for (const p of preds) {
      if (p.role === 'champion') champPerTs.set(p.ts, (champPerTs.get(p.ts) ?? 0) + 1);
      if (p.horizonTs !== null && !(p.horizonTs > p.ts))
        this.problems.push(`look-ahead: horizon ${p.horizonTs} <= ts ${p.ts}`);
      // The traded label (horizon 1, next_close fill): close(t+1) → close(t+2), known at t+2.
      const i = INDEX.get(p.ts)!;
      if (p.horizonTs !== null && INDEX.get(p.horizonTs) !== i + 2)
        this.problems.push(`label of ${p.ts} resolved at ${p.horizonTs}, not two bars later`);
      const entry = PRICES[i + 1]?.[0]?.close;
      if (
        p.label !== null &&
        p.horizonTs !== null &&
        p.label !== (CLOSE.get(p.horizonTs)! > entry! ? 1 : 0)
      )
        this.problems.push(`wrong label at ${p.ts}`);
    }
    if (serveTs !== undefined) {
      for (const [ts, close] of CLOSE)
        if (ts >= serveTs && ts < this.next * 86_400_000 && champPerTs.get(ts) !== 1)
          this.problems.push(`tick ${ts}: ${champPerTs.get(ts) ?? 0} champions (close ${close})`);
    }
    const tests = sink.of('ab_test');
    for (const e of sink.of('version_event')) {
      if (e.event !== 'promoted' || e.version === 1) continue;
      const t = tests.find((x) => x.challengerVersion === e.version && x.decision === 'promote');
      if (t === undefined) this.problems.push(`v${e.version} promoted without a recorded test`);
      else if (t.n < this.life.test.minSamples && t.method !== 'manual override')
        this.problems.push(
          `v${e.version} promoted on ${t.n} < ${this.life.test.minSamples} labels`,
        );
    }
    const created = sink
      .of('version_event')
      .filter((e) => e.event === 'created')
      .map((e) => e.version);
    if (created.some((v, i) => v !== i + 1))
      this.problems.push(`version ids not 1..n: ${created.join(',')}`);
    const versions = sink.of('version');
    if (versions.length !== created.length)
      this.problems.push(
        `registry lost versions: ${versions.length} recorded of ${created.length}`,
      );
    for (const v of versions)
      if (v.version > 1 && !(v.parentVersion !== null && v.parentVersion < v.version))
        this.problems.push(`v${v.version} has parent ${v.parentVersion}`);
  }
}

function sameSnapshot(a: ModelSnapshot, b: ModelSnapshot): boolean {
  return (
    a.kind === b.kind &&
    a.arrays.length === b.arrays.length &&
    a.arrays.every(
      (x, i) =>
        x.length === b.arrays[i]!.length && x.every((v, j) => Object.is(v, b.arrays[i]![j])),
    )
  );
}

function execute(lifecycle: Partial<LifecycleConfig>, steps: readonly Step[]): Run {
  const run = new Run(lifecycle);
  run.bars(26);
  for (const s of steps) run.apply(s);
  run.liveness();
  run.final();
  return run;
}

describe('lifecycle invariants (model-based, fast-check)', () => {
  it(`hold over ${RUNS.toLocaleString('en')} random sequences of ticks, signals and commands`, () => {
    fc.assert(
      fc.property(configArb, fc.array(stepArb, { maxLength: 18 }), (lifecycle, steps) => {
        const run = execute(lifecycle, steps);
        expect(run.problems).toEqual([]);
      }),
      {
        numRuns: RUNS,
        ...(SEED !== undefined ? { seed: SEED } : {}),
        ...(PATH !== undefined ? { path: PATH } : {}),
      },
    );
  }, 600_000);

  it('are deterministic: the same sequence gives identical recorded outcomes (invariant 6)', () => {
    fc.assert(
      fc.property(configArb, fc.array(stepArb, { maxLength: 18 }), (lifecycle, steps) => {
        const a = execute(lifecycle, steps).h.sink.events;
        const b = execute(lifecycle, steps).h.sink.events;
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: Math.max(50, Math.round(RUNS / 50)) },
    );
  }, 600_000);

  it('reaches promotions, rejections, rollbacks and the safe state (the generator is not vacuous)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(configArb, fc.array(stepArb, { maxLength: 18 }), (lifecycle, steps) => {
        for (const e of execute(lifecycle, steps).h.sink.events) {
          if (e.type === 'version_event') seen.add(e.event);
          if (e.type === 'transition') seen.add(e.to);
          if (e.type === 'ab_test') seen.add(`${e.decision}:${e.method}`);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
    for (const k of [
      'promoted',
      'discarded',
      'restored',
      'retired',
      'updating',
      'testing',
      'rollback',
      'safe',
      'promote:dm',
      'reject:dm',
      'promote:manual override',
    ])
      expect(seen).toContain(k);
  });
});
