// Sends a fixed scenario of events to a collector with the official @snowplow/node-tracker and prints, as one JSON
// document on stdout, every payload the tracker reports as successfully sent.
//
// Usage: node node-tracker-scenario.mjs <collector base URL> <domain user id> <session id>
import {
  newTracker,
  buildPageView,
  buildStructEvent,
  buildSelfDescribingEvent,
} from '@snowplow/node-tracker';

const [endpoint, domainUserId, sessionId] = process.argv.slice(2);
if (!endpoint || !domainUserId || !sessionId) {
  console.error('usage: node node-tracker-scenario.mjs <endpoint> <domain user id> <session id>');
  process.exit(2);
}

const sent = [];
const failures = [];

function tracker(name, encodeBase64, eventMethod) {
  const t = newTracker(
    { namespace: name, appId: 'node-scenario', encodeBase64 },
    {
      endpoint,
      eventMethod,
      bufferSize: eventMethod === 'post' ? 5 : 1,
      onRequestSuccess: (batch) => {
        for (const payload of batch) sent.push({ tracker: name, method: eventMethod, payload });
      },
      onRequestFailure: (failure) => failures.push(failure),
    },
  );
  t.setDomainUserId(domainUserId);
  t.setSessionId(sessionId);
  t.setSessionIndex(2);
  t.setUserId('user-42');
  t.setLang('en-GB');
  t.setTimezone('Europe/London');
  t.setScreenResolution(1920, 1080);
  t.setViewport(1200, 800);
  return t;
}

const webPage = (id) => ({
  schema: 'iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0',
  data: { id },
});

async function scenario(t, pageId) {
  t.track(buildPageView({
    pageUrl: 'https://www.acme.example/pricing?utm_source=news&utm_medium=email&utm_campaign=launch#plans',
    pageTitle: 'Pricing',
    referrer: 'https://www.google.co.uk/search?q=signalbox+pricing',
  }), [webPage(pageId)]);
  t.track(buildStructEvent({ category: 'cta', action: 'click', label: 'book-demo', property: 'hero', value: 2.5 }),
    [webPage(pageId)]);
  t.track(buildSelfDescribingEvent({
    event: {
      schema: 'iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1',
      data: { targetUrl: 'https://www.acme.example/customers', elementId: 'nav-customers' },
    },
  }), [webPage(pageId)]);
  t.track(buildSelfDescribingEvent({
    event: {
      schema: 'iglu:com.snowplowanalytics.snowplow/submit_form/jsonschema/1-0-0',
      data: { formId: 'demo-request', formClasses: ['lead'], elements: [
        { name: 'email', value: 'ana@acme.example', nodeName: 'INPUT', type: 'email' },
      ] },
    },
  }), [webPage(pageId)]);
  await t.flush();
}

await scenario(tracker('post-plain', false, 'post'), '0edd614e-975d-4f3a-9cd9-af123ac35068');
await scenario(tracker('get-base64', true, 'get'), '7a1d9c2e-4b8f-4e3a-9a1b-2c3d4e5f6a7b');

// The last success callback can fire just after flush() resolves; give it a moment.
const expected = 8;
for (let waited = 0; sent.length < expected && failures.length === 0 && waited < 5000; waited += 50) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}
if (failures.length > 0) {
  console.error(`${failures.length} requests failed: ${JSON.stringify(failures).slice(0, 2000)}`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(sent));
