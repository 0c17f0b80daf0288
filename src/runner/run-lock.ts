import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/index.ts';

/** What a run folder's lock file says: who holds it and since when. */
interface LockInfo {
  readonly pid: number;
  readonly startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return typeof info.pid === 'number'
      ? { pid: info.pid, startedAt: String(info.startedAt) }
      : null;
  } catch {
    return null; // unreadable or half-written: treated as stale
  }
}

/**
 * Takes `DIR/run.lock` for this process, so one run owns its output folder: a second run into
 * the same folder while the first is alive is refused; a lock left by a process that no longer
 * exists (killed -9, a crash) is taken over. Returns the function that releases it.
 *
 * @throws {InputError} naming the folder, the holder's pid and since when, when another live
 *   process holds the lock.
 * @example
 * const release = lockRunFolder('reports/quickstart');
 * try { … } finally { release(); }
 */
export function lockRunFolder(dir: string): () => void {
  const file = join(dir, 'run.lock');
  const body = `${JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() })}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, body);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(file);
      if (holder !== null && isAlive(holder.pid))
        throw new InputError(
          `${dir} is in use by another run (pid ${holder.pid}, since ${holder.startedAt}); choose another --out or wait for it to finish`,
        );
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new InputError(`${dir}: could not take the run lock (another run keeps taking it)`);
}
