/**
 * A fingerprint of Object.prototype (its own property names, its prototype and a probe key): a
 * test takes it before feeding hostile names and compares after. Any pollution shows.
 */
export function prototypeState(): string {
  return JSON.stringify([
    Object.getOwnPropertyNames(Object.prototype).sort(),
    Object.getPrototypeOf(Object.prototype),
    (Object.prototype as Record<string, unknown>)['polluted'],
    ({} as Record<string, unknown>)['x'],
  ]);
}
