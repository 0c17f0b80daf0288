import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURES } from '../../src/features/index.ts';
import { planRun } from '../../src/runner/index.ts';
import { planNotices } from '../../src/runner/plan-notices.ts';

const QUICKSTART = join(import.meta.dirname, '../../scenarios/quickstart.yaml');
const lstm = (labelLag: number, bpttSteps = 4) => ({
  kind: 'lstm',
  stateful: true,
  labelLag,
  bpttSteps,
  window: 8,
});
const notes = (horizon: number, label: 'traded' | 'forecast', model: object) =>
  planNotices({
    horizon,
    label,
    features: DEFAULT_FEATURES,
    variants: [{ name: 'v', model }],
  });

describe('plan notices: a stateful model whose labelLag is shorter than a label’s age', () => {
  it('traded labels are learned when their step is h steps old, forecast ones h − 1', () => {
    // horizon 5, traded: age 5. labelLag 4, bpttSteps 4: the ring holds 8 steps, the label's
    // step and 8 − 5 = 3 before it → 3 of 4 steps
    expect(notes(5, 'traded', lstm(4))).toEqual([
      'variant v: model.labelLag 4 < 5, the age of a step when its label is learned (horizon 5, label traded): every label is learned through 3 of its 4 cached steps; set model.labelLag to 5 or more',
    ]);
    expect(notes(5, 'traded', lstm(5))).toEqual([]);
    expect(notes(5, 'forecast', lstm(4))).toEqual([]); // age 4
    // labelLag 1 + bpttSteps 4 = 5 steps held: the step 5 old is gone
    expect(notes(5, 'traded', lstm(1))[0]).toContain(
      "model.labelLag 1 < 5, the age of a step when its label is learned (horizon 5, label traded): every label is learned from a scratch window run, not from the stream's cached steps",
    );
  });

  it('the transformer spans its window; window models say nothing; ensemble members by path', () => {
    const transformer = { kind: 'transformer', stateful: true, labelLag: 0, window: 6 };
    expect(notes(2, 'traded', transformer)[0]).toContain('through 4 of its 6 cached steps');
    expect(notes(2, 'traded', { kind: 'lstm', window: 8, bpttSteps: 8 })).toEqual([]);
    const ensemble = { kind: 'ensemble', members: [{ kind: 'logistic' }, lstm(1)] };
    expect(notes(3, 'traded', ensemble)[0]).toMatch(
      /^variant v: model\.members\.1\.labelLag 1 < 3,/,
    );
  });

  it('planRun tells the notice callback, prefixed "note:"', async () => {
    const lines: string[] = [];
    const model = { kind: 'lstm', hidden: 4, window: 4, stateful: true, labelLag: 2 };
    await planRun(
      {
        scenario: QUICKSTART,
        set: [
          ['horizon', '3'],
          ['model', JSON.stringify(model)],
        ],
      },
      (line) => lines.push(line),
    );
    expect(lines.filter((l) => l.startsWith('note: '))).toEqual([
      expect.stringContaining('variant model: model.labelLag 2 < 3'),
    ]);
  });
});
