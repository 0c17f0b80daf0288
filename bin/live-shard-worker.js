// Worker-thread entry of a sharded live run: registers tsx, then runs src/runner/live-shard-worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/runner/live-shard-worker.ts');
