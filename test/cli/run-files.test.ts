import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeOpenFailure, locateRun, readCurrentSummary } from '../../src/cli/run-files.ts';
import { InputError } from '../../src/core/index.ts';
import { tempDir } from '../helpers/cli.ts';
import { fakeSummary } from '../helpers/fake-summary.ts';

describe('describeOpenFailure', () => {
  it('doc example: a file locked by a writer', () => {
    expect(
      describeOpenFailure(
        new Error(
          'IO Error: Could not set lock on file "x": Conflicting lock is held in node (PID 42)',
        ),
      ),
    ).toEqual({ kind: 'locked', pid: 42 });
  });

  it('a file that is not a DuckDB database, and other errors by their first line', () => {
    expect(
      describeOpenFailure(
        new Error(
          'opening /a/run.duckdb: IO Error: The file "/a/run.duckdb" exists, but it is not a valid DuckDB database file!',
        ),
      ),
    ).toEqual({
      kind: 'unreadable',
      reason: 'not a DuckDB database file (corrupt or something else)',
    });
    expect(
      describeOpenFailure(
        new Error('querying /a/run.duckdb: Catalog Error: Table runs does not exist\nLINE 1'),
      ),
    ).toEqual({ kind: 'unreadable', reason: 'Catalog Error: Table runs does not exist' });
  });
});

describe('locateRun and readCurrentSummary', () => {
  it('doc example: a folder, its run file or its summary name the same run', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'run.duckdb'), 'x');
    for (const target of [dir, join(dir, 'run.duckdb'), join(dir, 'summary.json')])
      expect(locateRun(target).file).toBe(join(dir, 'run.duckdb'));
    expect(() => locateRun(join(dir, 'nope'))).toThrow(InputError);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(() => locateRun(empty)).toThrow(/no run at .*empty/);
  });

  it('uses summary.json only when it is newer than the run file, without a WAL, and well formed', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'run.duckdb'), 'x');
    const loc = locateRun(dir);
    expect(readCurrentSummary(loc)).toBeUndefined(); // none yet
    writeFileSync(loc.summaryFile, JSON.stringify(fakeSummary(1)));
    const now = Date.now() / 1000;
    utimesSync(loc.file, now - 10, now - 10);
    expect(readCurrentSummary(loc)?.run.run_id).toBe('r1');
    writeFileSync(`${loc.file}.wal`, '');
    expect(readCurrentSummary(loc)).toBeUndefined(); // the file is being written
    rmSync(`${loc.file}.wal`);
    utimesSync(loc.file, now + 10, now + 10);
    expect(readCurrentSummary(loc)).toBeUndefined(); // older than the run file
    utimesSync(loc.file, now - 10, now - 10);
    expect(readCurrentSummary({ ...loc, file: join(dir, 'other.duckdb') })).toBeUndefined(); // another file's folder
    writeFileSync(loc.summaryFile, '{ not json');
    expect(readCurrentSummary(loc)).toBeUndefined();
  });
});
