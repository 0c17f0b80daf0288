// Worker-thread entry of the threaded recorder: registers tsx, then runs src/store/recorder-worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/store/recorder-worker.ts');
