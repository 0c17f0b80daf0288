import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes a small synthetic scenario (`symbols` × `bars` daily bars, logistic model) to `folder/name.yaml`. */
export function tinyScenario(folder: string, name: string, symbols: number, bars: number): string {
  const file = join(folder, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}\nseed: 3\ndata:\n  synthetic: { symbols: ${symbols}, bars: ${bars}, start: '2020-01-01', interval: 1d }\nhorizon: 1\nfeatures: { returnLags: [1, 2], volatilityWindow: 10 }\nmodel: { kind: logistic }\nlifecycle: { warmupBars: 40 }\nbacktest: { sizing: sign }\n`,
  );
  return file;
}
