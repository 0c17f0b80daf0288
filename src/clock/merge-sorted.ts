import { MinHeap } from './min-heap.ts';

/**
 * k-way merge of sorted iterables into one sorted stream, O(log k) per item. Stable: items
 * that compare equal come out in the order of their input streams (stream 0 first), and in
 * their original order within one stream. Nothing is lost or duplicated.
 *
 * @example
 * [...mergeSorted([[1, 4], [2, 3]], (a, b) => a - b)]; // [1, 2, 3, 4]
 */
export function* mergeSorted<T>(
  streams: readonly Iterable<T>[],
  compare: (a: T, b: T) => number,
): Generator<T> {
  type Head = { value: T; stream: number; it: Iterator<T> };
  const heap = new MinHeap<Head>((a, b) => compare(a.value, b.value) || a.stream - b.stream);
  streams.forEach((s, stream) => {
    const it = s[Symbol.iterator]();
    const first = it.next();
    if (!first.done) heap.push({ value: first.value, stream, it });
  });
  while (heap.size > 0) {
    const head = heap.pop() as Head;
    yield head.value;
    const next = head.it.next();
    if (!next.done) heap.push({ value: next.value, stream: head.stream, it: head.it });
  }
}
