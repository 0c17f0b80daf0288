import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DriftOutcome, EpochMs, OutcomeEvent } from '../../src/core/index.ts';
import { PHASE_OUTCOMES, phaseSinks } from '../../src/engine/index.ts';
import { TABLE_OF_EVENT } from '../../src/store/index.ts';
import { engineConfig, Harness, randomWalk } from '../helpers/engine.ts';

const ENGINE = join(import.meta.dirname, '../../src/engine');

describe('one sink per tick phase', () => {
  it('every recorded outcome type belongs to a phase, and every phase outcome has a table', () => {
    const declared = new Set<string>(Object.values(PHASE_OUTCOMES).flat());
    expect([...Object.keys(TABLE_OF_EVENT)].filter((t) => !declared.has(t))).toEqual([]);
    expect([...declared].filter((t) => !(t in TABLE_OF_EVENT))).toEqual([]);
  });

  it('only the engine, the live session and phase-sinks.ts see the raw outcome sink', () => {
    const raw = readdirSync(ENGINE)
      .filter((f) => /\bOutcomeSink\b/.test(readFileSync(join(ENGINE, f), 'utf8')))
      .sort();
    expect(raw).toEqual(['engine.ts', 'live-session.ts', 'phase-sinks.ts']);
  });

  it('a phase sink forwards to the one outcome sink, and the types keep phases apart', () => {
    const seen: OutcomeEvent[] = [];
    const sinks = phaseSinks({ write: (e) => seen.push(e) });
    const drift: DriftOutcome = {
      type: 'drift',
      variant: 'v',
      symbol: 'A',
      ts: 0 as EpochMs,
      detector: 'adwin',
      kind: 'drift',
      feature: null,
    };
    sinks.monitor.write(drift);
    // @ts-expect-error the book phase cannot record a drift
    sinks.book.write(drift);
    expect(seen).toEqual([drift, drift]);
    expect(Object.values(sinks).map((s) => s.phase)).toEqual(Object.keys(PHASE_OUTCOMES));
  });

  it('an engine run records predictions, equity, transitions and versions through its phases', () => {
    const h = new Harness(engineConfig()).run(randomWalk(['A', 'B'], 120));
    h.engine.finish();
    const types = new Set(h.sink.events.map((e) => e.type));
    for (const t of ['prediction', 'equity', 'transition', 'version']) expect(types).toContain(t);
    const declared = new Set<string>(Object.values(PHASE_OUTCOMES).flat());
    expect([...types].filter((t) => !declared.has(t))).toEqual([]);
  });
});
