#!/usr/bin/env node
// The `livemodel` command. An installed package runs the compiled JavaScript in dist/ (built by
// `npm run build`, which `prepare` runs); a checkout of the repository runs its TypeScript
// sources through tsx, so what runs is always what is in src/.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
} else {
  await import(new URL('../dist/cli/main.js', import.meta.url).href);
}
