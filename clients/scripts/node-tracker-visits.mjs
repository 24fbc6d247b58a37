// Sends visits to a collector with the official @snowplow/node-tracker: for each visitor, page views of the given
// URLs and a number of structured events, all with the visitor's domain user and session ids. Prints, as one JSON
// document, how many events of each visitor the collector acknowledged.
//
// Usage: node node-tracker-visits.mjs <collector base URL> '<visits JSON>'
//   visits: [{"domainUserId": "<uuid>", "sessionId": "<uuid>", "pageUrls": ["https://…"], "structEvents": 1}, …]
import { newTracker, buildPageView, buildStructEvent } from '@snowplow/node-tracker';

const [endpoint, visitsJson] = process.argv.slice(2);
if (!endpoint || !visitsJson) {
  console.error("usage: node node-tracker-visits.mjs <endpoint> '<visits JSON>'");
  process.exit(2);
}
const visits = JSON.parse(visitsJson);

const acknowledged = {};
const failures = [];
let expected = 0;

for (const [index, visit] of visits.entries()) {
  const tracker = newTracker(
    { namespace: `visitor-${index}`, appId: 'signals-node-test', encodeBase64: false },
    {
      endpoint,
      eventMethod: 'post',
      bufferSize: 1,
      onRequestSuccess: (batch) => {
        acknowledged[visit.domainUserId] = (acknowledged[visit.domainUserId] ?? 0) + batch.length;
      },
      onRequestFailure: (failure) => failures.push(failure),
    },
  );
  tracker.setDomainUserId(visit.domainUserId);
  tracker.setSessionId(visit.sessionId);
  tracker.setSessionIndex(1);
  for (const pageUrl of visit.pageUrls) {
    tracker.track(buildPageView({ pageUrl, pageTitle: new URL(pageUrl).pathname }));
  }
  for (let i = 0; i < (visit.structEvents ?? 0); i++) {
    tracker.track(buildStructEvent({ category: 'cta', action: 'click', label: 'book-demo' }));
  }
  expected += visit.pageUrls.length + (visit.structEvents ?? 0);
  await tracker.flush();
}

// The last success callback can fire just after flush() resolves.
const total = () => Object.values(acknowledged).reduce((sum, n) => sum + n, 0);
for (let waited = 0; total() < expected && failures.length === 0 && waited < 10000; waited += 20) {
  await new Promise((resolve) => setTimeout(resolve, 20));
}
if (failures.length > 0 || total() !== expected) {
  console.error(`acknowledged ${total()} of ${expected} events; failures: ${JSON.stringify(failures).slice(0, 2000)}`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(acknowledged));
