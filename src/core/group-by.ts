/**
 * Groups items by a key, keeping first-seen key order and item order (Map.groupBy, which Node 20
 * lacks).
 *
 * @example
 * groupBy([1, 2, 3], (n) => n % 2); // Map { 1 => [1, 3], 0 => [2] }
 */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

/**
 * An empty record with no prototype, for keys that come from input (symbols, names, headers):
 * `__proto__`, `constructor` or `toString` are then ordinary keys, never Object.prototype's.
 * JSON.stringify writes it like any object.
 *
 * @example
 * const bySymbol = dict<number>();
 * bySymbol['__proto__'] = 1; // an own key; Object.prototype untouched
 */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
