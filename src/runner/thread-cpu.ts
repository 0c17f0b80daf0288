import { readFileSync } from 'node:fs';

/**
 * CPU seconds used so far by the calling thread alone — this thread, not the process — from
 * Linux's /proc/thread-self/stat (utime + stime, at 100 ticks a second); null elsewhere. Unlike
 * wall time it does not depend on what else the machine runs: a shared machine's latencies
 * move with its load, the CPU each thread spends much less.
 *
 * @example
 * const before = threadCpuSeconds();
 * work();
 * const used = before === null ? null : (threadCpuSeconds() ?? before) - before;
 */
export function threadCpuSeconds(): number | null {
  try {
    const text = readFileSync('/proc/thread-self/stat', 'utf8');
    // fields after the command name (which may hold spaces) start at the state, field 3
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / 100 : null;
  } catch {
    return null;
  }
}
