/**
 * CPU seconds used so far by this process's main thread alone (Linux: /proc/self/task/PID/stat,
 * utime + stime at 100 ticks a second), or null elsewhere. Unlike wall time it does not depend on
 * what else the machine runs, and unlike process.cpuUsage() it leaves out worker threads (the
 * recording thread, shards): what the engine's thread itself spends.
 */
import { existsSync, readFileSync } from 'node:fs';

export function mainThreadCpuSeconds(): number | null {
  const file = `/proc/self/task/${process.pid}/stat`;
  if (!existsSync(file)) return null;
  // fields after the command name (which may contain spaces) start at state (field 3)
  const text = readFileSync(file, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / 100;
}
