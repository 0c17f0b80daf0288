import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gcFn = runInNewContext('gc') as () => void;

/** Heap in use after a full garbage collection, in bytes. */
export function heapAfterGc(): number {
  gcFn();
  gcFn();
  return process.memoryUsage().heapUsed;
}
