import { describe, expect, it } from 'vitest';
import { createProgress, NO_PROGRESS } from '../../src/cli/progress.ts';

function fakeTerminal(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, columns: 100, write: (t: string) => writes.push(t) }, writes };
}

describe('createProgress', () => {
  it('doc example: draws a phase and its count in place, then clears the line', () => {
    const { stream, writes } = fakeTerminal(true);
    let t = 0;
    const progress = createProgress({ stream, enabled: true, now: () => t, animate: false });
    progress.phase('replay model', { total: 20_000, unit: 'bars' });
    t = 2000;
    progress.update(5_000);
    progress.stop();
    expect(writes).toHaveLength(3);
    expect(writes[0]).toBe('\r\x1b[2K⠋ replay model 0:00'); // no count yet: a spinner
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the progress line starts with the ANSI erase-line escape (ESC [2K)
    expect(writes[1]).toMatch(/^\r\x1b\[2Kreplay model \[████░+\] {2}25% 5,000\/20,000 bars/);
    expect(writes[2]).toBe('\r\x1b[2K');
  });

  it('redraws at most every 100 ms however often it is updated', () => {
    const { stream, writes } = fakeTerminal(true);
    let t = 0;
    const progress = createProgress({ stream, enabled: true, now: () => t, animate: false });
    progress.phase('replay', { total: 1_000_000, unit: 'bars' });
    for (let i = 1; i <= 1000; i++) {
      t = i; // 1,000 updates over one second
      progress.update(i * 1000);
    }
    expect(writes.length).toBeGreaterThanOrEqual(10);
    expect(writes.length).toBeLessThanOrEqual(11);
    progress.stop();
  });

  it('draws nothing when the stream is not a terminal, or when disabled (--quiet, --json)', () => {
    for (const [isTTY, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const { stream, writes } = fakeTerminal(isTTY);
      const progress = createProgress({ stream, enabled, animate: false });
      expect(progress).toBe(NO_PROGRESS);
      progress.phase('loading x');
      progress.update(5);
      progress.stop();
      expect(writes).toEqual([]);
    }
  });

  it('animates the spinner from a timer that never keeps the process alive, and stops it', async () => {
    const { stream, writes } = fakeTerminal(true);
    const progress = createProgress({ stream, enabled: true, minIntervalMs: 5 });
    progress.phase('writing report');
    await new Promise((r) => setTimeout(r, 60));
    progress.stop();
    const drawn = writes.length;
    expect(drawn).toBeGreaterThan(2);
    await new Promise((r) => setTimeout(r, 30));
    expect(writes.length).toBe(drawn);
    expect(writes.at(-1)).toBe('\r\x1b[2K');
  });
});
