import { describe, expect, it } from 'vitest';
import type { EpochMs } from '../../src/core/index.ts';
import { VersionRegistry } from '../../src/lifecycle/index.ts';

const t = (n: number) => n as EpochMs;

describe('VersionRegistry', () => {
  it('doc example: rollback target is the previous champion', () => {
    const reg = new VersionRegistry<string>();
    const v1 = reg.create(null, 'initial', t(0), 's1');
    reg.promote(v1, t(0));
    const v2 = reg.create(v1, 'drift', t(5), 's2');
    reg.promote(v2, t(9), 'state of v1 at its retirement');
    expect(reg.rollbackTarget()).toBe(1);
    expect(reg.champion).toBe(2);
  });

  it('assigns strictly increasing ids with parents and keeps every version', () => {
    const reg = new VersionRegistry<number>();
    const ids = [reg.create(null, 'initial', t(0), 0)];
    for (let i = 1; i < 6; i++) ids.push(reg.create(ids[i - 1]!, 'schedule', t(i), i));
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(reg.all().map((r) => r.parentVersion)).toEqual([null, 1, 2, 3, 4, 5]);
  });

  it('restores the retired snapshot of the previous champion and records the rolled-back one', () => {
    const reg = new VersionRegistry<string>();
    reg.promote(reg.create(null, 'initial', t(0), null), t(0));
    const v2 = reg.create(1, 'manual', t(3), 'v2@created');
    reg.promote(v2, t(4), 'v1@retired');
    const restored = reg.restore(1, t(7), 'v2@retired');
    expect(restored).toBe('v1@retired');
    expect(reg.champion).toBe(1);
    expect(reg.get(2)?.retiredTs).toBe(7);
    expect(reg.get(2)?.snapshot).toBe('v2@retired');
    expect(reg.get(1)?.promotedTs).toBe(0);
    expect(reg.rollbackTarget(2)).toBe(2);
    expect(reg.rollbackTarget(9)).toBeNull();
  });

  it('discards rejected challengers and never rolls back to them', () => {
    const reg = new VersionRegistry<string>();
    reg.promote(reg.create(null, 'initial', t(0), null), t(0));
    const v2 = reg.create(1, 'drift', t(1), 'x');
    reg.discard(v2, t(2));
    expect(reg.get(2)?.retiredTs).toBe(2);
    expect(reg.rollbackTarget()).toBeNull();
    expect(() => reg.discard(1, t(3))).toThrow(/cannot discard the serving champion v1/);
  });
});
