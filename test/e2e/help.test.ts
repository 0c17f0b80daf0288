import { describe, expect, it } from 'vitest';
import { runCli, runCliInProcess } from '../helpers/cli.ts';

const COMMANDS = [
  'run',
  'generate',
  'report',
  'inspect',
  'list',
  'export',
  'validate',
  'init',
  'schema',
  'drift',
  'live',
  'serve',
  'replay',
  'sweep',
  'worker',
];

describe('every command answers --help, -h and `livemodel help <command>`', () => {
  for (const command of COMMANDS) {
    it(command, async () => {
      // -h and `help <command>` take the same path for every command: two commands check them
      const forms = ['run', 'sweep'].includes(command)
        ? [
            [command, '--help'],
            [command, '-h'],
            ['help', command],
          ]
        : [[command, '--help']];
      for (const args of forms) {
        const r = await runCliInProcess(args);
        expect(r.stderr, args.join(' ')).toBe('');
        expect(r.code, args.join(' ')).toBe(0);
        expect(r.stdout, args.join(' ')).toContain(`livemodel ${command}`);
      }
    });
  }

  it('`livemodel help` lists every command (a real process); an unknown one exits 2 naming it', async () => {
    const all = runCli(['help']);
    expect(all.stderr).toBe('');
    expect(all.code).toBe(0);
    for (const command of COMMANDS.filter((c) => c !== 'worker'))
      expect(all.stdout).toContain(`livemodel ${command}`);
    const bad = await runCliInProcess(['help', 'frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('livemodel: unknown command `frobnicate`');
  });
});
