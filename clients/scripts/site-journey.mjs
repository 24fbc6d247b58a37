// A scripted prospect on the demo site in headless Chromium: browses home, pricing, case studies and the product
// tour, watches the console for live attributes and scores, submits the demo form, then opens the dashboard.
// Usage: node scripts/site-journey.mjs BASE_URL SCREENSHOT_DIR; prints one JSON object.
import { launchChromium } from './chromium.mjs';
import { mkdirSync } from 'node:fs';

const [base, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const browser = await launchChromium();
const result = { console: [], scores: [], engagements: [], pages: [] };
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await context.addInitScript(() => {
    window.SIGNALBOX_OVERRIDES = { pollSeconds: 2, tourSpeed: 30 };
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    const text = message.text();
    result.console.push(text);
    const prediction = /^Prediction: (\S+) - ([0-9.]+)$/.exec(text);
    if (prediction) {
      result.domainUserId = prediction[1];
      result.scores.push(Number(prediction[2]));
    }
    const engagement = /^Engagement shown: (\S+)$/.exec(text);
    if (engagement) {
      result.engagements.push(engagement[1]);
    }
  });
  const visit = async (path, seconds) => {
    await page.goto(base + path);
    result.pages.push(path);
    await page.waitForTimeout(seconds * 1000);
  };
  await visit('/', 4);
  await page.screenshot({ path: `${shots}/site-home.png` });
  await visit('/product', 3);
  await visit('/pricing', 6);
  await visit('/customers', 3);
  await visit('/customers/globex', 6);
  await visit('/customers/initech', 5);
  await visit('/pricing', 6);
  await page.goto(base + '/product/tour');
  result.pages.push('/product/tour');
  await page.click('#tour-play');
  await page.waitForTimeout(7000);
  await visit('/pricing', 4);
  // Wait for this page to offer the expert, polling rather than sleeping blindly. The offer follows a score over the
  // threshold, and scores near it move both ways from one poll to the next; like a real prospect, the visitor keeps
  // browsing (a case study, then pricing again) while the page has not made the offer yet.
  const offer = '#engagement[data-kind="expert_offer"]';
  const offerShown = () =>
    page.waitForSelector(offer, { state: 'visible', timeout: 12000 }).then(
      () => true,
      () => false,
    );
  let shown = await offerShown();
  for (const path of ['/customers/globex', '/pricing', '/customers/initech', '/pricing']) {
    if (shown) {
      break;
    }
    await visit(path, 1);
    shown = await offerShown();
  }
  result.engagementVisible = await page.isVisible('#engagement');
  result.engagementText = result.engagementVisible ? await page.textContent('#engagement') : null;
  await page.screenshot({ path: `${shots}/site-engagement.png` });
  await page.goto(base + '/demo');
  await page.fill('#name', 'Ada Prospect');
  await page.fill('#email', 'ada@example.com');
  await page.fill('#company', 'Example Ltd');
  await page.fill('#message', 'Show me live scoring');
  await Promise.all([page.waitForURL('**/demo/thanks'), page.click('button[type=submit]')]);
  result.formSubmitted = page.url().endsWith('/demo/thanks');
  await page.waitForTimeout(1500);
  const dashboard = await context.newPage();
  await dashboard.goto(base + '/dashboard');
  try {
    await dashboard.waitForSelector(`tr[data-domain-userid="${result.domainUserId}"]`, { timeout: 20000 });
    result.dashboardRow = await dashboard.textContent(`tr[data-domain-userid="${result.domainUserId}"]`);
    result.dashboardTrendPoints = await dashboard.$eval(
      `tr[data-domain-userid="${result.domainUserId}"] polyline`,
      (line) => line.getAttribute('points').split(' ').length,
    );
  } catch (error) {
    result.dashboardRow = null;
  }
  await dashboard.screenshot({ path: `${shots}/dashboard.png`, fullPage: true });
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
