// Drives the interventions test page in headless Chromium: views the home page, waits until the Signals plugin's
// event stream is open for the tracker's ids, views /pricing three times, waits for the handler to receive an
// intervention, views /pricing twice more, waits until Signalbox has counted every view and then a quiet period in
// which no second intervention may arrive. Prints, as JSON, what the handler received and what the browser saw.
//
// Usage: node browser-interventions.mjs <page URL> <Signalbox base URL> <API key>
import { launchChromium } from './chromium.mjs';

const [pageUrl, signalbox, apiKey] = process.argv.slice(2);
if (!pageUrl || !signalbox || !apiKey) {
  console.error('usage: node browser-interventions.mjs <page URL> <Signalbox base URL> <API key>');
  process.exit(2);
}
const DEADLINE_MS = 15000;
const QUIET_MS = 2000;
const STREAM_PATH = '/api/v1/interventions';
const COLLECTOR_PATH = '/com.snowplowanalytics.snowplow/tp2';

const startedAt = Date.now();
const streams = [];
const failedRequests = [];
let pageViewsAcknowledged = 0;

async function until(what, condition) {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await condition();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${DEADLINE_MS} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function onlineAttributes(domainUserId) {
  const response = await fetch(`${signalbox}/api/v1/get-online-attributes`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({
      service: 'prospect_scoring_tutorial_service',
      attribute_keys: { domain_userid: [domainUserId] },
    }),
  });
  if (response.status !== 200) {
    throw new Error(`get-online-attributes answered ${response.status}: ${await response.text()}`);
  }
  return response.json();
}

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.on('console', (message) => console.error(`[page ${message.type()}] ${message.text()}`));
  page.on('request', (request) => {
    if (request.url().includes(STREAM_PATH)) {
      streams.push({ url: request.url(), requestedAt: Date.now() - startedAt, status: null });
    }
  });
  page.on('response', (response) => {
    const url = response.url();
    if (url.includes(STREAM_PATH)) {
      const stream = streams.findLast((s) => s.url === url && s.status === null);
      if (stream) {
        stream.status = response.status();
        stream.contentType = response.headers()['content-type'] ?? null;
        stream.openedAt = Date.now() - startedAt;
      }
    } else if (url.includes(COLLECTOR_PATH) && response.status() === 200) {
      const events = JSON.parse(response.request().postData() ?? '{"data":[]}').data;
      pageViewsAcknowledged += events.filter((event) => event.e === 'pv').length;
    }
  });
  page.on('requestfailed', (request) => {
    failedRequests.push({ url: request.url(), failure: request.failure()?.errorText ?? null });
  });

  const view = async (path) => {
    const expected = pageViewsAcknowledged + 1;
    await page.evaluate((p) => window.signalboxView(p), path);
    await until(`the collector to acknowledge page view ${expected}`, () => pageViewsAcknowledged >= expected);
  };
  const received = () => page.evaluate(() => window.signalboxInterventions);

  // 1. The first page view gives the plugin both ids; it then (re)subscribes with them.
  await page.goto(pageUrl);
  await page.waitForFunction(() => window.signalboxReady === true);
  await view('/');
  const ids = await page.evaluate(() => window.signalboxIds());
  const subscription = await until('the intervention stream to open with the tracker ids', () => {
    const latest = streams.at(-1);
    if (!latest || latest.status === null) {
      return null;
    }
    const params = new URL(latest.url).searchParams;
    return params.get('domain_userid') === ids.domainUserId && params.get('domain_sessionid') === ids.domainSessionId
      ? latest
      : null;
  });

  // 2. The third pricing view makes the rule's criteria true.
  for (let i = 0; i < 3; i++) {
    await view('/pricing');
  }
  await until('the handler to receive an intervention', async () => (await received()).length > 0);
  const firstDeliveryAt = Date.now() - startedAt;

  // 3. Two more pricing views keep the criteria true: no new edge, no new intervention.
  await view('/pricing');
  await view('/pricing?plan=team');
  const attributes = await until('Signalbox to count all five pricing views', async () => {
    const answer = await onlineAttributes(ids.domainUserId);
    return answer.num_pricing_views[0] >= 5 ? answer : null;
  });
  await page.waitForTimeout(QUIET_MS);

  process.stdout.write(JSON.stringify({
    ids,
    interventions: await received(),
    subscription,
    streams,
    failedRequests,
    attributes,
    pageViewsAcknowledged,
    firstDeliveryAt,
    finishedAt: Date.now() - startedAt,
  }));
} finally {
  await browser.close();
}
