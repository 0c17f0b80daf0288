#!/usr/bin/env node
// The `livemodel` command from the TypeScript sources (through tsx), whatever dist/ holds: what
// the tests run, so they always test the code as it is in src/.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
