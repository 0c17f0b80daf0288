import { InputError } from '../core/index.ts';
import { toEngineConfig } from '../runner/index.ts';
import { isSweepFile, loadScenario } from '../scenario/index.ts';

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

/** `livemodel validate <scenario>…` from its arguments. */
export async function validateMain(args: string[]): Promise<number> {
  console.log(await validateCli(args));
  return 0;
}
