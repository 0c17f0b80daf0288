/** `.ts` when running from the sources (through tsx), `.js` in the compiled package. */
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/**
 * URL of the module sweep worker threads import (it exports `runSweepJob`), locally and on queue
 * workers alike; the compiled module in the built package.
 */
export const SWEEP_JOB_ENTRY: string = new URL(`./run-sweep-job${EXT}`, import.meta.url).href;
