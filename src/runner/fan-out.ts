import type { OutcomeSink } from '../core/index.ts';

/** Fans one outcome out to several sinks. */
export function fanOut(sinks: readonly OutcomeSink[]): OutcomeSink {
  if (sinks.length === 1) return sinks[0] as OutcomeSink;
  return {
    write: (e) => {
      for (const s of sinks) s.write(e);
    },
  };
}
