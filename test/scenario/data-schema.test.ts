import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import { validateScenario } from '../../src/scenario/index.ts';

const base = { name: 'x' };

describe('scenario data block', () => {
  it('takes a file (with a format) or a synthetic block, with defaults', () => {
    const a = validateScenario({ ...base, data: { file: 'a.parquet' } }, 's.yaml');
    expect(a.data).toMatchObject({
      file: 'a.parquet',
      format: 'auto',
      onBadRow: 'fail',
      gapFactor: 5,
      memoryLimit: '512MB',
    });
    const w = validateScenario({ ...base, data: { file: 'a.csv', format: 'wide' } }, 's.yaml');
    expect(w.data.format).toBe('wide');
    const s = validateScenario(
      { ...base, data: { synthetic: { drifts: [{ at: 10, kind: 'flip' }] } } },
      's.yaml',
    );
    expect(s.data.synthetic).toMatchObject({
      symbols: 20,
      bars: 2000,
      interval: '1d',
      regimeScope: 'symbol',
      factorLoading: 0.5,
      ohlc: true,
      drifts: [{ at: 10, kind: 'flip' }],
    });
    expect(s.data.synthetic?.seed).toBeUndefined(); // the scenario seed is used
  });

  it('needs exactly one of file and synthetic, saying so', () => {
    expect(() => validateScenario({ ...base, data: {} }, 's.yaml')).toThrow(InputError);
    expect(() => validateScenario({ ...base, data: {} }, 's.yaml')).toThrow(
      /s\.yaml: `data\.file`: give a data `file` or a `synthetic` block/,
    );
    expect(() =>
      validateScenario({ ...base, data: { file: 'a.csv', synthetic: {} } }, 's.yaml'),
    ).toThrow(/`data\.synthetic`: give either a data `file` or a `synthetic` block, not both/);
  });

  it('names bad fields of the synthetic block, with suggestions for typos', () => {
    expect(() => validateScenario({ ...base, data: { synthetic: { bar: 10 } } }, 's.yaml')).toThrow(
      /unknown field `data\.synthetic\.bar` \(did you mean `data\.synthetic\.bars`\?\)/,
    );
    expect(() =>
      validateScenario({ ...base, data: { synthetic: { regimeScope: 'global' } } }, 's.yaml'),
    ).toThrow(/`data\.synthetic\.regimeScope`/);
    expect(() =>
      validateScenario(
        { ...base, data: { synthetic: { drifts: [{ at: 5, kind: 'twist' }] } } },
        's.yaml',
      ),
    ).toThrow(/`data\.synthetic\.drifts\.0\.kind`/);
    expect(() =>
      validateScenario({ ...base, data: { file: 'a.csv', gapFactor: 1 } }, 's.yaml'),
    ).toThrow(/`data\.gapFactor`: a number > 1, or 0 to turn gap alerts off/);
    expect(() =>
      validateScenario({ ...base, data: { file: 'a.csv', format: 'xlsx' } }, 's.yaml'),
    ).toThrow(/`data\.format`/);
  });

  it('data.timezone is an IANA zone, absent by default (UTC)', () => {
    expect(validateScenario({ ...base, data: { file: 'a.csv' } }, 's.yaml').data.timezone).toBe(
      undefined,
    );
    const ny = validateScenario(
      { ...base, data: { file: 'a.csv', timezone: 'America/New_York' } },
      's.yaml',
    );
    expect(ny.data.timezone).toBe('America/New_York');
    expect(() =>
      validateScenario({ ...base, data: { file: 'a.csv', timezone: 'EST5EDTX' } }, 's.yaml'),
    ).toThrow(
      /`data\.timezone`: an IANA time zone such as America\/New_York, Europe\/London or UTC/,
    );
  });
});
