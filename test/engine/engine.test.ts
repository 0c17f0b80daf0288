import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { DAY, engineConfig, Harness, randomWalk } from '../helpers/engine.ts';

describe('Engine and SymbolActor', () => {
  it('predicts nothing during warmup, then one champion prediction per bar with labels two bars later', () => {
    const h = new Harness(engineConfig()).run(randomWalk(['A'], 100));
    h.engine.finish();
    const champ = h.sink.of('prediction').filter((p) => p.role === 'champion');
    // warmup ends at bar 40 (index 39): predictions at bars 39..99 → 61
    expect(champ).toHaveLength(61);
    expect(champ[0]!.ts).toBe(39 * DAY);
    // The traded label (h = 1, next_close): the position decided at t fills at close(t+1) and
    // earns close(t+1) → close(t+2), known at t+2; the last two bars' labels never come.
    for (const p of champ) {
      if (p.label === null) expect(p.horizonTs).toBeNull();
      else expect(p.horizonTs).toBe(p.ts + 2 * DAY);
    }
    expect(champ.filter((p) => p.label === null)).toHaveLength(2);
  });

  it('labels are the direction of the traded move close(t+1) → close(t+2) (test-then-train, no look-ahead)', () => {
    const slices = randomWalk(['A'], 80);
    const close = new Map(slices.map((s) => [s[0]!.ts as number, s[0]!.close]));
    const h = new Harness(engineConfig()).run(slices);
    let checked = 0;
    for (const p of h.sink.of('prediction')) {
      if (p.label === null) continue;
      expect(p.label).toBe(close.get(p.ts + 2 * DAY)! > close.get(p.ts + DAY)! ? 1 : 0);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('label: forecast keeps the pure forecast close(t) → close(t+h), known at t+h', () => {
    const slices = randomWalk(['A'], 80);
    const close = new Map(slices.map((s) => [s[0]!.ts as number, s[0]!.close]));
    const h = new Harness(engineConfig({}, { label: 'forecast', horizon: 3 })).run(slices);
    let checked = 0;
    for (const p of h.sink.of('prediction')) {
      if (p.label === null) continue;
      expect(p.horizonTs).toBe(p.ts + 3 * DAY);
      expect(p.label).toBe(close.get(p.ts + 3 * DAY)! > close.get(p.ts)! ? 1 : 0);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('next_open: the label is the open-to-open move of the position, open(t+1) → open(t+1+h)', () => {
    const slices = randomWalk(['A'], 80).map((s) =>
      s.map((b, i) => ({ ...b, open: b.close * (1 + 0.003 * Math.sin(b.ts / DAY + i)) })),
    );
    const open = new Map(slices.map((s) => [s[0]!.ts as number, s[0]!.open]));
    const config = engineConfig({}, { horizon: 2 });
    const h = new Harness({ ...config, book: { ...config.book, fill: 'next_open' } }).run(slices);
    let checked = 0;
    for (const p of h.sink.of('prediction')) {
      if (p.label === null) continue;
      expect(p.horizonTs).toBe(p.ts + 3 * DAY);
      expect(p.label).toBe(open.get(p.ts + 3 * DAY)! > open.get(p.ts + DAY)! ? 1 : 0);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('predictions at t do not depend on prices after t', () => {
    const base = randomWalk(['A', 'B'], 120, 5);
    const altered = base.map((s, t) =>
      t < 90 ? s : s.map((b) => ({ ...b, close: b.close * (1 + 0.05 * Math.sin(t)) })),
    );
    const a = new Harness(engineConfig()).run(base);
    const b = new Harness(engineConfig()).run(altered);
    const upTo = (h: Harness) =>
      h.sink
        .of('prediction')
        .filter((p) => p.ts < 90 * DAY && p.horizonTs !== null && p.horizonTs < 90 * DAY);
    expect(upTo(b)).toEqual(upTo(a));
    const scoresAt89 = (h: Harness) =>
      h.sink.events
        .filter((e) => e.type === 'prediction' && e.ts === 89 * DAY)
        .map((e) => (e.type === 'prediction' ? e.score : 0));
    expect(scoresAt89(b)).toEqual(scoresAt89(a));
  });

  it('with policy none the model is exactly the frozen baseline', () => {
    const h = new Harness(engineConfig({ policy: 'none', onlineLearning: false })).run(
      randomWalk(['A'], 150),
    );
    const eq = h.sink.of('equity');
    const model = eq.filter((e) => e.strategy === 'model').map((e) => e.equity);
    const frozen = eq.filter((e) => e.strategy === 'frozen').map((e) => e.equity);
    expect(model.length).toBeGreaterThan(100);
    expect(model).toEqual(frozen);
  });

  it('periodic policy builds challengers, tests them on the same ticks and records every decision', () => {
    const h = new Harness(engineConfig({ policy: 'periodic', periodBars: 60 })).run(
      randomWalk(['A'], 400),
    );
    h.engine.finish();
    const tests = h.sink.of('ab_test');
    expect(tests.length).toBeGreaterThanOrEqual(4);
    for (const t of tests) {
      expect(t.n).toBe(20);
      expect(t.decision === 'promote' ? t.pValue < 0.05 : t.pValue >= 0.05).toBe(true);
    }
    const versions = h.sink.of('version');
    expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
    expect(
      versions.slice(1).every((v) => v.parentVersion !== null && v.parentVersion < v.version),
    ).toBe(true);
    const transitions = h.sink.of('transition').map((t) => `${t.from}>${t.to}`);
    expect(transitions).toContain('serving>updating');
    expect(transitions).toContain('updating>testing');
    expect(transitions).toContain('testing>serving');
    // challengers predict only while testing, on ticks where the champion predicts too
    const champTs = new Set(
      h.sink
        .of('prediction')
        .filter((p) => p.role === 'champion')
        .map((p) => p.ts),
    );
    const chall = h.sink.of('prediction').filter((p) => p.role === 'challenger');
    expect(chall.length).toBeGreaterThan(0);
    expect(chall.every((p) => champTs.has(p.ts))).toBe(true);
  });

  it('refuses commands that cannot apply, with the reason', () => {
    const h = new Harness(engineConfig({ policy: 'none', onlineLearning: false }));
    const slices = randomWalk(['A'], 120);
    h.run(slices.slice(0, 10));
    expect(h.engine.command('A', { type: 'update' })[0]!.result).toEqual({
      accepted: false,
      reason: 'still warming up: no champion serves yet',
      state: 'warmup',
    });
    h.run(slices.slice(10, 60));
    expect(h.engine.command('A', { type: 'validate' })[0]!.result).toEqual({
      accepted: false,
      reason: 'no challenger under test (state serving)',
      state: 'serving',
    });
    expect(h.engine.command('A', { type: 'rollback' })[0]!.result).toEqual({
      accepted: false,
      reason: 'no earlier champion to roll back to',
      state: 'serving',
    });
    expect(h.engine.command('A', { type: 'update' })[0]!.result).toEqual({
      accepted: true,
      state: 'updating',
    });
    expect(h.engine.command('A', { type: 'update' })[0]!.result).toEqual({
      accepted: false,
      reason: 'an update is already running',
      state: 'updating',
    });
    // the candidate is built at the next bar; the challenger predicts from the bar after
    h.run(slices.slice(60, 61));
    expect(h.engine.command('A', { type: 'update' })[0]!.result).toEqual({
      accepted: false,
      reason: 'a challenger (v2) is already under test',
      state: 'testing',
    });
    h.run(slices.slice(61, 66));
    expect(h.engine.command('A', { type: 'validate' })[0]!.result).toEqual({
      accepted: false,
      reason: 'only 3 of 20 labels resolved for the test',
      state: 'testing',
    });
    expect(h.engine.command('Z', { type: 'update' })).toEqual([]);
  });

  it('a forced promotion then a rollback restores the previous champion exactly', () => {
    const h = new Harness(engineConfig({ policy: 'continuous', probationBars: 1000 }));
    const slices = randomWalk(['A'], 200);
    h.run(slices.slice(0, 100));
    const actor = h.engine.actor('A')!;
    expect(h.engine.command('A', { type: 'update' })[0]!.result.accepted).toBe(true);
    h.run(slices.slice(100, 105));
    const before = actor.champion.snapshot();
    const promoted = h.engine.command('A', { type: 'promote' })[0]!.result;
    expect(promoted).toEqual({ accepted: true, state: 'serving' });
    expect(actor.status().championVersion).toBe(2);
    h.run(slices.slice(105, 130));
    expect(actor.champion.snapshot()).not.toEqual(before);
    expect(h.engine.command('A', { type: 'rollback' })[0]!.result).toEqual({
      accepted: true,
      state: 'serving',
    });
    expect(actor.status().championVersion).toBe(1);
    expect(actor.champion.snapshot()).toEqual(before);
    const forced = h.sink.of('ab_test').at(-1)!;
    expect(forced.method).toBe('manual override');
    // built at bar 100, challenger predicted at bars 101..104, traded labels resolved at 103..104
    expect(forced.n).toBe(2);
    const tr = h.sink.of('transition').map((t) => `${t.from}>${t.to}:${t.event}`);
    expect(tr.slice(-2)).toEqual([
      'serving>rollback:cmd.rollback',
      'rollback>serving:cmd.rollback',
    ]);
  });
});

describe('runReplay', () => {
  it('rejects (instead of crashing the process) when the engine throws mid-replay, and stops there', async () => {
    const { Engine, createReplayClock, runReplay } = await import('../../src/engine/index.ts');
    const { InMemorySource } = await import('../../src/feeds/index.ts');
    const slices = randomWalk(['A', 'B'], 200);
    const series = ['A', 'B'].map((symbol) => {
      const rows = slices.map((s) => s.find((b) => b.symbol === symbol)!);
      const f = (k: 'ts' | 'open' | 'high' | 'low' | 'close' | 'volume') =>
        Float64Array.from(rows.map((r) => r[k]));
      return {
        symbol,
        ts: f('ts'),
        open: f('open'),
        high: f('high'),
        low: f('low'),
        close: f('close'),
        volume: f('volume'),
      };
    });
    let writes = 0;
    const unlabelled: string[] = [];
    const sink = {
      write(e: { type: string; label?: number | null; symbol?: string | null }) {
        if (++writes === 500) throw new Error('disk full');
        if (e.type === 'prediction' && e.label === null) unlabelled.push(e.symbol as string);
      },
    };
    const clock = createReplayClock();
    const engine = new Engine(engineConfig(), clock, sink);
    const controller = new AbortController();
    await expect(
      runReplay(new InMemorySource('mem', series), engine, clock, controller.signal),
    ).rejects.toThrow('disk full');
    expect(engine.bars).toBeLessThan(400);
    // the engine was finished on the error path: the predictions waiting for labels are recorded
    expect(unlabelled.length).toBeGreaterThan(0);
    // and the replay no longer listens to the signal
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('an aborted replay finishes the engine once and removes its listener', async () => {
    const { Engine, createReplayClock, runReplay } = await import('../../src/engine/index.ts');
    const { InMemorySource } = await import('../../src/feeds/index.ts');
    const rows = randomWalk(['A'], 300).map((s) => s[0]!);
    const f = (k: 'ts' | 'open' | 'high' | 'low' | 'close' | 'volume') =>
      Float64Array.from(rows.map((r) => r[k]));
    const series = [
      {
        symbol: 'A',
        ts: f('ts'),
        open: f('open'),
        high: f('high'),
        low: f('low'),
        close: f('close'),
        volume: f('volume'),
      },
    ];
    const h = new Harness(engineConfig());
    const clock = createReplayClock();
    const engine = new Engine(engineConfig(), clock, h.sink);
    const controller = new AbortController();
    controller.abort();
    const r = await runReplay(new InMemorySource('mem', series), engine, clock, controller.signal);
    expect(r.aborted).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const done = new AbortController();
    const clock2 = createReplayClock();
    const full = await runReplay(
      new InMemorySource('mem', series),
      new Engine(engineConfig(), clock2, h.sink),
      clock2,
      done.signal,
    );
    expect(full.bars).toBe(300);
    expect(getEventListeners(done.signal, 'abort')).toHaveLength(0);
  });
});

describe('market-time schedules', () => {
  it('periodic updates on a market-time schedule fire from the clock, and an update may take market time', () => {
    const h = new Harness(
      engineConfig({
        policy: 'periodic',
        periodMs: 40 * DAY,
        updateLatencyMs: 5 * DAY,
        warmupBars: 40,
      }),
    ).run(randomWalk(['A'], 300));
    h.engine.finish();
    const starts = h.sink
      .of('transition')
      .filter((t) => t.event === 'schedule.due')
      .map((t) => t.ts / DAY);
    const ready = h.sink
      .of('transition')
      .filter((t) => t.event === 'candidate.ready')
      .map((t) => t.ts / DAY);
    // warmup ends at bar 39 (day 39); the schedule starts there: due on days 79, 119, 159, …
    expect(starts.slice(0, 3)).toEqual([79, 119, 159]);
    // each build takes 5 days of market time; the champion serves meanwhile
    expect(ready.slice(0, 3)).toEqual([84, 124, 164]);
    const champ = h.sink
      .of('prediction')
      .filter((p) => p.role === 'champion' && p.ts >= 79 * DAY && p.ts < 84 * DAY);
    expect(champ).toHaveLength(5);
  });
});

describe('the lifecycle machine, wired', () => {
  it('a build that cannot be made (too few examples since the change) is candidate.failed, back to serving', () => {
    const h = new Harness(engineConfig({ policy: 'none', builder: 'reset', updateLatency: 2 }));
    const slices = randomWalk(['A'], 80);
    h.run(slices.slice(0, 60));
    expect(h.engine.command('A', { type: 'update' })[0]!.result.accepted).toBe(true);
    h.run(slices.slice(60, 62));
    expect(h.engine.actor('A')!.state).toBe('updating'); // two bars of latency
    h.run(slices.slice(62, 63)); // built at the third bar close: nothing since the change began
    const tr = h.sink.of('transition').map((t) => `${t.from}>${t.to}:${t.event}@${t.ts / DAY}`);
    expect(tr.slice(-2)).toEqual([
      'serving>updating:cmd.update@59',
      'updating>serving:candidate.failed@62',
    ]);
    expect(h.sink.of('version_event').filter((e) => e.event === 'created')).toHaveLength(1);
  });

  it('the champion does not learn in the safe state: the machine’s state is the only record of it', () => {
    const h = new Harness(engineConfig({ policy: 'none', onlineLearning: true }));
    const slices = randomWalk(['A'], 120);
    h.run(slices.slice(0, 60));
    const a = h.engine.actor('A')!;
    a.signal({ type: 'quality.failed', message: 'stale' });
    const held = a.champion.snapshot();
    h.run(slices.slice(60, 80));
    expect(a.state).toBe('safe');
    expect(a.champion.snapshot()).toEqual(held);
    a.signal({ type: 'quality.recovered' });
    h.run(slices.slice(80, 85));
    expect(a.state).toBe('serving');
    expect(a.champion.snapshot()).not.toEqual(held);
  });
});
