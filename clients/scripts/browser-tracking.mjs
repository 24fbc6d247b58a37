// Drives the browser test page in headless Chromium: views it, moves around so page pings fire, clicks a link,
// focuses, changes and submits a form, then prints as JSON what the browser saw (cookies, tracker ids).
//
// Usage: node browser-tracking.mjs <page URL>
import { launchChromium } from './chromium.mjs';

const [pageUrl] = process.argv.slice(2);
const browser = await launchChromium();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const collectorResponses = [];
  page.on('response', (response) => {
    if (response.url().includes('/com.snowplowanalytics.snowplow/tp2')) {
      collectorResponses.push({ status: response.status(), setCookie: response.headers()['set-cookie'] || null });
    }
  });
  await page.goto(pageUrl);
  await page.waitForFunction(() => window.signalboxTrackingReady === true);

  // Activity for page pings: the heartbeat is 1 s, and a ping needs activity within it.
  for (let i = 0; i < 4; i++) {
    await page.mouse.move(100 + i * 20, 200 + i * 10);
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(600);
  }
  await page.click('#docs-link');
  await page.focus('#email');
  await page.fill('#email', 'ana@acme.example');
  await page.focus('#company');
  await page.fill('#company', 'Acme');
  await page.click('#submit');
  await page.waitForTimeout(2500);

  const cookies = await context.cookies();
  const duid = await page.evaluate(() => {
    const cookie = document.cookie.split('; ').find((c) => c.startsWith('_sp_id.'));
    return cookie ? cookie.split('=')[1].split('.')[0] : null;
  });
  process.stdout.write(JSON.stringify({ cookies, domainUserId: duid, collectorResponses }));
} finally {
  await browser.close();
}
