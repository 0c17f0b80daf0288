import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file shipped with the package (the same two levels up from src/cli and dist/cli). */
export function packageFile(path: string): string {
  return fileURLToPath(new URL(`../../${path}`, import.meta.url));
}

/** Copies a shipped file next to the starter when the project does not have it yet. */
function provide(path: string, into: string): string | null {
  const target = join(into, path);
  if (existsSync(target)) return null;
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(packageFile(path), target);
  return target;
}
import { InputError } from '../core/index.ts';

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

horizon: 1                             # label = the move the position trades: close(t+1) → close(t+2)

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
    method: dm                         # Diebold-Mariano on paired losses (or sprt: sequential)
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
  // the starter points at ../data/eu-stock-markets.csv and ../scenario.schema.json: outside this
  // repository (an installed package) they are copied from the package
  const root = dirname(dirname(file));
  const copied = ['data/eu-stock-markets.csv', 'scenario.schema.json']
    .map((f) => provide(f, root))
    .filter((f): f is string => f !== null);
  return [
    `wrote ${file}`,
    ...copied.map((f) => `wrote ${f}`),
    `run it: npx livemodel run ${file}`,
  ].join('\n');
}

/** `livemodel init [name]` from its arguments. */
export async function initMain(args: string[]): Promise<number> {
  console.log(initCli(args[0]));
  return 0;
}
