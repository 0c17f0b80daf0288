import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './cli.ts';

/** Writes `body` to a new file in a fresh temp folder and returns its path. */
export function tempFile(name: string, body: string): string {
  const file = join(tempDir('livemodel-feeds-'), name);
  writeFileSync(file, body);
  return file;
}
