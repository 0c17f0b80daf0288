import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import { openTableSink } from '../../src/store/index.ts';
import { tempDir } from '../helpers/cli.ts';
import { queryMemory } from '../helpers/duck.ts';

describe('openTableSink', () => {
  it('doc example', async () => {
    const file = join(tempDir(), 'prices.parquet');
    const sink = await openTableSink(file, [
      { name: 'ts', kind: 'ts' },
      { name: 'close', kind: 'double' },
    ]);
    sink.append([Date.UTC(2024, 0, 2), 101.5]);
    await sink.close();
    expect(await queryMemory(`SELECT ts::VARCHAR AS ts, close FROM '${file}'`)).toEqual([
      { ts: '2024-01-02 00:00:00', close: 101.5 },
    ]);
  });

  it('CSV: quotes text when needed, leaves NaN empty, keeps doubles exact', async () => {
    const file = join(tempDir(), 'x.csv');
    const sink = await openTableSink(
      file,
      [
        { name: 'ts', kind: 'ts' },
        { name: 'name', kind: 'text' },
        { name: 'v', kind: 'double' },
      ],
      { tsStyle: 'date' },
    );
    sink.append([0, 'a,"b"', Number.NaN]);
    sink.append([86_400_000, 'c', 0.1 + 0.2]);
    await sink.close();
    expect(readFileSync(file, 'utf8')).toBe(
      'ts,name,v\n1970-01-01,"a,""b""",\n1970-01-02,c,0.30000000000000004\n',
    );
  });

  it('Parquet: NaN is NULL and text with commas and quotes survives', async () => {
    const file = join(tempDir(), 'x.parquet');
    const sink = await openTableSink(file, [
      { name: 'name', kind: 'text' },
      { name: 'v', kind: 'double' },
      { name: 'n', kind: 'int' },
    ]);
    sink.append(['a,"b"', Number.NaN, 3]);
    await sink.close();
    expect(await queryMemory(`SELECT name, v, n FROM '${file}'`)).toEqual([
      { name: 'a,"b"', v: null, n: '3' },
    ]);
  });

  it('refuses other extensions', async () => {
    await expect(openTableSink('x.json', [])).rejects.toThrow(InputError);
  });
});
