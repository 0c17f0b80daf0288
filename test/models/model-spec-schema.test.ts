import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEFAULT_ADAPTIVE_LR,
  DEFAULT_LSTM,
  modelSpecSchema,
  naiveSpecSchema,
  parseModelSpec,
  SCENARIO_MODEL_KINDS,
  STRICT_MODEL_SCHEMAS,
} from '../../src/models/index.ts';

/** The JSON Schema of one kind as scenario files see it. */
function scenarioView(kind: string): { properties: Record<string, { default?: unknown }> } {
  const json = z.toJSONSchema(modelSpecSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as unknown as {
    $defs: {
      ModelSpec: {
        oneOf: { properties: Record<string, { const?: unknown; default?: unknown }> }[];
      };
    };
  };
  return json.$defs.ModelSpec.oneOf.find((o) => o.properties['kind']?.const === kind) as ReturnType<
    typeof scenarioView
  >;
}

describe('model spec schemas', () => {
  it('doc examples', () => {
    expect(modelSpecSchema.parse({ kind: 'lstm', hidden: 8 })).toEqual({ kind: 'lstm', hidden: 8 });
    expect(STRICT_MODEL_SCHEMAS.lstm.parse({ kind: 'lstm' }).hidden).toBe(16);
    expect(naiveSpecSchema(6).parse({ kind: 'naive' })).toEqual({
      kind: 'naive',
      returnIndex: 0,
      confidence: 0.6,
    });
  });

  it('scenario files see the same fields and defaults the models resolve with (declared once)', () => {
    for (const kind of SCENARIO_MODEL_KINDS) {
      const strict = STRICT_MODEL_SCHEMAS[kind];
      const view = scenarioView(kind);
      expect(Object.keys(view.properties)).toEqual(Object.keys(strict.shape));
      const resolved = strict.parse(
        kind === 'ensemble' ? { kind, members: [{ kind: 'logistic' }] } : { kind },
      ) as Record<string, unknown>;
      for (const [field, prop] of Object.entries(view.properties))
        if (prop.default !== undefined)
          expect(prop.default, `${kind}.${field}`).toEqual(resolved[field]);
    }
  });

  it('a scenario keeps its model as written; values are checked, unknown fields kept for the models', () => {
    const spec = { kind: 'logistic', optimizer: 'sgd', learningRate: 0.1, note: 'x' };
    expect(modelSpecSchema.parse(spec)).toEqual(spec);
    expect(modelSpecSchema.safeParse({ kind: 'lstm', hidden: 0 }).error?.issues[0]).toMatchObject({
      path: ['hidden'],
      message: 'an integer in [1, 512]',
    });
    expect(modelSpecSchema.safeParse({ kind: 'naive' }).error?.issues[0]?.message).toBe(
      'one of logistic|linear|lstm|transformer|ensemble',
    );
    expect(modelSpecSchema.safeParse('lstm').error?.issues[0]?.message).toBe('an object');
    expect(
      modelSpecSchema.safeParse({ kind: 'ensemble', members: [{ kind: 'lstm', window: 0 }] }).error
        ?.issues[0]?.path,
    ).toEqual(['members', 0, 'window']);
  });

  it('resolves fields in the order snapshots record (kind, features, then the kind’s fields)', () => {
    const lstm = parseModelSpec({ kind: 'lstm', bpttSteps: 4, adaptiveLr: { fast: 0.005 } }, 3);
    expect(Object.keys(lstm)).toEqual([
      'kind',
      'features',
      'window',
      'learningRate',
      'optimizer',
      'l2',
      'clipNorm',
      'standardize',
      'adaptiveLr',
      'target',
      'hidden',
      'bpttSteps',
    ]);
    expect(lstm).toMatchObject({ ...DEFAULT_LSTM, adaptiveLr: {}, bpttSteps: 4, features: 3 });
    expect((lstm as { adaptiveLr: object }).adaptiveLr).toEqual({
      ...DEFAULT_ADAPTIVE_LR,
      fast: 0.005,
      slow: 0.005, // min(0.01, fast)
    });
    expect(Object.keys((lstm as { adaptiveLr: object }).adaptiveLr)).toEqual(
      Object.keys(DEFAULT_ADAPTIVE_LR),
    );
    expect(parseModelSpec({ kind: 'transformer', adaptiveLr: false }, 2)).toMatchObject({
      adaptiveLr: { ...DEFAULT_ADAPTIVE_LR, enabled: false },
    });
    expect(
      Object.keys(parseModelSpec({ kind: 'ensemble', members: [{ kind: 'naive' }] }, 2)),
    ).toEqual(['kind', 'features', 'eta', 'share', 'perRegime', 'members']);
  });

  it('names nested and cross-field problems with their path and value', () => {
    expect(() => parseModelSpec({ kind: 'lstm', adaptiveLr: { fast: 0.1, slow: 0.2 } }, 3)).toThrow(
      'Expected `model.adaptiveLr.slow` to be a finite number > 0 and <= 0.1, got `0.2` (number)',
    );
    expect(() => parseModelSpec({ kind: 'lstm', adaptiveLr: { fst: 0.1 } }, 3)).toThrow(
      'Unknown field `model.adaptiveLr.fst` (known fields: decrease, enabled, fast, increase, maxFactor, minFactor, slow, tolerance)',
    );
    expect(() => parseModelSpec({ kind: 'lstm', adaptiveLr: 'yes' }, 3)).toThrow(
      'Expected `model.adaptiveLr` to be true, false or an object of adaptive-rate fields, got `"yes"` (string)',
    );
    expect(() => parseModelSpec({ kind: 'naive', returnIndex: 3 }, 3)).toThrow(
      'Expected `model.returnIndex` to be an integer in [0, 2], got `3` (number)',
    );
    expect(() =>
      parseModelSpec({ kind: 'ensemble', members: [{ kind: 'linear' }, { kind: 'logistic' }] }, 3),
    ).toThrow(
      'Expected `model.members` to be members that share one target (all direction or all return), got `["return","direction"]` (array)',
    );
  });
});
