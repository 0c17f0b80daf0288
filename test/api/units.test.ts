import { describe, expect, it } from 'vitest';
import {
  EventBus,
  HttpError,
  LifecycleStats,
  parseBody,
  Router,
  teeSinks,
  updateBody,
} from '../../src/api/index.ts';
import type { EpochMs, OutcomeEvent } from '../../src/core/index.ts';

const transition = (ts: number, from: string, to: string): OutcomeEvent => ({
  type: 'transition',
  variant: 'model',
  symbol: 'A',
  ts: ts as EpochMs,
  from,
  to,
  event: 'x',
});

describe('Router', () => {
  it('doc example: optional last segment', () => {
    const r = new Router();
    r.add('GET', '/ml/models/status/:symbol?', ({ params }) => params['symbol']);
    expect(r.match('GET', '/ml/models/status/BTCUSDT')).toMatchObject({
      params: { symbol: 'BTCUSDT' },
    });
    expect(r.match('GET', '/ml/models/status')).toMatchObject({ params: { symbol: undefined } });
    expect(r.match('GET', '/ml/models/status/BTC%2FUSD')).toMatchObject({
      params: { symbol: 'BTC/USD' },
    });
    expect(r.match('POST', '/ml/models/status')).toEqual({ allowed: ['GET', 'HEAD'] });
    expect(r.match('GET', '/ml/models/status/a/b')).toBeNull();
  });

  it('HEAD matches the GET route; params are a null-prototype object', () => {
    const r = new Router();
    r.add('GET', '/s/:symbol', ({ params }) => params['symbol']);
    const m = r.match('HEAD', '/s/__proto__');
    expect(m).toMatchObject({ params: { symbol: '__proto__' } });
    expect(Object.getPrototypeOf((m as { params: object }).params)).toBeNull();
  });

  it('a malformed percent-escape in a segment is a 400 naming the segment', () => {
    const r = new Router();
    r.add('GET', '/s/:symbol', ({ params }) => params['symbol']);
    expect(() => r.match('GET', '/s/%E0%A4%A')).toThrow(HttpError);
    expect(() => r.match('GET', '/s/%E0%A4%A')).toThrow(
      'the path segment `%E0%A4%A` is not valid percent-encoded UTF-8',
    );
  });
});

describe('parseBody', () => {
  it('doc example: an unknown field is a 400 naming it', () => {
    expect(() => parseBody(updateBody, { symbol: 'A', extra: 1 })).toThrow(
      'unknown field `extra` in the request body',
    );
    try {
      parseBody(updateBody, { symbol: 'A', extra: 1 });
    } catch (e) {
      expect(e).toBeInstanceOf(HttpError);
      expect(e).toMatchObject({ status: 400, details: { field: 'extra' } });
    }
    expect(parseBody(updateBody, { symbol: 'A' })).toEqual({ symbol: 'A' });
  });
});

describe('LifecycleStats', () => {
  it('doc example: time in each state up to now', () => {
    const stats = new LifecycleStats();
    stats.write(transition(0, 'warmup', 'serving'));
    expect(stats.summary(1000).timeInStateMs).toEqual({ warmup: 0, serving: 1000 });
  });

  it('counts updates, tests, promotions (not the first champion), rollbacks, and keeps the latest regime', () => {
    const s = new LifecycleStats();
    const ve = (
      version: number,
      event: 'created' | 'promoted' | 'restored' | 'discarded',
      detail: string,
    ): OutcomeEvent => ({
      type: 'version_event',
      variant: 'model',
      symbol: 'A',
      ts: 0 as EpochMs,
      version,
      event,
      detail,
    });
    for (const e of [
      ve(1, 'created', 'initial'),
      ve(1, 'promoted', 'end of warmup'),
      transition(10, 'serving', 'updating'),
      ve(2, 'created', 'manual'),
      transition(20, 'updating', 'testing'),
      ve(2, 'promoted', 'won'),
      transition(30, 'testing', 'serving'),
      ve(1, 'restored', 'rollback from v2'),
    ])
      s.write(e);
    s.write({
      type: 'regime',
      variant: 'model',
      symbol: 'A',
      ts: 40 as EpochMs,
      regime: 'calm',
      detector: 'vol',
    });
    expect(s.summary(50)).toMatchObject({
      counts: { updates: 1, candidates: 1, promotions: 1, rollbacks: 1 },
      timeInStateMs: { updating: 10, testing: 10, serving: 20 },
    });
    expect(s.regime('A')).toBe('calm');
    expect(s.regime('B')).toBeNull();
  });
});

describe('EventBus and teeSinks', () => {
  it('doc example: listeners see lifecycle outcomes, not predictions; a throwing listener is removed', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    const recorded: string[] = [];
    bus.subscribe((e) => seen.push(e.type));
    bus.subscribe(() => {
      throw new Error('bad listener');
    });
    const sink = teeSinks({ write: (e) => recorded.push(e.type) }, bus);
    sink.write(transition(0, 'warmup', 'serving'));
    sink.write({
      type: 'prediction',
      variant: 'm',
      symbol: 'A',
      ts: 0 as EpochMs,
      horizonTs: null,
      role: 'champion',
      modelVersion: 1,
      score: 0.5,
      label: null,
      loss: null,
    });
    expect(seen).toEqual(['transition']);
    expect(recorded).toEqual(['transition', 'prediction']);
    expect(bus.size).toBe(1);
  });
});
