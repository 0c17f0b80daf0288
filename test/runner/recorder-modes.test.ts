import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/index.ts';
import { TABLES } from '../../src/store/index.ts';
import { tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';
import { tinyScenario } from '../helpers/tiny-scenario.ts';

// Recording on a worker thread (the default) and inline on the engine's thread must give the
// same file: every table's rows, in insertion order, hashed (the runs row's times excepted).
describe('the recorder mode does not change what is recorded', () => {
  it('a synthetic run recorded on a recording thread and inline: identical tables, row for row', async () => {
    const dir = tempDir('livemodel-recmodes-');
    const scenario = tinyScenario(dir, 'modes', 12, 700);
    const files: Record<string, string> = {};
    for (const recorder of ['thread', 'inline'] as const) {
      const r = await runScenario({ scenario }, { out: join(dir, recorder), recorder });
      expect(r.status).toBe('complete');
      files[recorder] = r.files.data;
    }
    for (const table of Object.keys(TABLES)) {
      const cols = table === 'runs' ? 'scenario, seed, status, backend, config, bars' : '*';
      const sql = `SELECT count(*)::INTEGER AS n, md5(string_agg(t::VARCHAR, '|' ORDER BY rowid)) AS h FROM (SELECT rowid, ${cols} FROM ${table}) t`;
      const want = await queryFile(files['inline'] as string, sql);
      expect(await queryFile(files['thread'] as string, sql), table).toEqual(want);
    }
    const [n] = await queryFile(
      files['thread'] as string,
      'SELECT count(*)::INTEGER AS n FROM predictions',
    );
    expect(n.n).toBeGreaterThan(8192 * 2); // more than two batches of one table
  }, 120_000);
});
