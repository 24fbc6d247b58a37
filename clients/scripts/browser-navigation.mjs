// A new visitor who moves through a site page by page, in headless Chromium: each page load tracks its own page view
// and the Signals plugin opens a new intervention stream for it. The last page's view is meant to make a published
// rule's criteria true, possibly while that very page is still opening its stream; the script waits on that page for
// the handler to receive the intervention, then stays a quiet period in which no second one may arrive. Prints, as
// JSON, what the last page's handler received and when each page loaded and each stream opened.
//
// --stream-delay-ms=N (default 0) holds back each stream request that long, as a slow network would: on loopback the
// stream usually opens before the view that fires the rule has gone through the pipeline.
//
// Usage: node browser-navigation.mjs [--stream-delay-ms=N] <page URL> <path> [<path>...]
import { launchChromium } from './chromium.mjs';

const options = process.argv.slice(2).filter((arg) => arg.startsWith('--'));
const [pageUrl, ...paths] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const delayOption = options.find((arg) => arg.startsWith('--stream-delay-ms='));
const STREAM_DELAY_MS = delayOption ? Number(delayOption.split('=')[1]) : 0;
if (!pageUrl || paths.length === 0 || !(STREAM_DELAY_MS >= 0)) {
  console.error('usage: node browser-navigation.mjs [--stream-delay-ms=N] <page URL> <path> [<path>...]');
  process.exit(2);
}
const DEADLINE_MS = 20000;
const QUIET_MS = 2000;
const STREAM_PATH = '/api/v1/interventions';

const startedAt = Date.now();
const streams = [];
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  if (STREAM_DELAY_MS > 0) {
    await page.route(`**${STREAM_PATH}?*`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, STREAM_DELAY_MS));
      await route.continue();
    });
  }
  page.on('console', (message) => console.error(`[page ${message.type()}] ${message.text()}`));
  page.on('response', (response) => {
    if (response.url().includes(STREAM_PATH)) {
      streams.push({ url: response.url(), status: response.status(), openedAt: Date.now() - startedAt });
    }
  });
  const pages = [];
  const open = async (path) => {
    await page.goto(`${pageUrl}?view=${encodeURIComponent(path)}`);
    await page.waitForFunction(() => window.signalboxReady === true);
    pages.push({ path, loadedAt: Date.now() - startedAt });
  };

  for (const path of paths.slice(0, -1)) {
    await open(path);
    await page.waitForTimeout(1000);
  }
  await open(paths.at(-1));
  const lastPageAt = Date.now();
  await page.waitForFunction(() => window.signalboxInterventions.length > 0, null, { timeout: DEADLINE_MS });
  const receivedAfterMs = Date.now() - lastPageAt;
  await page.waitForTimeout(QUIET_MS);

  process.stdout.write(JSON.stringify({
    ids: await page.evaluate(() => window.signalboxIds()),
    interventions: await page.evaluate(() => window.signalboxInterventions),
    pages,
    streams,
    receivedAfterMs,
  }));
} finally {
  await browser.close();
}
