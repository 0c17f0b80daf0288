/**
 * The benchmark's memory figures (issue 18): peak RSS of the real `livemodel` CLI, run as a child
 * process the way a user runs it (no V8 flags), over inputs far larger than the committed data.
 *
 * - `csv_1000x2000_peak_rss_mb`: `livemodel run scenarios/quickstart.yaml --data X.csv` over a
 *   generated 1,000-symbol × 2,000-bar long CSV (about 51 MB), from load through report.
 *   Target < 800 MB.
 * - `report_10m_peak_rss_mb`: `livemodel report` of a 1,000 × 10,000 (10 M bar) run of
 *   bench/bench-replay.yaml, recorded by bench/replay-child.ts in 2 shards. Target < 1.5 GB.
 *
 * Peak RSS comes from `/usr/bin/time -f %M` (the kernel's maxrss of the child) when it exists,
 * else from polling /proc/PID/status VmHWM (the process's own high-water mark) every 100 ms.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const CLI = join(root, 'bin', 'livemodel.js');
const TIME = '/usr/bin/time';

export interface PeakRss {
  readonly peak_rss_mb: number;
  readonly seconds: number;
  /** `time` (exact, from the kernel) or `proc` (sampled VmHWM). */
  readonly method: 'time' | 'proc';
}

/** Runs `node args…` to completion and measures its peak RSS; throws when it fails. */
export async function peakRssOf(args: readonly string[]): Promise<PeakRss> {
  const started = Date.now();
  const viaTime = existsSync(TIME);
  const out = join(mkdtempSync(join(tmpdir(), 'livemodel-rss-')), 'maxrss');
  const [cmd, argv] = viaTime
    ? [TIME, ['-f', '%M', '-o', out, process.execPath, ...args]]
    : [process.execPath, [...args]];
  const child = spawn(cmd, argv, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  let hwmKb = 0;
  const poll = viaTime
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          hwmKb = Math.max(hwmKb, Number(m?.[1] ?? 0));
        } catch {
          // the process has just exited
        }
      }, 100);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (poll !== undefined) clearInterval(poll);
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited ${code}: ${stderr.trim()}`);
  const kb = viaTime ? Number(readFileSync(out, 'utf8').trim().split('\n').at(-1)) : hwmKb;
  rmSync(join(out, '..'), { recursive: true, force: true });
  return {
    peak_rss_mb: Math.round(kb / 1024),
    seconds: Math.round((Date.now() - started) / 100) / 10,
    method: viaTime ? 'time' : 'proc',
  };
}

/** Writes a long CSV (`ts,symbol,close`) of seeded random walks, daily bars from 2000-01-01. */
export async function writeWalkCsv(file: string, symbols: number, bars: number): Promise<number> {
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const price = new Array<number>(symbols).fill(100);
  const out = createWriteStream(file);
  out.write('ts,symbol,close\n');
  for (let t = 0; t < bars; t++) {
    const day = new Date(Date.UTC(2000, 0, 1) + t * 86_400_000).toISOString().slice(0, 10);
    let chunk = '';
    for (let i = 0; i < symbols; i++) {
      price[i] = (price[i] as number) * Math.exp((next() - 0.5) * 0.04);
      chunk += `${day},S${String(i).padStart(4, '0')},${(price[i] as number).toFixed(4)}\n`;
    }
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return statSync(file).size;
}

export interface MemoryFigures {
  csv_1000x2000_peak_rss_mb: number;
  report_10m_peak_rss_mb: number;
  details: Record<string, unknown>;
}

/**
 * Measures both figures. `keptRun` is a folder that already holds a 1,000 × 10,000 run (the full
 * benchmark's big replay); without it the run is recorded first (a few minutes).
 */
export async function measureMemoryFigures(keptRun?: string): Promise<MemoryFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'livemodel-bench-memory-'));
  try {
    const csv = join(dir, 'walk-1000x2000.csv');
    process.stderr.write('bench: writing a 1,000 × 2,000 CSV … ');
    const bytes = await writeWalkCsv(csv, 1000, 2000);
    process.stderr.write(
      `${(bytes / 1e6).toFixed(1)} MB\nbench: livemodel run quickstart --data … `,
    );
    const scenario = join(root, 'scenarios', 'quickstart.yaml');
    const csvRun = await peakRssOf([
      CLI,
      'run',
      scenario,
      '--data',
      csv,
      '--out',
      join(dir, 'csv'),
      '--quiet',
    ]);
    process.stderr.write(`${csvRun.seconds} s, ${csvRun.peak_rss_mb} MB\n`);
    let run = keptRun;
    if (run === undefined) {
      run = join(dir, 'run-10m');
      process.stderr.write('bench: recording a 1,000 × 10,000 run (2 shards) … ');
      execFileSync(
        process.execPath,
        ['--import', 'tsx', join(root, 'bench', 'replay-child.ts'), '1000', '10000', '2', run],
        { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 },
      );
      process.stderr.write('done\n');
    }
    process.stderr.write('bench: livemodel report of the 10 M-bar run … ');
    const report = await peakRssOf([CLI, 'report', run]);
    process.stderr.write(`${report.seconds} s, ${report.peak_rss_mb} MB\n`);
    return {
      csv_1000x2000_peak_rss_mb: csvRun.peak_rss_mb,
      report_10m_peak_rss_mb: report.peak_rss_mb,
      details: {
        csv_1000x2000: { csv_mb: Number((bytes / 1e6).toFixed(1)), ...csvRun, target_mb: 800 },
        report_10m: { bars: 10_000_000, ...report, target_mb: 1500 },
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
