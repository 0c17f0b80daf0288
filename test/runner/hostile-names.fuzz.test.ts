import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/index.ts';
import { openSource } from '../../src/feeds/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import { ROOT, tempDir } from '../helpers/cli.ts';
import { fcParams } from '../helpers/fc-params.ts';
import { prototypeState } from '../helpers/prototype-state.ts';

// Issue 18: generated hostile names through --set paths and CSV symbols and headers leave
// Object.prototype exactly as it was (the HTTP fuzz in test/api/api-fuzz.test.ts checks the
// same after every request; hostile-names.test.ts runs fixed names through a whole run, a live
// feed and a sweep job). FC_SEED replays a failure.

const HOSTILE = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];
const name = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 12 }));
const QUICKSTART = join(ROOT, 'scenarios/quickstart.yaml');

describe('fuzz: hostile names are data, never keys', () => {
  it('--set paths made of hostile segments: validated or refused, the prototype untouched', () => {
    const before = prototypeState();
    fc.assert(
      fc.property(
        fc.array(fc.oneof(name, fc.constantFrom('model', 'data', 'lifecycle', 'test')), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.oneof(fc.constant('1'), fc.constant('{"polluted":1}'), fc.string({ maxLength: 8 })),
        (segments, value) => {
          try {
            loadScenario(QUICKSTART, [[segments.join('.'), value]]);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
          }
          expect(prototypeState()).toBe(before);
        },
      ),
      fcParams(150),
    );
  });

  it('counterexample: a value that is not YAML is bad input naming the override (was a raw YAMLParseError)', () => {
    expect(() => loadScenario(QUICKSTART, [['__proto__', '"']])).toThrow(
      /^--set __proto__: the value is not valid YAML: Missing closing "quote/,
    );
  });

  it('CSV files whose symbols and extra headers are hostile names read as data', async () => {
    const before = prototypeState();
    const dir = tempDir('livemodel-fuzz-names-');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          name.filter((s) => s !== '' && ![...s].some((c) => c <= ' ' || '",;\\\x7f'.includes(c))),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        fc.constantFrom(...HOSTILE),
        async (symbols, extra) => {
          const rows = [`ts,symbol,close,${extra}`];
          for (let t = 0; t < 5; t++)
            for (const s of symbols) rows.push(`2020-01-0${t + 1},${s},${100 + t},1`);
          const file = join(dir, `f${n++}.csv`);
          writeFileSync(file, `${rows.join('\n')}\n`);
          const source = await openSource({ file, onBadRow: 'skip' });
          const seen = new Set<string>();
          for await (const batch of source.batches()) for (const b of batch) seen.add(b.symbol);
          source.close();
          expect([...seen].sort()).toEqual([...symbols].sort());
          expect(prototypeState()).toBe(before);
        },
      ),
      fcParams(40),
    );
  });
});
