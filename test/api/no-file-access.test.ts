import fs, { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { ApiServer } from '../../src/api/index.ts';
import { FIXTURE_TOKEN, startFixtureApi } from '../helpers/api-fixture.ts';

// Issue 18: `serve` must never read a path sent over HTTP. The API's inputs are symbols,
// variants, versions and bounded numbers; none names a file. This test sends a real file's path
// in every place a client controls and watches every fs entry point of the process.

const FS_FUNCTIONS = [
  'open',
  'openSync',
  'readFile',
  'readFileSync',
  'createReadStream',
  'stat',
  'statSync',
  'lstat',
  'lstatSync',
  'access',
  'accessSync',
  'existsSync',
  'readdir',
  'readdirSync',
  'opendir',
  'opendirSync',
  'realpath',
  'realpathSync',
] as const;
const FSP_FUNCTIONS = [
  'open',
  'readFile',
  'stat',
  'lstat',
  'access',
  'readdir',
  'opendir',
] as const;

describe('no HTTP input makes the server open a file path (issue 18)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'livemodel-api-path-'));
  const secret = join(dir, 'secret-scenario.yaml');
  writeFileSync(secret, 'name: secret\ndata: { file: secret.csv }\n');
  const touched: string[] = [];
  let api: ApiServer;

  beforeAll(async () => {
    ({ api } = await startFixtureApi());
    const watch = (target: object, name: string) => {
      const original = (target as Record<string, (...a: unknown[]) => unknown>)[name];
      if (typeof original !== 'function') return;
      vi.spyOn(target as Record<string, (...a: unknown[]) => unknown>, name).mockImplementation(
        function (this: unknown, ...args: unknown[]) {
          if (String(args[0]).includes('secret-scenario')) touched.push(`${name}(${args[0]})`);
          return original.apply(this, args);
        },
      );
    };
    for (const f of FS_FUNCTIONS) watch(fs, f);
    for (const f of FSP_FUNCTIONS) watch(fsp, f);
    syncBuiltinESMExports(); // named imports of node:fs see the spies too
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    syncBuiltinESMExports();
    await api.close();
  });

  it('the spies see a read of the file (the check itself works)', () => {
    fs.readFileSync(secret);
    readFileSync(secret); // a named import, after syncBuiltinESMExports
    const seen = touched.filter((t) => t.startsWith('readFileSync('));
    touched.length = 0;
    expect(seen).toHaveLength(2);
  });

  it('the path in every body field, path segment, query and event filter is refused or treated as a name', async () => {
    const encoded = encodeURIComponent(secret);
    const fields = ['file', 'data', 'path', 'scenario', 'url', 'out', 'source', 'snapshot'];
    const bodies: unknown[] = [
      { symbol: secret },
      { symbol: `file://${secret}` },
      { symbol: 'A', variant: secret },
      ...fields.map((f) => ({ symbol: 'A', [f]: secret })),
      { symbol: 'A', data: { file: secret } },
      { symbol: 'A', buffers: { file: secret } },
      { symbol: 'A', detectors: { error: secret } },
      { symbol: 'A', detectors: { feature: secret } },
      { symbol: 'A', version: secret },
    ];
    const statuses = new Set<number>();
    for (const route of ['update-online', 'validate', 'rollback']
      .map((r) => `/ml/models/${r}`)
      .concat('/ml/stream/configure'))
      for (const body of bodies) {
        const r = await fetch(`${api.url}${route}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${FIXTURE_TOKEN}` },
          body: JSON.stringify(body),
        });
        statuses.add(r.status);
        const json = (await r.json()) as { error: string };
        expect([route, body, typeof json.error]).toEqual([route, body, 'string']);
      }
    expect([...statuses].sort()).toEqual([400, 404]); // unknown field, bad value, unknown symbol
    for (const path of [
      `/ml/models/status/${encoded}`,
      `/ml/stream/status/${encoded}`,
      `/ml/models/status?file=${encoded}&scenario=${encoded}`,
      `/health?data=${encoded}`,
      `/docs?path=${encoded}`,
      `/${encoded}`,
      `/..%2f..%2f..${encoded}`,
      `/ml/../../../..${secret}`,
    ]) {
      const r = await fetch(`${api.url}${path}`);
      await r.text();
      expect([path, r.status < 500]).toEqual([path, true]);
    }
    const ws = new WebSocket(
      `${api.url.replace('http', 'ws')}/ml/events?symbol=${encoded}&types=${encoded}&file=${encoded}`,
    );
    await new Promise((r) => ws.once('message', r));
    ws.close();
    expect(touched).toEqual([]);
  });

  it('src/api imports no file-system module (the component has no way to open a file)', () => {
    const srcDir = join(import.meta.dirname, '../../src/api');
    for (const name of readdirSync(srcDir)) {
      const text = readFileSync(join(srcDir, name), 'utf8');
      expect([name, /from '(node:)?fs(\/promises)?'|require\(|import\(/.test(text)]).toEqual([
        name,
        false,
      ]);
    }
  });
});
