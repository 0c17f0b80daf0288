import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import {
  createModel,
  decodeSnapshot,
  deserializeSnapshot,
  encodeSnapshot,
  type ModelSnapshot,
  serializeSnapshot,
} from '../../src/models/index.ts';

function bitsOf(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}

describe('snapshot codec', () => {
  it('doc example: a model restored from bytes is bit-identical', () => {
    const model = createModel({ kind: 'logistic' }, 2, 1);
    model.learn(new Float64Array([0.3, -1]), 1);
    const bytes = serializeSnapshot(model.snapshot());
    const copy = createModel({ kind: 'logistic' }, 2, 9);
    copy.restore(deserializeSnapshot(bytes));
    expect(copy.snapshot()).toEqual(model.snapshot());
  });

  it('round-trips special values bit for bit, and nested configs', () => {
    const snap: ModelSnapshot = {
      kind: 'test',
      config: { a: 1.1, nested: { list: [1, 'x', true], deep: { e: 1e-300 } }, text: 'é ünïcode' },
      arrays: [
        new Float64Array([
          0,
          -0,
          Number.MIN_VALUE,
          Number.MAX_VALUE,
          Math.fround(0.1),
          1 / 3,
          Infinity,
          -Infinity,
        ]),
        new Float64Array(0),
        Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 1e-7),
      ],
    };
    const back = deserializeSnapshot(serializeSnapshot(snap));
    expect(back.kind).toBe('test');
    expect(back.config).toEqual(snap.config);
    expect(back.arrays.map(bitsOf)).toEqual(snap.arrays.map(bitsOf));
  });

  it('is compact: 8 bytes per number plus a small header', () => {
    const bytes = serializeSnapshot({ kind: 'k', config: {}, arrays: [new Float64Array(100)] });
    expect(bytes.length).toBeLessThan(100 * 8 + 64);
  });

  it('reads from a view at any offset', () => {
    const bytes = serializeSnapshot({
      kind: 'k',
      config: { x: 1 },
      arrays: [new Float64Array([1, 2])],
    });
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(Array.from(deserializeSnapshot(padded.subarray(3)).arrays[0] as Float64Array)).toEqual([
      1, 2,
    ]);
  });

  it('rejects bytes that are not a snapshot', () => {
    expect(() =>
      deserializeSnapshot(new TextEncoder().encode('hello world, not a snapshot')),
    ).toThrow(InputError);
    const bytes = serializeSnapshot({ kind: 'k', config: {}, arrays: [new Float64Array(4)] });
    expect(() => deserializeSnapshot(bytes.subarray(0, bytes.length - 8))).toThrow(
      /expected \d+ bytes/,
    );
  });
});

describe('snapshot text codec (encodeSnapshot / decodeSnapshot)', () => {
  it('doc example: JSON text with base64 arrays, exact', () => {
    const s: ModelSnapshot = {
      kind: 'k',
      config: { a: 1 },
      arrays: [new Float64Array([0.1, -0, 1 / 3])],
    };
    const back = decodeSnapshot(encodeSnapshot(s));
    expect(back.arrays.map(bitsOf)).toEqual(s.arrays.map(bitsOf));
    expect(back.config).toEqual({ a: 1 });
    expect(() => decodeSnapshot('{"kind":1}')).toThrow(InputError);
  });
});
