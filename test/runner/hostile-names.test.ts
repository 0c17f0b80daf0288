import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveCommand } from '../../src/cli/live-command.ts';
import { InputError } from '../../src/core/index.ts';
import { planRun, runScenario } from '../../src/runner/index.ts';
import { runSweepJob } from '../../src/sweep/index.ts';
import { ROOT, tempDir } from '../helpers/cli.ts';
import { prototypeState } from '../helpers/prototype-state.ts';

// Names from input are data, never object keys: hostile symbol names and override paths go
// through a CSV run, a live feed, --set and a sweep job in this process, and Object.prototype
// is exactly as before.
const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a,b'];

describe('hostile names leave Object.prototype untouched', () => {
  const dir = tempDir('livemodel-hostile-');
  let before = '';
  beforeAll(() => {
    before = prototypeState();
  });
  afterAll(() => {
    expect(prototypeState()).toBe(before);
  });

  it('a CSV whose symbols are __proto__, constructor, toString, …: every symbol is in summary.json', async () => {
    const rows = ['ts,symbol,close'];
    for (let t = 0; t < 300; t++) {
      const day = new Date(Date.UTC(2001, 0, 1) + t * 86_400_000).toISOString().slice(0, 10);
      for (const [i, s] of HOSTILE.entries())
        rows.push(`${day},"${s}",${(100 + i + Math.sin(t * (i + 1)) * 3).toFixed(4)}`);
    }
    writeFileSync(join(dir, 'hostile.csv'), `${rows.join('\n')}\n`);
    const r = await runScenario(
      { scenario: join(ROOT, 'scenarios/quickstart.yaml'), data: join(dir, 'hostile.csv') },
      { out: join(dir, 'csv') },
    );
    expect(prototypeState()).toBe(before);
    const summary = JSON.parse(readFileSync(r.files.summary, 'utf8'));
    expect(summary.run.symbols.sort()).toEqual([...HOSTILE].sort());
    for (const s of HOSTILE) {
      expect(Object.hasOwn(summary.strategies.model.symbols, s), s).toBe(true);
      expect(Object.hasOwn(summary.models.model.symbols, s), s).toBe(true);
      expect(summary.models.model.symbols[s].predictions, s).toBeGreaterThan(100);
    }
  });

  it('a live NDJSON feed with a symbol named __proto__', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 200; i++)
      for (const s of ['__proto__', 'constructor'])
        lines.push(
          JSON.stringify({ ts: 1_700_000_000_000 + i * 1000, symbol: s, price: 100 + (i % 7) }),
        );
    writeFileSync(join(dir, 'feed.ndjson'), `${lines.join('\n')}\n`);
    const r = await liveCommand({
      feed: 'ndjson',
      url: join(dir, 'feed.ndjson'),
      symbols: [],
      interval: '1s',
      out: join(dir, 'live'),
      quiet: true,
      signal: new AbortController().signal,
    });
    expect(r.bars).toBeGreaterThan(300);
    expect(prototypeState()).toBe(before);
  });

  it('--set and sweep-job overrides through __proto__ or constructor are refused, naming the key', async () => {
    for (const path of [
      '__proto__.polluted',
      'constructor.prototype.polluted',
      'model.__proto__.x',
    ]) {
      await expect(
        planRun({ scenario: join(ROOT, 'scenarios/quickstart.yaml'), set: [[path, '1']] }),
      ).rejects.toThrow(InputError);
    }
    await expect(
      planRun({
        scenario: join(ROOT, 'scenarios/quickstart.yaml'),
        set: [['__proto__.polluted', '1']],
      }),
    ).rejects.toThrow('--set __proto__.polluted: `__proto__` is not a scenario field');
    const job = await runSweepJob(
      {
        id: 'j001',
        index: 0,
        parameters: { '__proto__.polluted': 1 },
        seed: 1,
        shard: 0,
        shards: 1,
        symbols: null,
        overrides: [['__proto__.polluted', '1']],
        scenarioText: readFileSync(join(ROOT, 'scenarios/quickstart.yaml'), 'utf8').replace(
          '../data/',
          `${join(ROOT, 'data')}/`,
        ),
        dataFile: join(ROOT, 'data/eu-stock-markets.csv'),
        outDir: join(dir, 'job'),
        strategy: 'model',
      },
      new AbortController().signal,
      'test',
    );
    expect(job.status).toBe('failed');
    expect(job.error).toContain('`__proto__` is not a scenario field');
    expect(prototypeState()).toBe(before);
  });
});
