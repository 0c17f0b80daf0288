import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../src/api/index.ts';
import { FIXTURE_TOKEN, startFixtureApi } from '../helpers/api-fixture.ts';

// Issue 18: symbols are data, never object keys. A feed may name a symbol `__proto__`; a client
// may ask for one. Neither may reach Object.prototype or vanish from an answer.

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read by field name
type Json = any;

describe('symbols named like Object.prototype members (issue 18)', () => {
  let api: ApiServer;
  const get = async (path: string): Promise<{ status: number; body: Json }> => {
    const r = await fetch(`${api.url}${path}`);
    return { status: r.status, body: await r.json() };
  };
  const post = async (path: string, body: unknown): Promise<{ status: number; body: Json }> => {
    const r = await fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FIXTURE_TOKEN}` },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: await r.json() };
  };

  describe('as the names of real symbols of the engine', () => {
    beforeAll(async () => {
      ({ api } = await startFixtureApi({ symbols: [...NAMES, 'A'] }));
    });
    afterAll(async () => {
      await api.close();
    });

    it('GET /ml/models/status lists each, and /:symbol finds each', async () => {
      const all = await get('/ml/models/status');
      expect(all.body.models.map((m: { symbol: string }) => m.symbol).sort()).toEqual(
        [...NAMES, 'A'].sort(),
      );
      for (const name of NAMES) {
        const one = await get(`/ml/models/status/${name}`);
        expect([name, one.status, one.body.models.map((m: Json) => m.symbol)]).toEqual([
          name,
          200,
          [name],
        ]);
      }
    });

    it('GET /ml/stream/status keys every symbol by name, __proto__ included', async () => {
      const all = await get('/ml/stream/status');
      expect(Object.keys(all.body.symbols).sort()).toEqual([...NAMES, 'A'].sort());
      expect(Object.hasOwn(all.body.symbols, '__proto__')).toBe(true);
      expect(Object.getOwnPropertyDescriptor(all.body.symbols, '__proto__')?.value).toMatchObject({
        symbol: '__proto__',
        bars: 60,
      });
      for (const name of NAMES) {
        const one = await get(`/ml/stream/status/${name}`);
        expect([name, one.status, Object.keys(one.body.symbols)]).toEqual([name, 200, [name]]);
      }
    });

    it('commands and stream settings reach each (and only it)', async () => {
      for (const name of NAMES) {
        const up = await post('/ml/models/update-online', { symbol: name });
        expect([name, up.status, up.body.results]).toEqual([
          name,
          200,
          [{ symbol: name, variant: 'model', accepted: true, state: 'updating' }],
        ]);
        const conf = await post('/ml/stream/configure', {
          symbol: name,
          buffers: { recentWindow: 50 },
        });
        expect([name, conf.status, conf.body.results[0].symbol]).toEqual([name, 200, name]);
      }
      const st = await get('/ml/stream/status');
      for (const name of NAMES)
        expect(st.body.symbols[name].settings).toEqual({
          buffers: { recentWindow: 50 },
          detectors: {},
        });
      expect(st.body.symbols.A.settings).toEqual({});
    });

    it('lifecycle metrics count per (variant, symbol) for each', async () => {
      const m = await get('/ml/lifecycle/metrics');
      for (const name of NAMES) expect(m.body.bySymbol[`model/${name}`]).toBeDefined();
      expect(m.body.counts.updates).toBe(NAMES.length);
      expect(m.body.timeInStateMs.serving).toBeGreaterThan(0);
    });

    it('Object.prototype is untouched', () => {
      expect(Object.keys(Object.prototype)).toEqual([]);
      expect(({} as Record<string, unknown>)['symbol']).toBeUndefined();
      expect(typeof {}.toString).toBe('function');
    });
  });

  describe('as unknown names sent by a client', () => {
    beforeAll(async () => {
      ({ api } = await startFixtureApi());
    });
    afterAll(async () => {
      await api.close();
    });

    it('status and commands answer 404 with the known symbols, never 500', async () => {
      for (const name of NAMES) {
        for (const path of [`/ml/models/status/${name}`, `/ml/stream/status/${name}`]) {
          const r = await get(path);
          expect([path, r.status, r.body.error]).toEqual([path, 404, `unknown symbol \`${name}\``]);
        }
        for (const route of ['update-online', 'validate', 'rollback']) {
          const r = await post(`/ml/models/${route}`, { symbol: name });
          expect([route, name, r.status, r.body.symbols]).toEqual([route, name, 404, ['A', 'B']]);
          const v = await post(`/ml/models/${route}`, { symbol: 'A', variant: name });
          expect([route, name, v.status, v.body.error]).toEqual([
            route,
            name,
            404,
            `unknown variant \`${name}\``,
          ]);
        }
        const c = await post('/ml/stream/configure', { symbol: name, barIntervalMs: 1000 });
        expect([name, c.status]).toEqual([name, 404]);
      }
    });

    it('__proto__ and constructor as body keys are unknown fields (400), not prototypes', async () => {
      for (const raw of [
        '{"symbol":"A","__proto__":{"variant":"x"}}',
        '{"symbol":"A","constructor":{"prototype":{"polluted":1}}}',
        '{"symbol":"A","buffers":{"__proto__":{"recentWindow":5}}}',
      ]) {
        const r = await fetch(`${api.url}/ml/stream/configure`, {
          method: 'POST',
          headers: { authorization: `Bearer ${FIXTURE_TOKEN}` },
          body: raw,
        });
        expect([raw, r.status]).toEqual([raw, 400]);
        expect(((await r.json()) as { error: string }).error).toMatch(/^unknown field `/);
      }
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(({} as Record<string, unknown>)['recentWindow']).toBeUndefined();
    });
  });
});
