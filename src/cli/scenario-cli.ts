import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../core/index.ts';
import { isSweepFile, loadScenario, scenarioJsonSchema } from '../scenario/index.ts';
import { toEngineConfig } from '../runner/index.ts';

/** `livemodel schema`: the scenario JSON Schema, for editors. */
export function schemaCli(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2);
}

/** `livemodel validate <scenario>…`: checks files (sweep files too) without running them; throws on the first bad one. */
export async function validateCli(files: readonly string[]): Promise<string> {
  if (files.length === 0) throw new InputError('validate expects one or more scenario files');
  const lines: string[] = [];
  for (const f of files) {
    // Sweep files are planned in full (every combination validated); loaded only when needed.
    if (isSweepFile(f)) {
      lines.push(await (await import('./sweep-command.ts')).validateSweepLine(f));
      continue;
    }
    const s = loadScenario(f);
    toEngineConfig(s, f);
    const variants = s.variants?.map((v) => v.name).join(', ') ?? 'model';
    lines.push(
      `ok  ${f}  (${s.name}: ${s.model.kind}, policy ${s.lifecycle.policy}, variants ${variants})`,
    );
  }
  return lines.join('\n');
}

const STARTER = (name: string) => `# yaml-language-server: $schema=../scenario.schema.json
# ${name}: a livemodel scenario. Run it with
#   npx livemodel run scenarios/${name}.yaml
# Every field and its default: npx livemodel schema, or the scenario reference in the README.
name: ${name}
description: What question does this scenario answer?
seed: 42

data:
  file: ../data/eu-stock-markets.csv   # CSV (long or wide), relative to this file
  # symbols: [DAX, CAC]                # keep only these
  onBadRow: fail                       # or skip: bad rows go to data_rejects

horizon: 1                             # label = direction of close(t+1) vs close(t)

features:
  returnLags: [1, 2, 5, 10]            # log returns over these lags (bars)
  volatilityWindow: 20
  emaFast: 5
  emaSlow: 20

model:
  kind: logistic                       # online logistic regression
  optimizer: adagrad                   # sgd | adagrad | rmsprop | adam
  learningRate: 0.05
  l2: 0.0001

lifecycle:
  warmupBars: 100                      # features and first fit before serving
  policy: continuous                   # continuous | periodic | drift | degradation | none
  # periodBars: 250                    # periodic: a challenger every N bars
  test:
    method: dm                         # Diebold-Mariano on paired losses (or sprt)
    alpha: 0.05
    minSamples: 30

monitoring:
  drift:
    - { detector: adwin, on: error }   # drift on the champion's error stream

backtest:
  sizing: sign                         # long / short / flat
  deadBand: 0.02                       # flat while |p - 0.5| <= 0.02
  costBps: 1

# variants:                            # several policies side by side on the same data
#   - { name: continuous, lifecycle: { policy: continuous } }
#   - { name: periodic, lifecycle: { policy: periodic, periodBars: 250 } }
`;

/** `livemodel init [name] [--dir scenarios]`: writes a commented starter scenario; never overwrites. */
export function initCli(name = 'my-scenario', dir = 'scenarios'): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name))
    throw new InputError(`init expects a name of letters, digits, _ . -, got \`${name}\``);
  const file = join(dir, `${name}.yaml`);
  if (existsSync(file)) throw new InputError(`${file} already exists; choose another name`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, STARTER(name));
  return `wrote ${file}\nrun it: npx livemodel run ${file}`;
}
