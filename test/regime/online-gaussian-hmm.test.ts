import { describe, expect, it } from 'vitest';
import { InputError, createRandom } from '../../src/core/index.ts';
import { OnlineGaussianHmm, scoreRegimes } from '../../src/regime/index.ts';
import { markovSwitching } from './markov-switching.ts';

const BULL_VOLATILE = [
  { name: 'bull', mu: 0.3, sd: 0.5 },
  { name: 'volatile', mu: -0.3, sd: 1.5 },
];
const BULL_BEAR = [
  { name: 'bull', mu: 1, sd: 0.5 },
  { name: 'bear', mu: -1, sd: 0.5 },
];

function accuracy(seed: number, regimes: typeof BULL_BEAR, states = 2, stay = 0.98): number {
  const { xs, truth } = markovSwitching(seed, 3000, regimes, stay);
  const hmm = new OnlineGaussianHmm({ states });
  const predicted = xs.map((x) => hmm.update(x));
  return scoreRegimes(truth.slice(100), predicted.slice(100)).accuracy; // after warm-up
}

describe('OnlineGaussianHmm', () => {
  it('doc example', () => {
    const hmm = new OnlineGaussianHmm({ warmup: 20 });
    for (let i = 0; i < 40; i++) hmm.update(i % 2 ? 0.01 : 0.012);
    expect(hmm.current).toBe('bull');
  });

  it('separates a calm bull regime from a volatile one: filtered accuracy > 0.85 on each of 10 seeds', () => {
    const accs = Array.from({ length: 10 }, (_, i) => accuracy(i + 1, BULL_VOLATILE));
    expect(Math.min(...accs)).toBeGreaterThan(0.85); // measured 0.876–0.948
    expect(accs.reduce((s, a) => s + a, 0) / accs.length).toBeGreaterThan(0.89);
  });

  it('separates bull from bear by the mean: accuracy > 0.97 on each of 10 seeds', () => {
    for (let seed = 1; seed <= 10; seed++) expect(accuracy(seed, BULL_BEAR)).toBeGreaterThan(0.97); // measured 0.984–0.995
  });

  it('learns the parameters and a sticky transition matrix', () => {
    const { xs } = markovSwitching(1, 3000, BULL_BEAR, 0.98);
    const hmm = new OnlineGaussianHmm();
    for (const x of xs) hmm.update(x);
    const p = hmm.parameters();
    const [lo, hi] = [...p.means].sort((a, b) => a - b);
    expect(lo).toBeCloseTo(-1, 0);
    expect(hi).toBeCloseTo(1, 0);
    for (const v of p.variances) expect(Math.sqrt(v)).toBeCloseTo(0.5, 1);
    expect(p.transition[0]! + p.transition[1]!).toBeCloseTo(1, 12);
    expect(p.transition[0]).toBeGreaterThan(0.9);
    expect(p.posterior.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it('runs with 3 and 4 states and labels three separated regimes', () => {
    const three = [
      { name: 'bull', mu: 1, sd: 0.4 },
      { name: 'bear', mu: -1, sd: 0.4 },
      { name: 'volatile', mu: 0, sd: 2.5 },
    ];
    expect(accuracy(3, three, 3)).toBeGreaterThan(0.8);
    const hmm = new OnlineGaussianHmm({ states: 4 });
    for (const x of markovSwitching(4, 1000, three, 0.98).xs) hmm.update(x);
    expect(hmm.parameters().labels).toHaveLength(4);
    expect(hmm.state).toBeGreaterThanOrEqual(0);
  });

  it('is deterministic, and snapshot/restore continues bit for bit (through JSON)', () => {
    const { xs } = markovSwitching(5, 1200, BULL_VOLATILE, 0.97);
    const a = new OnlineGaussianHmm();
    const b = new OnlineGaussianHmm();
    const ra = xs.map((x) => a.update(x));
    expect(xs.map((x) => b.update(x))).toEqual(ra);
    const c = new OnlineGaussianHmm();
    for (const x of xs.slice(0, 600)) c.update(x);
    const saved = JSON.parse(JSON.stringify(c.snapshot()));
    const d = new OnlineGaussianHmm();
    d.restore(saved);
    expect(xs.slice(600).map((x) => d.update(x))).toEqual(ra.slice(600));
    expect(d.snapshot()).toEqual(a.snapshot());
    const early = new OnlineGaussianHmm();
    for (const x of xs.slice(0, 50)) early.update(x); // mid warm-up
    const e = new OnlineGaussianHmm();
    e.restore(early.snapshot());
    expect(xs.slice(50).map((x) => e.update(x))).toEqual(ra.slice(50));
  });

  it('is sideways during warm-up, reset() starts over, bad config and foreign snapshots are refused', () => {
    const hmm = new OnlineGaussianHmm({ warmup: 10 });
    for (let i = 0; i < 9; i++) expect(hmm.update(i)).toBe('sideways');
    expect(hmm.ready).toBe(false);
    hmm.update(3);
    expect(hmm.ready).toBe(true);
    hmm.reset();
    expect(hmm.ready).toBe(false);
    expect(hmm.state).toBe(-1);
    expect(() => new OnlineGaussianHmm({ states: 5 })).toThrow(
      'Expected `hmm.states` to be an integer in [2, 4], got `5` (number)',
    );
    expect(() => new OnlineGaussianHmm({ stepExponent: 0.4 })).toThrow(InputError);
    expect(() => hmm.restore(new OnlineGaussianHmm({ states: 3 }).snapshot())).toThrow(InputError);
  });

  it('calls a vol jump volatile even when the warm-up saw only the calm regime', () => {
    const rng = createRandom(7);
    const hmm = new OnlineGaussianHmm();
    const regimes = Array.from({ length: 3000 }, (_, i) =>
      hmm.update((i < 2000 ? 0.01 : 0.03) * rng.normal()),
    );
    expect(regimes.slice(0, 2000).filter((r) => r === 'volatile').length).toBeLessThan(100);
    expect(regimes.slice(2300).filter((r) => r === 'volatile').length).toBeGreaterThan(650); // of 700
  });

  it('stays finite on a constant stream', () => {
    const hmm = new OnlineGaussianHmm({ warmup: 10 });
    for (let i = 0; i < 500; i++) hmm.update(0);
    const p = hmm.parameters();
    expect(
      [...p.means, ...p.variances, ...p.transition, ...p.posterior].every(Number.isFinite),
    ).toBe(true);
    expect(hmm.current).toBe('sideways');
  });
});
