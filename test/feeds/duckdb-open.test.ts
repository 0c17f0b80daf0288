import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPrivateDuckDb } from '../../src/feeds/index.ts';

async function settings(db: Awaited<ReturnType<typeof openPrivateDuckDb>>) {
  const reader = await db.connection.runAndReadAll(
    "SELECT current_setting('memory_limit') AS m, current_setting('temp_directory') AS t, lm_parse_ts('2024-01-02 09:30') AS ts",
  );
  return reader.getRowObjectsJS()[0] as { m: string; t: string; ts: number };
}

describe('openPrivateDuckDb (CSV staging, Parquet and Arrow sources)', () => {
  it('has a memory limit (512MB unless data.memoryLimit says otherwise) and its own spill folder, removed by close()', async () => {
    const db = await openPrivateDuckDb();
    const s = await settings(db);
    expect(s.m).toBe('488.2 MiB'); // 512 × 10^6 bytes
    expect(existsSync(dirname(s.t))).toBe(true);
    db.close();
    expect(existsSync(dirname(s.t))).toBe(false);
    const small = await openPrivateDuckDb('128MB', { onDisk: true, timezone: 'America/New_York' });
    const t = await settings(small);
    small.close();
    expect(t.m).toBe('122.0 MiB');
    expect(t.ts).toBe(Date.UTC(2024, 0, 2, 14, 30));
  });
});
