import { type EngineConfig, featureNamesOf } from '../engine/index.ts';
import { parseModelSpec } from '../models/index.ts';

/** A resolved model spec (defaults filled): `labelLag` is recorded only when `stateful` is true. */
interface SpecLike {
  readonly kind?: unknown;
  readonly stateful?: unknown;
  readonly labelLag?: unknown;
  readonly bpttSteps?: unknown;
  readonly window?: unknown;
  readonly members?: unknown;
}

/**
 * What a run should be told about its configuration that is valid but probably not what was
 * meant. Today: a stateful (streaming) model whose `labelLag` is shorter than the age of the
 * step a label belongs to when it is learned — h steps with traded labels (learned at bar
 * t + h + 1, before that bar's step), h − 1 with forecast ones. The cache holds span + labelLag
 * steps (span: `bpttSteps` for the LSTM, `window` for the transformer), so such a label is
 * learned through fewer than `span` cached steps, or, when its step is gone, from a scratch
 * window run — correct, but not the formulation asked for (docs/models.md).
 *
 * @example
 * planNotices({ horizon: 5, label: 'traded', features: DEFAULT_FEATURES, variants: [{ name: 'v', model: { kind: 'lstm', stateful: true, labelLag: 4, bpttSteps: 8 } }] });
 * // ['variant v: model.labelLag 4 < 5, the age of a step when its label is learned (horizon 5, label traded): …']
 */
export function planNotices(
  config: Pick<EngineConfig, 'horizon' | 'label' | 'features'> & {
    readonly variants: readonly { readonly name: string; readonly model: object }[];
  },
): string[] {
  const features = featureNamesOf(config.features).length;
  const age = config.label === 'traded' ? config.horizon : config.horizon - 1;
  const out: string[] = [];
  for (const v of config.variants)
    for (const [path, spec] of statefulSpecs(
      parseModelSpec(v.model, features, 'model') as SpecLike,
      'model',
    )) {
      const lag = spec.labelLag;
      const span = spec.kind === 'lstm' ? spec.bpttSteps : spec.window;
      if (typeof lag !== 'number' || typeof span !== 'number' || lag >= age) continue;
      const what =
        age >= span + lag
          ? "every label is learned from a scratch window run, not from the stream's cached steps"
          : `every label is learned through ${span + lag - age} of its ${span} cached steps`;
      out.push(
        `variant ${v.name}: ${path}.labelLag ${lag} < ${age}, the age of a step when its label is learned (horizon ${config.horizon}, label ${config.label}): ${what}; set ${path}.labelLag to ${age} or more`,
      );
    }
  return out;
}

/** The stateful specs in a model spec (an ensemble's members included), with their paths. */
function statefulSpecs(spec: SpecLike, path: string): [string, SpecLike][] {
  const own: [string, SpecLike][] = spec.stateful === true ? [[path, spec]] : [];
  const members = Array.isArray(spec.members) ? (spec.members as SpecLike[]) : [];
  return [...own, ...members.flatMap((m, i) => statefulSpecs(m, `${path}.members.${i}`))];
}
