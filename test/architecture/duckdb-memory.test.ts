import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The argument text of every `DuckDBInstance.create(…)` / `.fromCache(…)` call in `text`. */
function instanceCalls(text: string): string[] {
  const calls: string[] = [];
  for (const m of text.matchAll(/DuckDBInstance\.(?:create|fromCache)\(/g)) {
    let depth = 1;
    let i = (m.index ?? 0) + m[0].length;
    const start = i;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')') depth--;
    }
    calls.push(text.slice(start, i - 1));
  }
  return calls;
}

/**
 * Without a memory limit DuckDB may take 80% of the machine's memory: every instance the harness
 * opens — source staging, run files being written, read-only stores, scratch and merge files —
 * says how much it may use (issue 18).
 */
describe('DuckDB memory', () => {
  it('every DuckDB instance in src is opened with a memory_limit', () => {
    const calls = sourceFiles(SRC).flatMap((file) =>
      instanceCalls(readFileSync(file, 'utf8')).map((args) => ({
        file: relative(SRC, file),
        args,
      })),
    );
    expect(calls.length).toBeGreaterThanOrEqual(5);
    expect(calls.filter((c) => !/\bmemory_limit\b/.test(c.args)).map((c) => c.file)).toEqual([]);
  });

  it('finds a planted call without a limit', () => {
    expect(
      instanceCalls("await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });"),
    ).toEqual(["file, { access_mode: 'READ_ONLY' }"]);
    expect(instanceCalls('DuckDBInstance.create(f(x), { memory_limit: m })')).toEqual([
      'f(x), { memory_limit: m }',
    ]);
  });
});
