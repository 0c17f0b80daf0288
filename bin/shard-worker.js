// Worker-thread entry of a sharded run: registers tsx, then runs src/cli/shard-worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/shard-worker.ts');
