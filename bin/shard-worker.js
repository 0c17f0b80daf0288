// Worker-thread entry of a sharded run: registers tsx, then runs src/runner/shard-worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/runner/shard-worker.ts');
