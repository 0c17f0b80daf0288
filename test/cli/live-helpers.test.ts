import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseShards } from '../../src/cli/live-command.ts';
import { serveCommand } from '../../src/cli/serve-command.ts';
import { defaultLiveScenario } from '../../src/runner/index.ts';
import { parseDuration } from '../../src/core/index.ts';

describe('parseDuration', () => {
  it('doc example', () => {
    expect(parseDuration('1m', '--interval')).toBe(60_000);
    expect(parseDuration('500ms', '--x')).toBe(500);
    expect(parseDuration('1.5s', '--x')).toBe(1500);
    expect(parseDuration('250', '--x')).toBe(250);
    expect(() => parseDuration('1 week', '--interval')).toThrow(
      'Expected --interval to be a duration like 500ms, 1s, 1m or 1h, got `1 week`',
    );
  });
});

describe('defaultLiveScenario', () => {
  it('doc example: the quickstart model with a 30-bar warmup', () => {
    const s = defaultLiveScenario();
    expect(s.lifecycle.warmupBars).toBe(30);
    expect(s.model).toMatchObject({ kind: 'logistic', optimizer: 'adagrad' });
  });
});

describe('parseShards (live and serve --shards)', () => {
  it('doc example, auto, and what it refuses', () => {
    expect(parseShards('2')).toBe(2);
    expect(parseShards(undefined)).toBeUndefined();
    expect(parseShards('auto')).toBe(availableParallelism());
    for (const bad of ['0', '-1', '1.5', 'two', ''])
      expect(() => parseShards(bad)).toThrow(
        `--shards expects an integer >= 1 or auto, got \`${bad}\``,
      );
  });

  it('serve refuses --shards without --feed (a replay shards with `run --shards`)', async () => {
    await expect(
      serveCommand({
        host: '127.0.0.1',
        port: 0,
        speed: 1,
        shards: 2,
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow(
      /--shards splits the symbols of a live feed over worker threads: it needs --feed/,
    );
  });
});
