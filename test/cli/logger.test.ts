import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveCommand } from '../../src/cli/live-command.ts';
import { createLogger, outcomeLogSink, parseLogOptions } from '../../src/cli/logger.ts';
import { InputError } from '../../src/core/index.ts';
import { tempDir } from '../helpers/cli.ts';

describe('logs of serve and live', () => {
  it('doc example: JSON lines carry the run, variant and symbol', () => {
    const lines: string[] = [];
    const log = createLogger({
      format: 'json',
      level: 'info',
      base: { run: 'a1b2' },
      write: (l) => lines.push(l),
    });
    log.child({ variant: 'model', symbol: 'BTCUSDT' }).warn('disconnect');
    log.debug('not shown at info');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'warn',
      run: 'a1b2',
      variant: 'model',
      symbol: 'BTCUSDT',
      msg: 'disconnect',
    });
  });

  it('outcomes become lines at their level; pretty keeps the terminal lines', () => {
    const lines: string[] = [];
    const log = createLogger({ format: 'pretty', level: 'info', write: (l) => lines.push(l) });
    const sink = outcomeLogSink(log);
    sink.write({
      type: 'alert',
      variant: 'feed',
      symbol: '*',
      ts: 0 as never,
      kind: 'disconnect',
      severity: 'warning',
      message: 'code 1006',
    });
    sink.write({
      type: 'transition',
      variant: 'model',
      symbol: 'A',
      ts: 0 as never,
      from: 'serving',
      to: 'updating',
      event: 'drift.detected',
    });
    expect(lines).toEqual(['[warning] disconnect *: code 1006\n']);
  });

  it('--log-format and --log-level are checked', () => {
    expect(parseLogOptions(undefined, undefined)).toEqual({ format: 'pretty', level: 'info' });
    expect(() => parseLogOptions('xml', undefined)).toThrow(InputError);
    expect(() => parseLogOptions('json', 'loud')).toThrow(
      '--log-level expects debug, info, warn, error, got `loud`',
    );
  });

  it('livemodel live with JSON logs: every line is a JSON record of this run', async () => {
    const dir = tempDir('livemodel-logs-');
    const rows = Array.from({ length: 120 }, (_, i) =>
      JSON.stringify({ ts: 1_700_000_000_000 + i * 1000, symbol: 'X', price: 100 + (i % 5) }),
    );
    writeFileSync(join(dir, 'feed.ndjson'), `${rows.join('\n')}\n`);
    const lines: string[] = [];
    const r = await liveCommand({
      feed: 'ndjson',
      url: join(dir, 'feed.ndjson'),
      symbols: [],
      interval: '1s',
      out: join(dir, 'out'),
      logger: createLogger({ format: 'json', level: 'info', write: (l) => lines.push(l) }),
      signal: new AbortController().signal,
    });
    expect(r.bars).toBeGreaterThan(100);
    expect(lines.length).toBeGreaterThan(2);
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const runs = new Set(records.map((x) => x['run']));
    expect(runs.size).toBe(1);
    expect(typeof [...runs][0]).toBe('string');
    expect(
      records.some((x) => typeof x['text'] === 'string' && String(x['text']).includes('portfolio')),
    ).toBe(true);
  });
});
