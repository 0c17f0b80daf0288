import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium package; CI installs it too. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Launches headless Chromium with a fresh profile, no background networking and no first-run UI.
 *
 * @throws {Error} with the install command when Chromium is missing (the browser tests must fail, not skip).
 */
export async function launchChromium(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the report browser tests need it. Install it with \`apt-get update && apt-get install -y chromium\` (Debian/Ubuntu).`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'livemodel-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
  });
}

/** What loading a page in the browser gave: errors, requests that left the file, load time. */
export interface PageLoad {
  errors: string[];
  external: string[];
  loadMs: number;
}

/**
 * Opens a local HTML file, recording console errors, page errors and any request that is not a
 * `file:` or `data:` URL (blocked), and the navigation's load-event time.
 */
export async function openReport(
  context: BrowserContext,
  file: string,
): Promise<{ page: Awaited<ReturnType<BrowserContext['newPage']>>; load: PageLoad }> {
  const page = await context.newPage();
  const load: PageLoad = { errors: [], external: [], loadMs: Number.NaN };
  page.on('console', (m) => {
    if (m.type() === 'error') load.errors.push(m.text());
  });
  page.on('pageerror', (e) => load.errors.push(String(e)));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    load.external.push(url);
    return route.abort();
  });
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  load.loadMs = (await page.evaluate(
    `performance.getEntriesByType('navigation')[0].loadEventEnd`,
  )) as number;
  return { page, load };
}
