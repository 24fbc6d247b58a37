// Launches Debian's Chromium headless through playwright-core with the flags this environment needs.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath() {
  const found = CANDIDATES.find((path) => path && existsSync(path));
  if (!found) {
    throw new Error('Chromium not found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH');
  }
  return found;
}

export async function launchChromium() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
