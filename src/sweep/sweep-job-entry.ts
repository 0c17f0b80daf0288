/**
 * URL of the module sweep worker threads import (it exports `runSweepJob`), locally and on queue
 * workers alike.
 */
export const SWEEP_JOB_ENTRY: string = new URL('./run-sweep-job.ts', import.meta.url).href;
