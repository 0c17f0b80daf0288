import { beforeAll } from 'vitest';
import {
  BankRegistry,
  createModel,
  initTfBackend,
  type ModelSpec,
} from '../../src/models/index.ts';
import { describeModelContract } from './model-contract.ts';

beforeAll(async () => {
  await initTfBackend('cpu');
});

const banks = new BankRegistry();
const specs: ModelSpec[] = [
  { kind: 'logistic' },
  { kind: 'linear' },
  { kind: 'naive' },
  { kind: 'lstm', hidden: 3, window: 3, bpttSteps: 2 },
  { kind: 'transformer', dModel: 4, heads: 2, ffDim: 4, window: 3, layers: 2 },
  { kind: 'ensemble', members: [{ kind: 'lstm', hidden: 2, window: 2 }, { kind: 'logistic' }] },
  {
    kind: 'ensemble',
    members: [{ kind: 'linear' }, { kind: 'lstm', hidden: 2, window: 3, target: 'return' }],
  },
];
for (const spec of specs) {
  describeModelContract(JSON.stringify(spec), 2, (seed) => createModel(spec, 2, seed, { banks }));
}

const statefulSpecs: ModelSpec[] = [
  { kind: 'lstm', hidden: 3, window: 3, bpttSteps: 4, labelLag: 2, stateful: true },
  { kind: 'transformer', dModel: 4, heads: 2, ffDim: 4, window: 3, layers: 2, stateful: true },
  {
    kind: 'ensemble',
    members: [{ kind: 'lstm', hidden: 2, window: 2, stateful: true }, { kind: 'logistic' }],
  },
];
for (const spec of statefulSpecs) {
  describeModelContract(JSON.stringify(spec), 2, (seed) => createModel(spec, 2, seed, { banks }), {
    stateful: true,
  });
}
