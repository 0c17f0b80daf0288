import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { cli } from '../../src/cli/cli.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Runs the real `livemodel` bin (through tsx) and captures its output. */
export function runCli(
  args: string[],
  options: { cwd?: string; input?: string; env?: Record<string, string> } = {},
): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/livemodel-dev.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    input: options.input,
    env: { ...process.env, ...options.env },
    timeout: 240_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let running = false;

/**
 * Runs the `livemodel` command line in this process (src/cli/cli.ts, what the bin runs after
 * start-up) and captures what it writes to stdout and stderr: the same exit code and output as
 * {@link runCli} without the 1–2 s of starting a process, for tests of a command's logic.
 * What only a process shows (signals, stdin, another process holding a file, `process.exitCode`
 * itself) stays with {@link runCli} and {@link spawnCli}. One call at a time; the working folder
 * is this process's (the repository root under vitest).
 */
export async function runCliInProcess(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  if (running) throw new Error('runCliInProcess: one call at a time');
  if (process.cwd() !== ROOT)
    throw new Error(`runCliInProcess: cwd is ${process.cwd()}, not ${ROOT}`);
  running = true;
  let stdout = '';
  let stderr = '';
  const toOut = (...a: unknown[]) => {
    stdout += `${format(...a)}\n`;
  };
  const toErr = (...a: unknown[]) => {
    stderr += `${format(...a)}\n`;
  };
  const saved = {
    log: console.log,
    info: console.info,
    debug: console.debug,
    error: console.error,
    warn: console.warn,
    out: process.stdout.write,
    err: process.stderr.write,
  };
  console.log = toOut;
  console.info = toOut;
  console.debug = toOut;
  console.error = toErr;
  console.warn = toErr;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await cli(args);
    return { code, stdout, stderr };
  } finally {
    console.log = saved.log;
    console.info = saved.info;
    console.debug = saved.debug;
    console.error = saved.error;
    console.warn = saved.warn;
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    running = false;
  }
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'livemodel-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Starts the real `livemodel` bin without blocking the event loop (servers in the test keep running). */
export function spawnCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/livemodel-dev.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d) => {
    stderr += d.toString();
  });
  if (options.input !== undefined) child.stdin.end(options.input);
  else child.stdin.end();
  const done = new Promise<{ code: number; signal: string | null; stdout: string; stderr: string }>(
    (resolve) => {
      child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
    },
  );
  return { child, done, stdout: () => stdout, stderr: () => stderr };
}
