import { describe, expect, it } from 'vitest';
import { spawnCli, tempDir } from '../helpers/cli.ts';
import { parseResponse, rawExchange } from '../helpers/raw-http.ts';

// Issue 18, case 1, against the real `livemodel serve` process: one unauthenticated upgrade
// request whose target is an absolute URL with a bad port used to end the process
// (TypeError: Invalid URL thrown in the upgrade listener).

const UPGRADE = (target: string) =>
  `GET ${target} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';

describe('livemodel serve survives hostile requests', () => {
  it('an upgrade to http://x:99999/ml/events gets a 400 and serve keeps answering', async () => {
    const run = spawnCli([
      'serve',
      'scenarios/quickstart.yaml',
      '--port',
      '0',
      '--token',
      'tok',
      '--out',
      tempDir('livemodel-serve-hostile-'),
    ]);
    try {
      let url: string | undefined;
      for (let i = 0; i < 800 && url === undefined && run.child.exitCode === null; i++) {
        url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout())?.[1];
        if (url === undefined) await new Promise((r) => setTimeout(r, 25));
      }
      expect(url, run.stderr()).toBeDefined();
      const port = Number(new URL(url as string).port);
      for (const target of ['http://x:99999/ml/events', 'http://[::1/ml/events']) {
        const r = await rawExchange(port, UPGRADE(target), { timeoutMs: 5000 });
        await new Promise((res) => setTimeout(res, 50));
        expect(run.child.exitCode, `serve died: ${run.stderr()}`).toBeNull();
        const res = parseResponse(r.bytes, { closed: true });
        expect([target, res?.status]).toEqual([target, 400]);
      }
      const plain = await rawExchange(
        port,
        'GET http://x:99999/health HTTP/1.1\r\nHost: x\r\n\r\n',
      );
      expect(parseResponse(plain.bytes, { closed: true })?.status).toBe(400);
      await new Promise((r) => setTimeout(r, 100));
      expect(run.child.exitCode).toBeNull();
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      run.child.kill('SIGINT');
      const done = await run.done;
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  });
});
